import type { CaseStatus } from '../domain/caseStatus';
import type { Role } from '../domain/roles';
import type { AuditDetailLabel, AuditSentenceKey, AuditValueWord } from './auditSentences';

/** Text from the catalog, in both languages. */
export interface Bilingual {
  fr: string;
  en: string;
}

/**
 * One value of a sentence or a detail, resolved by the core (names, catalog labels) but not yet
 * in a language: the renderer translates codes with its i18n, the export with the French tables.
 */
export type AuditValue =
  | { kind: 'text'; text: string }
  | { kind: 'label'; label: Bilingual }
  | { kind: 'status'; status: CaseStatus }
  /** Before → after (a status, an account's role, an office setting). */
  | { kind: 'change'; from: AuditValue; to: AuditValue }
  | { kind: 'role'; role: Role }
  | { kind: 'word'; word: AuditValueWord }
  | { kind: 'instant'; at: string }
  | { kind: 'list'; items: AuditValue[] };

export interface AuditDetail {
  label: AuditDetailLabel;
  value: AuditValue;
}

export type AuditParam =
  'person' | 'item' | 'certificate' | 'count' | 'desk' | 'year' | 'counter' | 'code';

/** What a row says: its sentence (a key of AUDIT_SENTENCES), parameters and details. */
export interface AuditDescription {
  sentence: AuditSentenceKey;
  /** Parameters besides `actor` and `case`, which the row carries itself. */
  params: Partial<Record<AuditParam, AuditValue>>;
  /** The case the row is about (a certificate's case too), with its reference. */
  case: { id: string; reference: string } | null;
  /** The person the row is about (an account, an assignee), for the person filter's link. */
  person: { id: string; name: string } | null;
  details: AuditDetail[];
}

/** An exported journal: the file, and how many rows it holds (capped, see audit.export). */
export interface AuditExport {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
  /** More rows matched than a file holds: narrow the filters (dates, a case, a person). */
  truncated: boolean;
}
