import { z } from 'zod';
import type {
  KeyBundle,
  CertificateFile,
  NextCertificateNumber,
  CertificatePage,
  CertificateSummary,
  SigningKeyInfo,
  VerificationResult,
} from '../certificateTypes';
import { method } from '../method';
import { administrators, noInput, staff, caseWorkers, caseId } from './common';

/** The largest certificate PDF « Vérifier » accepts, as a file (15 MiB) … */
export const VERIFY_PDF_MAX_BYTES = 15 * 1024 * 1024;
/** … and base64-encoded in the request (4 characters per 3 bytes: 20 MiB). */
const VERIFY_PDF_BASE64_CHARS = Math.ceil(VERIFY_PDF_MAX_BYTES / 3) * 4;

/** Certificates: part of the one API contract (`../contract.ts`). */
export const certificatesMethods = {
  // — Certificates (issue 6) —
  /** Approved → issued: numbers, signs, renders and stores the PDF, queues it for the portal. */
  'certificates.issue': method<CertificateSummary>()({
    input: z.strictObject({ caseId }),
    access: caseWorkers,
  }),
  /** The number the next certificate would get (the office settings' example); null: no procedure. */
  'certificates.nextNumber': method<NextCertificateNumber | null>()({
    input: noInput,
    access: staff,
  }),
  'certificates.forCase': method<CertificateSummary[]>()({
    input: z.strictObject({ caseId }),
    access: staff,
  }),
  'certificates.list': method<CertificatePage>()({
    input: z.strictObject({
      search: z.string().trim().max(200).default(''),
      cursor: z.string().max(200).nullable().default(null),
      limit: z.int().min(1).max(200).default(50),
    }),
    access: staff,
  }),
  /** The stored original, checked against its SHA-256 before it is returned. */
  'certificates.file': method<CertificateFile>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  /** A duplicate for reprinting: same number, marked DUPLICATA with today's date; recorded. */
  'certificates.reprint': method<CertificateFile>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: caseWorkers,
  }),
  'certificates.revoke': method<CertificateSummary>()({
    input: z.strictObject({
      id: z.string().min(1).max(64),
      reason: z.string().trim().min(1, 'Indiquez le motif de la révocation.').max(2000),
    }),
    access: ['superviseur'],
  }),
  /** Checks a QR payload (as text) or a certificate PDF (its QR is read from the file). */
  'certificates.verify': method<VerificationResult>()({
    input: z
      .strictObject({
        qrText: z.string().trim().max(4000).optional(),
        pdfBase64: z.string().max(VERIFY_PDF_BASE64_CHARS).optional(),
      })
      .refine((value) => (value.qrText ? 1 : 0) + (value.pdfBase64 ? 1 : 0) === 1, {
        message: 'Collez le texte du QR code ou choisissez un fichier PDF.',
      }),
    access: staff,
    // The encoded PDF, the QR text and the JSON around them.
    maxRequestBytes: VERIFY_PDF_BASE64_CHARS + 16 * 1024,
  }),
  'certificates.publicKeys': method<SigningKeyInfo[]>()({ input: noInput, access: staff }),
  /** « Exporter les clés »: this desk's copy of the registry, for the offline verifier. */
  'certificates.keyBundle': method<KeyBundle>()({ input: noInput, access: administrators }),
} as const;
