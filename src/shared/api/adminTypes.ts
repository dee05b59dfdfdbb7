import type { AuditDescription } from '../audit/auditView';
import type { Role } from '../domain/roles';

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  officeCode: string;
  /** Procedures this person handles; `null`: all of them. */
  procedureCodes: string[] | null;
  active: boolean;
  /** Locked out after repeated failed sign-ins, until this instant. */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  /** On an enrolled desk: where this account stands in the office directory; null on a desk alone. */
  directory: AccountDirectoryState | null;
}

export interface AccountDirectoryState {
  /** A change made on this desk waits for the portal (« En attente du portail »). */
  pending: boolean;
  /** Why the portal refused this desk's last change of the account (French), if it did. */
  refusal: string | null;
  /** The office's desks (not retired) that have received this account's latest change. */
  desksUpToDate: number;
  desks: number;
  /** The others, with their last contact (« LOM-02 : hors ligne depuis le 10/03 »). */
  behind: { deskId: string; lastContactAt: string | null }[];
}

export interface OfficeSettings {
  code: string;
  name: string;
  region: string;
  /** The office part of certificate numbers (`<PREFIX>-<YYYY>-<OFFICE>-<000123>`). */
  numberingCode: string;
  /** Opening hours, `HH:MM`. */
  opensAt: string;
  closesAt: string;
  /** Idle minutes before a session locks. */
  lockAfterMinutes: number;
}

export interface Holiday {
  date: string;
  label: string;
  /** Lunar feasts whose date is confirmed late. */
  provisional: boolean;
}

export interface HolidaysSaved {
  holidays: Holiday[];
  /** Open cases whose stored deadline moved with the new calendar. */
  recomputedDeadlines: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  officeCode: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  /** The row as a sentence with names, case reference and readable details (auditSentences.ts). */
  description: AuditDescription;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass back as `beforeSeq` for the next (older) page; `null` at the end. */
  nextBeforeSeq: number | null;
}

export interface AuditVerification {
  ok: boolean;
  checkedRows: number;
  /** The first row whose link is broken (edited, deleted before it, or reordered). */
  firstBroken: {
    seq: number;
    /** What kind of tampering, for programs (see auditVerifier's AuditBreach). */
    breach: 'edited' | 'deleted' | 'reordered' | 'inserted' | 'genesis' | 'truncated';
    /** The French sentence saying what was found. */
    reason: string;
  } | null;
  /** The chain's last hash when intact: noted elsewhere, it shows later whether the log was rewritten. */
  lastHash: string | null;
  durationMs: number;
}
