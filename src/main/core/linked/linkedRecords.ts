import type Database from 'better-sqlite3';
import type {
  CaseSignals,
  DuplicateMark,
  LinkedRecords,
  SameApplicantCase,
} from '../../../shared/api/linkedTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import { DomainError } from '../api/domainError';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import { storedRecordOf } from '../db/storedColumns';
import { createCertificateLookup } from './certificateLookup';
import type { DuplicateMarks } from './duplicateMarks';
import { createPageSignals } from './pageSignals';
import { checkPrerequisites } from './prerequisites';
import { createSameApplicantQuery, type MatchedCase } from './sameApplicant';
import { rejectionReasonCodes } from './signals';

const DECIDED = ['approved', 'issued', 'rejected'] as const;
type Decided = (typeof DECIDED)[number];
const isDecided = (status: string): status is Decided =>
  (DECIDED as readonly string[]).includes(status);

/** The first day of the 12 months before `today` (2026-12-07 → 2025-12-07). */
export function twelveMonthsBefore(today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year - 1, month - 1, day));
  // 29 February of a leap year: the year before has none, the day after is the window's start.
  return date.toISOString().slice(0, 10);
}

interface OwnRow {
  office_code: string;
  procedure_code: string;
  applicant_name: string;
  record_json: string;
}

/**
 * What Bureau already holds about one case (issue 20 §2): its prerequisites checked against the
 * certificates issued, the same applicant's other cases of the office (open: possible
 * duplicates; decided in the last 12 months: what and why), and the warning signals. Reads only;
 * each part is a few index lookups (design docs/design/linked-records.md).
 */
export function createLinkedRecords(deps: {
  db: Database.Database;
  catalog: Catalog;
  clock: Clock;
  duplicates: DuplicateMarks;
}) {
  const { db, catalog, clock, duplicates } = deps;
  const lookup = createCertificateLookup(db);
  const sameApplicant = createSameApplicantQuery(db);
  const pageSignals = createPageSignals({ db, catalog });
  const own = db.prepare<[string], OwnRow>(
    'SELECT office_code, procedure_code, applicant_name, record_json FROM applications WHERE id = ?',
  );

  function load(id: string, officeCode: string): OwnRow {
    const row = own.get(id);
    if (!row) {
      throw new DomainError(
        'not_found',
        "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
      );
    }
    // The office scope rule (README « Who sees what »): a reader sees their own office's cases.
    if (row.office_code !== officeCode) {
      throw new DomainError(
        'forbidden',
        "Ce dossier relève d'un autre bureau : ses recoupements ne sont visibles que de ce bureau.",
      );
    }
    return row;
  }

  function present(
    match: MatchedCase,
    marks: ReadonlyMap<string, DuplicateMark>,
  ): SameApplicantCase {
    const procedure = catalog.get(match.procedure_code);
    let decision: SameApplicantCase['decision'] = null;
    if (isDecided(match.status) && match.decided_on) {
      const reasonCodes = match.status === 'rejected' ? rejectionReasonCodes(match) : [];
      const comment = [match.decision_json, match.portal_decision_json]
        .map((json) => (json ? (JSON.parse(json) as { comment?: unknown }).comment : undefined))
        .find((text): text is string => typeof text === 'string' && text.length > 0);
      decision = {
        outcome: match.status,
        decidedOn: match.decided_on,
        reasonCodes,
        reasons: reasonCodes.flatMap((code) => {
          const reason = procedure?.rejectReasons.find((candidate) => candidate.code === code);
          return reason ? [reason.label] : [];
        }),
        comment: comment ?? null,
      };
    }
    return {
      id: match.id,
      reference: match.reference,
      procedureCode: match.procedure_code,
      status: match.status,
      officeCode: match.office_code,
      applicantName: match.applicant_name,
      companyName: match.company_name,
      nif: match.nif,
      rccm: match.rccm,
      phone: match.phone,
      idNumber: match.id_number,
      submittedAt: match.submitted_at,
      matchedOn: match.matchedOn,
      decision,
      duplicate: marks.get(match.id) ?? null,
    };
  }

  return {
    of(id: string, user: CurrentUser): LinkedRecords {
      const row = load(id, user.officeCode);
      const today = isoDateOf(clock.now());
      const procedure = catalog.get(row.procedure_code);
      const record = storedRecordOf(id, row.record_json);
      const prerequisites = procedure
        ? checkPrerequisites(procedure, record.form, lookup, today)
        : [];
      const matches = sameApplicant.of(id, row.office_code);
      // The inbox's reading for one case: the row and the page say the same signals.
      const signals = pageSignals.of([id], row.office_code, today).get(id) ?? [];
      const marks = duplicates.of(id);
      const markByOther = new Map(marks.map((mark) => [mark.otherId, mark]));
      const since = twelveMonthsBefore(today);
      return {
        caseId: id,
        prerequisites,
        openCases: matches
          .filter((match) => match.is_open === 1)
          .map((match) => present(match, markByOther)),
        recentDecisions: matches
          .filter((match) => isDecided(match.status) && (match.decided_on ?? '') >= since)
          .map((match) => present(match, markByOther)),
        duplicates: marks,
        signals,
      };
    },

    /** The signals of each case of a page (the inbox's), the reader's office's only. */
    signalsOf(ids: readonly string[], user: CurrentUser): CaseSignals {
      const found = pageSignals.of(ids, user.officeCode, isoDateOf(clock.now()));
      return Object.fromEntries(
        ids.flatMap((id) => {
          const signals = found.get(id);
          return signals ? [[id, signals] as const] : [];
        }),
      );
    },
  };
}
export type LinkedRecordsService = ReturnType<typeof createLinkedRecords>;
