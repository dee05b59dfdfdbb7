import { z } from 'zod';

/**
 * The shape of the certificate templates (`resources/certificates/`): one shared layout
 * (`layout.json`) and one file per procedure (`<CODE>.json`). Templates are data: a new
 * procedure's certificate is a new file, never code.
 */

const text = (max: number) =>
  z
    .string({ error: 'texte attendu' })
    .trim()
    .min(1, 'texte vide')
    .max(max, `texte trop long (au plus ${max} caractères)`);

/** A text with placeholders that must all be present, e.g. « Fait à {office}, le {date} ». */
const withPlaceholders = (max: number, ...names: string[]) =>
  text(max).refine((value) => names.every((name) => value.includes(`{${name}}`)), {
    message: `le texte doit contenir ${names.map((name) => `{${name}}`).join(' et ')}`,
  });

const color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'couleur attendue au format #RRGGBB');

export const certificateLayout = z.strictObject({
  version: z.literal(1, 'version de mise en page attendue : 1'),
  country: text(60),
  motto: text(80),
  seal: z.strictObject({
    /** Written around the ring of the drawn seal. */
    ring: text(70),
    /** Under the star, in the middle of the seal (a short acronym). */
    center: text(12),
  }),
  labels: z.strictObject({
    number: text(20),
    reference: text(40),
    issuedOn: text(40),
    validUntil: text(40),
    /** Heads the validity cell of a certificate that does not expire. */
    validity: text(40),
    noExpiry: text(80),
    madeAt: withPlaceholders(80, 'office', 'date'),
    issuedBy: text(60),
    electronicSignature: withPlaceholders(120, 'keyId'),
    verification: text(40),
    duplicate: text(20),
    reprinted: withPlaceholders(60, 'date'),
    /**
     * The diagonal mark across every page of a training certificate, and the line under it.
     * Optional in the schema only because documents stored before them must still be drawn;
     * the layout file must have them (checked at start-up).
     */
    specimen: text(30).optional(),
    specimenNotice: text(80).optional(),
  }),
  verificationHint: text(400),
  footerMentions: z.array(text(300)).max(3, 'au plus 3 mentions de pied de page'),
  colors: z.strictObject({
    accent: color,
    ink: color,
    muted: color,
    seal: color,
    duplicate: color,
  }),
});
export type CertificateLayout = z.infer<typeof certificateLayout>;

/** Where a printed value comes from: the applicant, the company, a form field or the case. */
export const SOURCE_PATTERN = /^(applicant|company|form|case)\.([a-zA-Z][a-zA-Z0-9]*)$/;
export const APPLICANT_SOURCES = [
  'fullName',
  'firstName',
  'lastName',
  'birthDate',
  'idNumber',
  'address',
  'city',
  'region',
  'phone',
  'email',
] as const;
export const COMPANY_SOURCES = ['name', 'legalForm', 'nif', 'rccm'] as const;
export const CASE_SOURCES = ['reference', 'submittedOn'] as const;

const source = z
  .string({ error: 'source attendue' })
  .regex(SOURCE_PATTERN, 'source attendue : applicant.…, company.…, form.<champ> ou case.…');

/** One value or several joined by a space (« 4 373 000 » + « litres »). */
const sources = z.union([source, z.array(source).min(1).max(3)]);

const printedField = z.strictObject({
  label: text(60),
  source: sources,
  /** Left off the certificate when the applicant gave no value (optional form fields). */
  optional: z.boolean().default(false),
  /** Between the values of several sources (default: a space). */
  separator: z.string().max(20, 'séparateur trop long (au plus 20 caractères)').default(' '),
});
export type PrintedField = z.infer<typeof printedField>;

export const certificateTemplate = z.strictObject({
  procedureCode: z.string().regex(/^[A-Z]{3}-[A-Z]{2,6}$/, 'code de procédure attendu'),
  /** Must match the catalog's `certificate.title.fr` (checked at start-up). */
  title: text(120),
  /** Must match the catalog's `certificate.validityMonths` (checked at start-up). */
  validityMonths: z.int().positive().nullable(),
  ministry: text(160),
  direction: text(160),
  /** The sentence that opens the body (« Le Directeur … certifie que … »). */
  preamble: text(600),
  holder: z.strictObject({ label: text(40), source: sources }),
  fields: z
    .array(printedField)
    .min(1, 'au moins un champ imprimé')
    .max(14, 'au plus 14 champs imprimés'),
  /** The 2 to 4 facts the QR code carries besides number, holder and dates (short labels). */
  qrFacts: z
    .array(z.strictObject({ label: text(20), source: sources }))
    .min(2, 'au moins 2 faits dans le QR code')
    .max(4, 'au plus 4 faits dans le QR code'),
  legalMentions: z.array(text(400)).max(4, 'au plus 4 mentions légales'),
  signatory: text(120),
});
export type CertificateTemplate = z.infer<typeof certificateTemplate>;
