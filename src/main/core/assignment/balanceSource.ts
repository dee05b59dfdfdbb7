import type Database from 'better-sqlite3';
import type { BalanceSource, SkippedCase } from '../../../shared/api/assignmentTypes';
import { refusal } from '../api/domainError';
import {
  caseRefusal,
  NOT_IN_CACHE,
  skippedBecause,
  visibleReference,
  type AssignableCase,
} from './assignmentRules';
import type { PlannerCase } from './balancePlanner';

/** One balancing run distributes at most this many cases (oldest deadlines first). */
export const MAX_CASES_PER_RUN = 2000;

export interface LoadedSource {
  cases: PlannerCase[];
  /** Cases of the source the office may not redistribute (closed, in conflict…). */
  refused: SkippedCase[];
  truncated: boolean;
}

const CASE_COLUMNS = `id, reference, procedure_code, office_code, status, is_open, assignee_id,
  claimed_by, conflict_json, applicant_name, due_date`;

const toPlannerCase = (row: AssignableCase): PlannerCase => ({
  id: row.id,
  reference: row.reference,
  procedureCode: row.procedure_code,
  applicantName: row.applicant_name,
  dueDate: row.due_date,
  assigneeId: row.assignee_id,
  status: row.status,
});

const byDeadline = (a: AssignableCase, b: AssignableCase): number =>
  a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id < b.id ? -1 : 1;

/** Reads the cases a balancing run distributes; nothing is written. */
export function createBalanceSource(db: Database.Database) {
  // applications_by_office (office_code, is_open, assignee_id, due_date, id): a range, in order.
  const unassigned = db.prepare<[string, number], AssignableCase>(`
    SELECT ${CASE_COLUMNS} FROM applications
    WHERE office_code = ? AND is_open = 1 AND assignee_id IS NULL
    ORDER BY due_date, id LIMIT ?`);
  // applications_by_assignee (assignee_id, is_open, due_date, id).
  const ofAssignee = db.prepare<[string, number], AssignableCase>(`
    SELECT ${CASE_COLUMNS} FROM applications
    WHERE assignee_id = ? AND is_open = 1
    ORDER BY due_date, id LIMIT ?`);
  const byIds = db.prepare<[string], AssignableCase>(
    `SELECT ${CASE_COLUMNS} FROM applications WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const userOffice = db.prepare<[string], { office_code: string }>(
    'SELECT office_code FROM users WHERE id = ?',
  );

  function split(rows: AssignableCase[], officeCode: string, truncated: boolean): LoadedSource {
    const cases: PlannerCase[] = [];
    const refused: SkippedCase[] = [];
    for (const row of rows) {
      const why = caseRefusal(row, officeCode);
      if (why) {
        refused.push({
          caseId: row.id,
          reference: visibleReference(row, officeCode),
          ...skippedBecause(why),
        });
      } else cases.push(toPlannerCase(row));
    }
    return { cases, refused, truncated };
  }

  return {
    load(source: BalanceSource, officeCode: string): LoadedSource {
      const limit = MAX_CASES_PER_RUN + 1;
      switch (source.kind) {
        case 'unassigned': {
          const rows = unassigned.all(officeCode, limit);
          return split(
            rows.slice(0, MAX_CASES_PER_RUN),
            officeCode,
            rows.length > MAX_CASES_PER_RUN,
          );
        }
        case 'assignee': {
          // A clerk who left (deactivated) still has cases to hand over: any account of the office.
          if (userOffice.get(source.userId)?.office_code !== officeCode) {
            throw refusal('invalid_input', 'clerkOfOtherOffice', {});
          }
          const rows = ofAssignee.all(source.userId, limit);
          return split(
            rows.slice(0, MAX_CASES_PER_RUN),
            officeCode,
            rows.length > MAX_CASES_PER_RUN,
          );
        }
        case 'selection': {
          const ids = [...new Set(source.caseIds)];
          const rows = byIds.all(JSON.stringify(ids)).sort(byDeadline);
          const found = new Set(rows.map((row) => row.id));
          const loaded = split(
            rows.slice(0, MAX_CASES_PER_RUN),
            officeCode,
            rows.length > MAX_CASES_PER_RUN,
          );
          for (const id of ids) {
            if (!found.has(id))
              loaded.refused.push({ caseId: id, reference: null, ...skippedBecause(NOT_IN_CACHE) });
          }
          return loaded;
        }
      }
    },
  };
}
export type BalanceSourceReader = ReturnType<typeof createBalanceSource>;
