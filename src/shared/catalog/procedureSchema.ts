import { z } from 'zod';

/**
 * The shape of one procedure definition (`resources/procedures/*.json`). The catalog is data:
 * adding a procedure means adding a file that passes this schema, never a release.
 */
export const localizedText = z.strictObject({
  fr: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

const identifier = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'identifiant camelCase attendu');
const code = z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'code en majuscules attendu');

const fieldCommon = {
  id: identifier,
  label: localizedText,
  required: z.boolean().default(true),
  help: localizedText.optional(),
};

const selectOption = z.strictObject({ value: z.string().min(1), label: localizedText });

/**
 * Field types carry their validation. Identifier-like types (nif, rccm, phone, hsCode) have
 * fixed national formats, so they need no per-field pattern.
 */
export const fieldDefinition = z.discriminatedUnion('type', [
  z.strictObject({
    ...fieldCommon,
    type: z.literal('text'),
    minLength: z.int().nonnegative().optional(),
    maxLength: z.int().positive().optional(),
    pattern: z.string().optional(),
    patternHint: localizedText.optional(),
  }),
  z.strictObject({
    ...fieldCommon,
    type: z.literal('longText'),
    maxLength: z.int().positive().optional(),
  }),
  z.strictObject({
    ...fieldCommon,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    unit: localizedText.optional(),
  }),
  z.strictObject({
    ...fieldCommon,
    type: z.literal('amount'),
    currency: z.literal('XOF'),
    min: z.number().nonnegative().optional(),
    max: z.number().positive().optional(),
  }),
  z.strictObject({
    ...fieldCommon,
    type: z.literal('date'),
    notInFuture: z.boolean().default(false),
    notInPast: z.boolean().default(false),
  }),
  z.strictObject({
    ...fieldCommon,
    type: z.literal('select'),
    options: z.array(selectOption).min(1),
  }),
  z.strictObject({ ...fieldCommon, type: z.literal('boolean') }),
  z.strictObject({ ...fieldCommon, type: z.literal('email') }),
  z.strictObject({ ...fieldCommon, type: z.literal('phone') }),
  z.strictObject({ ...fieldCommon, type: z.literal('nif') }),
  z.strictObject({ ...fieldCommon, type: z.literal('rccm') }),
  z.strictObject({ ...fieldCommon, type: z.literal('hsCode') }),
  z.strictObject({ ...fieldCommon, type: z.literal('country') }),
]);
export type FieldDefinition = z.infer<typeof fieldDefinition>;
export type FieldType = FieldDefinition['type'];

export const fieldSection = z.strictObject({
  id: identifier,
  title: localizedText,
  fields: z.array(fieldDefinition).min(1),
});

export const documentRequirement = z.strictObject({
  code,
  label: localizedText,
  required: z.boolean().default(true),
  mimeTypes: z.array(z.enum(['application/pdf', 'image/jpeg', 'image/png'])).min(1),
  maxSizeKb: z.int().positive(),
});

export const checklistItem = z.strictObject({ id: identifier, label: localizedText });
export const rejectReason = z.strictObject({ code, label: localizedText });

export const procedureDefinition = z
  .strictObject({
    code: z.string().regex(/^[A-Z]{3}-[A-Z]{2,6}$/, 'code de procédure attendu, ex. COM-IMPEX'),
    version: z.int().positive(),
    title: localizedText,
    shortTitle: localizedText,
    ministry: localizedText,
    direction: localizedText,
    applicantKind: z.enum(['company', 'person']),
    slaWorkingDays: z.int().min(1).max(120),
    signOffRequired: z.boolean(),
    sections: z.array(fieldSection).min(1),
    documents: z.array(documentRequirement).min(1),
    checklist: z.array(checklistItem).min(1),
    rejectReasons: z.array(rejectReason).min(1),
    certificate: z.strictObject({
      title: localizedText,
      numberPrefix: z.string().regex(/^[A-Z]{2,4}$/),
      validityMonths: z.int().positive().nullable(),
    }),
  })
  .superRefine((procedure, ctx) => {
    const seen = new Set<string>();
    procedure.sections.forEach((section, s) =>
      section.fields.forEach((field, f) => {
        if (seen.has(field.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'id'],
            message: `identifiant de champ en double « ${field.id} »`,
          });
        }
        seen.add(field.id);
      }),
    );
    const docCodes = new Set<string>();
    procedure.documents.forEach((doc, d) => {
      if (docCodes.has(doc.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['documents', d, 'code'],
          message: `code de document en double « ${doc.code} »`,
        });
      }
      docCodes.add(doc.code);
    });
  });
export type ProcedureDefinition = z.infer<typeof procedureDefinition>;

export function procedureFields(procedure: ProcedureDefinition): FieldDefinition[] {
  return procedure.sections.flatMap((section) => section.fields);
}
