import { z } from 'zod';
import { certificateLayout, type CertificateLayout } from './templateSchema';

/**
 * Everything printed on one certificate, resolved to final French text at issue time and stored
 * with the certificate row (`facts_json`). The PDF is a pure function of this object (plus the
 * fonts and the drawing code), so a certificate can be rendered again after a crash — or years
 * later — exactly as issued, even if its template or the case have changed since.
 */
export interface CertificateDocument {
  /** Format of this object; bump when its shape changes. */
  format: 1;
  number: string;
  procedureCode: string;
  reference: string;
  officeCode: string;
  /** « Lomé »: where the certificate is made (« Fait à Lomé, le … »). */
  officeName: string;
  issuedAt: string;
  issuedOn: string;
  expiresOn: string | null;
  issuedOnText: string;
  expiresOnText: string | null;
  holder: { label: string; value: string };
  title: string;
  ministry: string;
  direction: string;
  preamble: string;
  fields: { label: string; value: string }[];
  legalMentions: string[];
  signatory: string;
  issuedBy: { id: string; displayName: string };
  keyId: string;
  /** The signed QR payload (see qrPayload.ts), drawn as a QR code and kept in the PDF's metadata. */
  qrText: string;
  /** The shared layout as it was when the certificate was issued. */
  layout: CertificateLayout;
  /**
   * Issued in training mode: every page carries the diagonal mark « SPÉCIMEN — FORMATION » and
   * the QR payload its signed counterpart. Absent on real certificates (and on every document
   * stored before the mark existed, all of them real or drawn as they were).
   */
  training?: true;
}

/** Where a duplicate differs from the original: its banner and watermark. */
export interface DuplicateMark {
  reprintedOn: string;
  reprintedOnText: string;
}

const labelled = z.object({ label: z.string(), value: z.string() });

/**
 * What `facts_json` must hold for the certificate to be drawn again. The layout is checked with
 * the templates' own schema: it was a validated template layout when it was stored, and the
 * renderer relies on exactly that shape.
 */
export const certificateDocumentSchema: z.ZodType<CertificateDocument> = z.object({
  format: z.literal(1),
  number: z.string(),
  procedureCode: z.string(),
  reference: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  issuedAt: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  issuedOnText: z.string(),
  expiresOnText: z.string().nullable(),
  holder: labelled,
  title: z.string(),
  ministry: z.string(),
  direction: z.string(),
  preamble: z.string(),
  fields: z.array(labelled),
  legalMentions: z.array(z.string()),
  signatory: z.string(),
  issuedBy: z.object({ id: z.string(), displayName: z.string() }),
  keyId: z.string(),
  qrText: z.string(),
  layout: certificateLayout,
  training: z.literal(true).optional(),
});
