import type { LocalizedText } from '../catalog/procedureSchema';
import type { CaseStatus } from '../domain/caseStatus';
import type { PersonRef } from './caseTypes';

/**
 * Cases checked against what the administration already holds (issue 20 §2; design
 * docs/design/linked-records.md): what `cases.linked` answers for one case.
 */

/** `not_given`: the form field is empty; `unknown`: no certificate of that procedure has it. */
export type PrerequisiteState = 'valid' | 'expired' | 'revoked' | 'unknown' | 'not_given';

/** A certificate Bureau knows: issued on this desk, or delivered by the portal for a case. */
export interface KnownCertificate {
  number: string;
  procedureCode: string;
  holderName: string;
  issuedAt: string;
  expiresOn: string | null;
  /** Revoked or cancelled (here, by the national registry, or on the portal): when and why. */
  revokedAt: string | null;
  revocationReason: string | null;
  source: 'this_desk' | 'portal';
  /** The case it was issued for, when cached (its reference is shown, the id opens it). */
  applicationId: string | null;
  reference: string | null;
}

export interface PrerequisiteCheck {
  /** The form field that holds the number, and the checklist item it supports. */
  field: string;
  checklistItem: string;
  /** The procedure whose certificate it must be. */
  procedureCode: string;
  label: LocalizedText;
  /** The number as the applicant wrote it, or null. */
  cited: string | null;
  state: PrerequisiteState;
  certificate: KnownCertificate | null;
}

export type ApplicantKeyKind = 'nif' | 'rccm' | 'id' | 'phone';

export interface DuplicateMark {
  /** The other case of the pair. */
  otherId: string;
  otherReference: string;
  /** Whether this case is the one marked as a duplicate (or the one it duplicates). */
  direction: 'this_is_duplicate' | 'other_is_duplicate';
  reason: string;
  markedBy: PersonRef;
  at: string;
}

export interface SameApplicantCase {
  id: string;
  reference: string;
  procedureCode: string;
  status: CaseStatus;
  officeCode: string;
  applicantName: string;
  companyName: string | null;
  nif: string | null;
  rccm: string | null;
  phone: string;
  idNumber: string | null;
  submittedAt: string;
  /** The identifiers both cases share. */
  matchedOn: ApplicantKeyKind[];
  /** Decided cases: what was decided, when, and why. */
  decision: {
    outcome: 'approved' | 'issued' | 'rejected';
    decidedOn: string;
    reasonCodes: string[];
    reasons: LocalizedText[];
    comment: string | null;
  } | null;
  /** Already marked as a duplicate of (or by) the case read. */
  duplicate: DuplicateMark | null;
}

export type LinkedSignalKind =
  'same_id_different_names' | 'previous_fraud_rejection' | 'revoked_prerequisite';

/**
 * A warning: it says what it is based on and decides nothing. `cases` are the other cases it
 * rests on (reference and id); the other fields depend on the kind.
 */
export interface LinkedSignal {
  kind: LinkedSignalKind;
  cases: { id: string; reference: string }[];
  /** same_id_different_names: the ID number and the names it was given under. */
  idNumber?: string;
  names?: string[];
  /** previous_fraud_rejection: the fraud-related reason codes of the rejection, and their labels. */
  reasonCodes?: string[];
  reasons?: LocalizedText[];
  /**
   * revoked_prerequisite: the certificate cited, its procedure, what the procedure calls it
   * (« Carte d'importateur »), when and why it was revoked.
   */
  certificateNumber?: string;
  procedureCode?: string;
  label?: LocalizedText;
  revokedAt?: string | null;
  revocationReason?: string | null;
}

export interface LinkedRecords {
  caseId: string;
  prerequisites: PrerequisiteCheck[];
  /** Other open cases of the same applicant: possible duplicates. */
  openCases: SameApplicantCase[];
  /** Cases of the same applicant decided in the last 12 months. */
  recentDecisions: SameApplicantCase[];
  /** Every « doublon » mark this case is part of, whether or not it shares an identifier. */
  duplicates: DuplicateMark[];
  signals: LinkedSignal[];
}

/**
 * The signals of the cases of a list (the inbox's page), by case id, each with what it rests on
 * (the row's hint says it). A case of the page without a signal has an empty list; another
 * office's case is left out.
 */
export type CaseSignals = Record<string, LinkedSignal[]>;
