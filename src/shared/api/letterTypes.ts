import type { PersonRef } from './caseTypes';

/** Decision letters crossing the API boundary (issue 20 §1). */

export type LetterKind = 'rejection' | 'info_request' | 'approval';

export interface LetterSummary {
  id: string;
  /** `LR-LOM-2026-000123`: per desk series and year, never reused. */
  number: string;
  kind: LetterKind;
  applicationId: string;
  reference: string;
  issuedAt: string;
  issuedBy: PersonRef;
  /** SHA-256 of the stored PDF, as delivered to the portal. */
  sha256: string;
  size: number;
  keyId: string;
}

export interface LetterFile {
  letterId: string;
  fileName: string;
  /** The PDF, base64-encoded. */
  base64: string;
}

/** The letter a decision would send, unnumbered and unsigned (« APERÇU »); null: no letter. */
export interface LetterPreview {
  base64: string;
}
