import { z } from 'zod';

/**
 * The shape of the decision-letter templates (`resources/letters/`): one shared layout
 * (`layout.json`: the wording every ministry letter shares) and one file per procedure
 * (`<CODE>.json`: the signatory, each reject reason's legal wording, the routes and deadlines of
 * appeal, the time given to answer a request for documents, the approval cover letter). Data,
 * never code: a new procedure's letters are a new file.
 */

const text = (max: number) =>
  z
    .string({ error: 'texte attendu' })
    .trim()
    .min(1, 'texte vide')
    .max(max, `texte trop long (au plus ${max} caractères)`);

/** A text whose placeholders must all be present, e.g. « {office}, le {date} ». */
const withPlaceholders = (max: number, ...names: string[]) =>
  text(max).refine((value) => names.every((name) => value.includes(`{${name}}`)), {
    message: `le texte doit contenir ${names.map((name) => `{${name}}`).join(' et ')}`,
  });

const color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'couleur attendue au format #RRGGBB');

export const letterLayout = z.strictObject({
  version: z.literal(1, 'version de mise en page attendue : 1'),
  country: text(60),
  motto: text(80),
  labels: z.strictObject({
    number: text(20),
    madeAt: withPlaceholders(80, 'office', 'date'),
    addressee: text(40),
    object: text(20),
    reference: text(20),
    referenceText: withPlaceholders(160, 'reference', 'submittedOn'),
    salutation: text(60),
    officeLine: withPlaceholders(60, 'office'),
    caseHandledBy: withPlaceholders(80, 'clerk'),
    electronicSignature: withPlaceholders(120, 'keyId'),
    verification: text(40),
    specimen: text(30),
    specimenNotice: text(80),
    preview: text(20),
    previewNotice: text(120),
    page: withPlaceholders(40, 'page', 'pages'),
  }),
  rejection: z.strictObject({
    title: text(80),
    object: withPlaceholders(200, 'procedure'),
    opening: withPlaceholders(400, 'reference', 'submittedOn', 'procedure'),
    decision: withPlaceholders(400, 'office'),
    decisionPlural: withPlaceholders(400, 'office'),
    commentHeading: text(80),
    appealHeading: text(80),
    gracious: withPlaceholders(600, 'authority', 'delay'),
    contentious: withPlaceholders(600, 'court', 'delay'),
    newApplication: text(400),
    closing: text(200),
  }),
  infoRequest: z.strictObject({
    title: text(80),
    object: withPlaceholders(200, 'procedure'),
    opening: withPlaceholders(400, 'reference', 'submittedOn', 'procedure'),
    request: withPlaceholders(400, 'office'),
    documentsHeading: text(120),
    fieldsHeading: text(120),
    commentHeading: text(80),
    answerBy: withPlaceholders(300, 'date'),
    pause: text(300),
    closing: text(200),
  }),
  approval: z.strictObject({
    title: text(80),
    object: withPlaceholders(200, 'procedure'),
    opening: withPlaceholders(400, 'reference', 'submittedOn', 'procedure'),
    decision: withPlaceholders(400, 'office'),
    commentHeading: text(80),
    closing: text(200),
  }),
  verificationHint: text(400),
  footerMentions: z.array(text(300)).max(3, 'au plus 3 mentions de pied de page'),
  colors: z.strictObject({ accent: color, ink: color, muted: color, specimen: color }),
});
export type LetterLayout = z.infer<typeof letterLayout>;

export const letterTemplate = z.strictObject({
  procedureCode: z.string().regex(/^[A-Z]{3}-[A-Z]{2,6}$/, 'code de procédure attendu'),
  /** Who signs the office's letters for this procedure: a name and a title. */
  signatory: z.strictObject({ name: text(120), title: text(160) }),
  rejection: z.strictObject({
    /** Each reject reason code of the procedure, in the wording the letter prints (checked). */
    reasons: z.record(
      z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'code de motif attendu'),
      text(700),
    ),
    appeal: z.strictObject({
      /** Recours gracieux: to whom (« Monsieur le Ministre … ») and within what delay. */
      gracious: z.strictObject({ authority: text(200), delay: text(60) }),
      /** Recours contentieux: before which court and within what delay. */
      contentious: z.strictObject({ court: text(200), delay: text(60) }),
    }),
  }),
  infoRequest: z.strictObject({
    /** Working days (holiday calendar) from the request to the date printed as the answer-by. */
    replyWorkingDays: z.int().min(1).max(90),
    /** What happens without an answer by that date. */
    afterDeadline: text(400),
  }),
  /** The cover letter with a favourable decision, for the procedures that send one. */
  approval: z
    .strictObject({
      coverLetter: z.literal(true),
      body: z.array(text(600)).min(1).max(4),
    })
    .nullable(),
});
export type LetterTemplate = z.infer<typeof letterTemplate>;
