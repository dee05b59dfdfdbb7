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
/**
 * `fraudRelated`: a rejection for this reason (a forged document, an identity that does not
 * match) makes a warning signal on the same company's or person's later applications.
 */
export const rejectReason = z.strictObject({
  code,
  label: localizedText,
  fraudRelated: z.boolean().optional(),
});

/**
 * A document the administration already holds (Law 2017-007, art. 125): the number the applicant
 * gives in `field` must be a certificate of `procedureCode` that Bureau knows; its state is shown
 * beside the checklist item `checklistItem`.
 */
export const prerequisiteRule = z.strictObject({
  field: identifier,
  procedureCode: z.string().regex(/^[A-Z]{3}-[A-Z]{2,6}$/, 'code de procédure attendu'),
  checklistItem: identifier,
  label: localizedText,
});
export type PrerequisiteRule = z.infer<typeof prerequisiteRule>;

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
    prerequisites: z.array(prerequisiteRule).max(10).optional(),
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
    const checklistIds = new Set(procedure.checklist.map((item) => item.id));
    procedure.prerequisites?.forEach((rule, r) => {
      if (!seen.has(rule.field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prerequisites', r, 'field'],
          message: `champ inconnu « ${rule.field} »`,
        });
      }
      if (!checklistIds.has(rule.checklistItem)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prerequisites', r, 'checklistItem'],
          message: `point de contrôle inconnu « ${rule.checklistItem} »`,
        });
      }
    });
  });
export type ProcedureDefinition = z.infer<typeof procedureDefinition>;

export function procedureFields(procedure: ProcedureDefinition): FieldDefinition[] {
  return procedure.sections.flatMap((section) => section.fields);
}
