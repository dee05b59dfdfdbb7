import type { PersonRef } from './caseTypes';

/** Certificates crossing the API boundary (issue 6). */

export type CertificateStatus = 'valid' | 'revoked';

export interface CertificateSummary {
  id: string;
  /** Per procedure, year and office, e.g. `IMPEX-2026-LOM-000123`; never reused. */
  number: string;
  applicationId: string;
  reference: string;
  procedureCode: string;
  holderName: string;
  officeCode: string;
  issuedAt: string;
  /** Calendar date (YYYY-MM-DD) the certificate stops being valid; null when it does not expire. */
  expiresOn: string | null;
  issuedBy: PersonRef;
  status: CertificateStatus;
  revokedAt: string | null;
  revocationReason: string | null;
  /** How many duplicates were printed after the original. */
  duplicates: number;
  /** SHA-256 of the stored original PDF. */
  sha256: string;
  /** The signing key (one per issuing office) whose public half verifies the QR code. */
  keyId: string;
}

export interface CertificatePage {
  rows: CertificateSummary[];
  nextCursor: string | null;
  total: number;
}

export interface CertificateFile {
  certificateId: string;
  fileName: string;
  /** The PDF, base64-encoded. */
  base64: string;
  /** True for a reprint: the PDF is marked DUPLICATA with the reprint date. */
  duplicate: boolean;
}

export type VerificationVerdict =
  'authentic' | 'forged' | 'revoked' | 'expired' | 'unknown_key' | 'unreadable';

export interface CertificateFacts {
  number: string;
  procedureCode: string;
  holder: string;
  /** The few facts the QR carries (company, NIF, product…), label → value, in French. */
  keyFacts: Record<string, string>;
  issuedOn: string;
  expiresOn: string | null;
  officeCode: string;
  keyId: string;
}

export interface VerificationResult {
  verdict: VerificationVerdict;
  /** French sentence for the person checking: what the verdict means and what to do. */
  message: string;
  /** What the (authentic, revoked or expired) certificate says; null when unreadable or forged. */
  facts: CertificateFacts | null;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface SigningKeyInfo {
  keyId: string;
  officeCode: string;
  /** SPKI PEM of the Ed25519 public key: all a verifier needs. */
  publicKeyPem: string;
  createdAt: string;
}
