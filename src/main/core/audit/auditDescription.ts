import type {
  AuditDescription,
  AuditDetail,
  AuditParam,
  AuditValue,
  Bilingual,
} from '../../../shared/audit/auditView';
import {
  AUDIT_DETAIL_LABELS,
  hasSentence,
  type AuditDetailLabel,
  type AuditSentenceKey,
  type AuditValueWord,
} from '../../../shared/audit/auditSentences';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/caseStatus';
import { ROLES, type Role } from '../../../shared/domain/roles';

/** What a row's description needs to know beyond the row: names, case references, the catalog. */
export interface AuditLookups {
  caseOf(id: string): { reference: string; procedure: ProcedureDefinition | undefined } | null;
  nameOf(userId: string): string | null;
}

/** A stored row, summary parsed. */
export interface DescribedRow {
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
}

const text = (value: string): AuditValue => ({ kind: 'text', text: value });
const word = (value: AuditValueWord): AuditValue => ({ kind: 'word', word: value });
const isStatus = (value: unknown): value is CaseStatus =>
  typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
const isWord = (value: unknown): value is AuditValueWord =>
  typeof value === 'string' &&
  [
    'idle',
    'requested',
    'edited',
    'deleted',
    'reordered',
    'inserted',
    'genesis',
    'truncated',
  ].includes(value);
const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Summary keys said by the sentence, or internal (ids, key ids): never a detail line. */
const NOT_DETAILS = new Set([
  'applicationId',
  'certificateId',
  'noteId',
  'itemId',
  'checked',
  'holder',
  'days',
  'number',
  'label',
  'keyId',
  'ok',
  'firstBrokenSeq',
  'replacedBy',
  'reason',
  'otherReference',
  // A text module's keyword is said by the sentence.
  'keyword',
]);

/** A person in a summary: an id, or `{ id, displayName }`. */
function personOf(value: unknown, lookups: AuditLookups): { id: string; name: string } | null {
  if (typeof value === 'string') return { id: value, name: lookups.nameOf(value) ?? value };
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const { id, displayName } = value as { id: unknown; displayName?: unknown };
    if (typeof id !== 'string') return null;
    return { id, name: lookups.nameOf(id) ?? stringOf(displayName) ?? id };
  }
  return null;
}

/** « 2026-11-24 » → « 24/11/2026 » (a holiday, a day in a summary); anything else as is. */
function dayText(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return day ? `${day[3]}/${day[2]}/${day[1]}` : value;
}

/** Anything else, readable: a list item per element, `clé : valeur` for objects. */
function plainValue(value: unknown): AuditValue {
  if (value === null || value === undefined) return word('none');
  if (typeof value === 'boolean') return word(value ? 'yes' : 'no');
  if (isStatus(value)) return { kind: 'status', status: value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(plainValue) };
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A holiday, a reviewed change: its date or path, then its label or value.
    const parts = Object.values(record)
      .filter((part) => typeof part === 'string' || typeof part === 'number')
      .map((part) => (typeof part === 'string' ? dayText(part) : String(part)));
    return text(parts.join(' — '));
  }
  return text(typeof value === 'string' ? dayText(value) : String(value));
}

function catalogLabels(
  codes: unknown,
  known: readonly { key: string; label: Bilingual }[],
): AuditValue {
  const list = Array.isArray(codes) ? codes : [];
  return {
    kind: 'list',
    items: list.map((code) => {
      const found = known.find((entry) => entry.key === code);
      return found ? { kind: 'label', label: found.label } : text(String(code));
    }),
  };
}

function isDetailLabel(key: string): key is AuditDetailLabel {
  return Object.hasOwn(AUDIT_DETAIL_LABELS, key);
}

/** Value of one field of an account or the office (before → after lines). */
function fieldValue(field: string, value: unknown): AuditValue {
  if (field === 'role' && isRole(value)) return { kind: 'role', role: value };
  // An account without procedures handles them all (the users screen says « Toutes »).
  if (field === 'procedureCodes' && Array.isArray(value) && value.length === 0) return word('all');
  return plainValue(value);
}

/** `{ before, after }` as one detail line per changed field. */
function changeDetails(before: unknown, after: unknown): AuditDetail[] {
  if (typeof after !== 'object' || after === null) return [];
  const old = (typeof before === 'object' && before !== null ? before : {}) as Record<
    string,
    unknown
  >;
  // A creation has no « before »: its fields as they were set, not « — → … ».
  const created = typeof before !== 'object' || before === null;
  return Object.entries(after as Record<string, unknown>).map(([field, value]) => ({
    label: isDetailLabel(field) ? field : 'other',
    value: created
      ? fieldValue(field, value)
      : { kind: 'change', from: fieldValue(field, old[field]), to: fieldValue(field, value) },
  }));
}

function detailsOf(
  summary: Record<string, unknown>,
  procedure: ProcedureDefinition | undefined,
): AuditDetail[] {
  const details: AuditDetail[] = [];
  const { from, to } = summary;
  if (isStatus(to) && (from === null || isStatus(from)) && from !== to) {
    details.push({
      label: 'status',
      value: {
        kind: 'change',
        from: from ? { kind: 'status', status: from } : word('none'),
        to: { kind: 'status', status: to },
      },
    });
  }
  if ('before' in summary || 'after' in summary) {
    details.push(...changeDetails(summary.before, summary.after));
  }
  for (const [key, value] of Object.entries(summary)) {
    if (NOT_DETAILS.has(key) || key === 'from' || key === 'to') continue;
    if (key === 'before' || key === 'after') continue;
    if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    switch (key) {
      case 'reasonCodes':
        details.push({
          label: 'reasons',
          value: catalogLabels(
            value,
            (procedure?.rejectReasons ?? []).map((reason) => ({
              key: reason.code,
              label: reason.label,
            })),
          ),
        });
        break;
      case 'missingDocuments':
        details.push({
          label: 'missingDocuments',
          value: catalogLabels(
            value,
            (procedure?.documents ?? []).map((document) => ({
              key: document.code,
              label: document.label,
            })),
          ),
        });
        break;
      case 'fieldsToCorrect':
        details.push({
          label: 'fieldsToCorrect',
          value: catalogLabels(
            value,
            (procedure?.sections ?? []).flatMap((section) =>
              section.fields.map((field) => ({ key: field.id, label: field.label })),
            ),
          ),
        });
        break;
      case 'paths':
        details.push({ label: 'changes', value: plainValue(value) });
        break;
      case 'status':
        details.push({ label: 'status', value: plainValue(value) });
        break;
      case 'role':
        details.push({ label: 'role', value: fieldValue('role', value) });
        break;
      case 'breach':
        details.push({ label: 'breach', value: isWord(value) ? word(value) : plainValue(value) });
        break;
      case 'sizeBytes':
        details.push({ label: 'size', value: text(`${String(value)} octets`) });
        break;
      case 'recordedSha256':
        details.push({ label: 'expectedSha256', value: plainValue(value) });
        break;
      case 'letter': {
        // The decision's letter (issue 20 §1): its number; its SHA-256 is in the letters table.
        const number = (value as { number?: unknown } | null)?.number;
        details.push({
          label: 'letter',
          value: typeof number === 'string' ? text(number) : plainValue(value),
        });
        break;
      }
      case 'renderedSha256':
        details.push({ label: 'foundSha256', value: plainValue(value) });
        break;
      case 'expiresAt':
      case 'createdAt':
        details.push({
          label: key,
          value: typeof value === 'string' ? { kind: 'instant', at: value } : plainValue(value),
        });
        break;
      default:
        details.push(
          isDetailLabel(key)
            ? { label: key, value: plainValue(value) }
            : { label: 'other', value: text(`${key} : ${JSON.stringify(value)}`) },
        );
    }
  }
  return details;
}

/** The case a row is about: the row's own entity, or a certificate's case. */
export function caseIdOf(row: DescribedRow): string | null {
  if (row.entityType === 'application') return row.entityId;
  return stringOf(row.summary.applicationId);
}

/**
 * Which sentence says the row, with its parameters, its case and person, and its details: the
 * one place where an audit row's raw summary becomes something an auditor reads.
 */
export function describeAuditRow(row: DescribedRow, lookups: AuditLookups): AuditDescription {
  const { summary } = row;
  const caseId = caseIdOf(row);
  const found = caseId ? lookups.caseOf(caseId) : null;
  const params: Partial<Record<AuditParam, AuditValue>> = {};
  let person: { id: string; name: string } | null = null;
  let sentence = row.action;

  switch (row.action) {
    case 'case.assigned':
      person = personOf(summary.to, lookups);
      break;
    case 'case.taken_over':
      person = personOf(summary.from, lookups);
      if (!person) sentence = 'case.taken_over_unheld';
      break;
    case 'case.checked_out':
      person = personOf(summary.holder, lookups);
      params.count = text(String(summary.days ?? '—'));
      break;
    case 'case.checklist_ticked': {
      const itemId = String(summary.itemId ?? '');
      const item = found?.procedure?.checklist.find((entry) => entry.id === itemId);
      params.item = item ? { kind: 'label', label: item.label } : text(itemId);
      if (summary.checked === false) sentence = 'case.checklist_unticked';
      break;
    }
    case 'case.marked_duplicate':
    case 'case.duplicate_linked':
      params.item = text(stringOf(summary.otherReference) ?? '—');
      break;
    case 'audit.verified':
      if (summary.ok === false) {
        sentence = 'audit.verified_broken';
        params.count = text(String(summary.firstBrokenSeq ?? '—'));
      }
      break;
    case 'certificate.counter_raised':
      params.counter = text(row.entityId ?? '—');
      params.count = text(String(summary.to ?? '—'));
      break;
    case 'holidays.saved':
      params.year = text(row.entityId ?? '—');
      break;
    case 'textModule.created':
    case 'textModule.updated':
    case 'textModule.retired':
      params.item = text(stringOf(summary.keyword) ?? '—');
      break;
    case 'desk.enrolled':
    case 'desk.enrollment_code_issued':
      params.desk = text(stringOf(summary.label) ?? row.entityId ?? '—');
      break;
    default:
      if (row.entityType === 'user' && row.entityId) {
        person = {
          id: row.entityId,
          name: lookups.nameOf(row.entityId) ?? stringOf(summary.username) ?? row.entityId,
        };
      }
  }
  if (person) params.person = text(person.name);
  const number = stringOf(summary.number);
  if (number) params.certificate = text(number);
  if (!hasSentence(sentence)) {
    sentence = 'other.unknown';
    params.code = text(row.action);
  }

  // The sentence says the status change for a decision; `from`/`to` of an assignment are people.
  const details = detailsOf(
    row.action === 'case.assigned' ? { ...summary, from: undefined, to: undefined } : summary,
    found?.procedure,
  );
  return {
    sentence: sentence as AuditSentenceKey,
    params,
    case: caseId ? { id: caseId, reference: found?.reference ?? caseId } : null,
    person,
    details,
  };
}
