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
  firstBroken: { seq: number; reason: string } | null;
  durationMs: number;
}
