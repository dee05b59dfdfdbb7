import { z } from 'zod';

/** The three decision letters (issue 20 §1). */
export const LETTER_KINDS = ['rejection', 'info_request', 'approval'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** One block of the letter's body, in reading order. */
export type LetterBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  /** A numbered or bulleted list: the reasons, the missing documents, the fields to correct. */
  | { type: 'list'; items: string[] }
  /** The clerk's own words, printed as written (quoted, in italics). */
  | { type: 'quote'; text: string };

/**
 * Everything printed on one letter, resolved to final French text when the decision is made and
 * stored with the letter's row (`document_json`). The PDF is a pure function of this object, so
 * a letter is rendered again after a crash exactly as it was notified, whatever the templates or
 * the case became since. A preview is the same object without number, key nor QR text.
 */
export interface LetterDocument {
  format: 1;
  kind: LetterKind;
  /** Null on a preview (« APERÇU »): not numbered, not signed. */
  number: string | null;
  procedureCode: string;
  reference: string;
  officeCode: string;
  issuedAt: string;
  issuedOn: string;
  /** « Lomé, le 7 décembre 2026 ». */
  madeAt: string;
  country: string;
  motto: string;
  ministry: string;
  direction: string;
  officeLine: string;
  /** « Notification de rejet ». */
  title: string;
  /** « Objet : … » and « Réf. : … » lines, labels included. */
  object: { label: string; text: string };
  referenceLine: { label: string; text: string };
  addressee: { label: string; lines: string[] };
  salutation: string;
  blocks: LetterBlock[];
  closing: string;
  signatory: { name: string; title: string };
  handledBy: string;
  /** The date by which the applicant answers (an info request only), ISO. */
  answerBy: string | null;
  keyId: string | null;
  qrText: string | null;
  labels: {
    number: string;
    electronicSignature: string;
    verification: string;
    verificationHint: string;
    specimen: string;
    specimenNotice: string;
    preview: string;
    previewNotice: string;
    page: string;
  };
  footerMentions: string[];
  colors: { accent: string; ink: string; muted: string; specimen: string };
  training?: true;
  preview?: true;
}

const block: z.ZodType<LetterBlock> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('list'), items: z.array(z.string()) }),
  z.object({ type: z.literal('quote'), text: z.string() }),
]);
const labelled = z.object({ label: z.string(), text: z.string() });

/** What `document_json` must hold for the letter to be drawn again. */
export const letterDocumentSchema: z.ZodType<LetterDocument> = z.object({
  format: z.literal(1),
  kind: z.enum(LETTER_KINDS),
  number: z.string().nullable(),
  procedureCode: z.string(),
  reference: z.string(),
  officeCode: z.string(),
  issuedAt: z.string(),
  issuedOn: z.string(),
  madeAt: z.string(),
  country: z.string(),
  motto: z.string(),
  ministry: z.string(),
  direction: z.string(),
  officeLine: z.string(),
  title: z.string(),
  object: labelled,
  referenceLine: labelled,
  addressee: z.object({ label: z.string(), lines: z.array(z.string()) }),
  salutation: z.string(),
  blocks: z.array(block),
  closing: z.string(),
  signatory: z.object({ name: z.string(), title: z.string() }),
  handledBy: z.string(),
  answerBy: z.string().nullable(),
  keyId: z.string().nullable(),
  qrText: z.string().nullable(),
  labels: z.object({
    number: z.string(),
    electronicSignature: z.string(),
    verification: z.string(),
    verificationHint: z.string(),
    specimen: z.string(),
    specimenNotice: z.string(),
    preview: z.string(),
    previewNotice: z.string(),
    page: z.string(),
  }),
  footerMentions: z.array(z.string()),
  colors: z.object({
    accent: z.string(),
    ink: z.string(),
    muted: z.string(),
    specimen: z.string(),
  }),
  training: z.literal(true).optional(),
  preview: z.literal(true).optional(),
});
