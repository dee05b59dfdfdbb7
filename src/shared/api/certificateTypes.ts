import type { PersonRef } from './caseTypes';

/** Certificates crossing the API boundary (issue 6). */

/** `cancelled`: the portal's registry refused it (another desk's certificate won); kept, marked. */
export type CertificateStatus = 'valid' | 'revoked' | 'cancelled';

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
  /** Why and when the registry cancelled it, and the certificate valid for the application. */
  cancellation: { at: string; code: string; message: string; replacedBy: string | null } | null;
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

/**
 * `specimen`: a training certificate (« Mode formation ») whose signature holds: it carries the
 * signed mark « SPÉCIMEN — FORMATION » and has no official value, whatever else is true of it.
 * `cancelled`: authentic, but refused by the portal's certificate registry (a second certificate
 * for the same application); `key_revoked`: signed with a key revoked as compromised.
 */
export type VerificationVerdict =
  | 'authentic'
  | 'specimen'
  | 'forged'
  | 'revoked'
  | 'cancelled'
  | 'expired'
  | 'key_revoked'
  | 'unknown_key'
  | 'unreadable';

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
  /**
   * Issued in training mode: the signed payload carries « SPÉCIMEN — FORMATION ». Absent on a
   * real certificate (its payload is unchanged).
   */
  training?: true;
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

/**
 * `bureau-cles.json` (design multi-desk §3.5): every known public key with its revocation and
 * every revoked or cancelled certificate, so that `scripts/verify-certificate.ts --bundle`
 * verifies any desk's certificate offline. A dated snapshot: later revocations are unknown to it.
 */
export interface KeyBundle {
  format: 'bureau-keys/1';
  exportedAt: string;
  /** `portail`, or the desk that exported its local copy (`poste LOM-01`). */
  source: string;
  keys: {
    keyId: string;
    officeCode: string;
    deskId: string | null;
    publicKeyPem: string;
    registeredAt: string | null;
    revokedAt: string | null;
    revocation: { reason: 'retired' | 'compromised'; compromisedSince: string | null } | null;
  }[];
  certificates: {
    number: string;
    status: 'revoked' | 'cancelled';
    at: string;
    reason: string | null;
    replacedBy: string | null;
  }[];
}

/**
 * The next certificate number this desk would issue for the office, in parts, so that the office
 * settings can show it with the numbering code being typed (`formatCertificateNumber`).
 */
export interface NextCertificateNumber {
  procedureCode: string;
  prefix: string;
  year: number;
  /** The number's office part: the numbering code, or the office code on an enrolled desk. */
  officeCode: string;
  /** True on an enrolled desk: its numbers come from the portal's blocks, with the office code. */
  numberedByDesk: boolean;
  seq: number;
  number: string;
}
