import type Database from 'better-sqlite3';
import type { ApplicantKeyKind } from '../../../shared/api/linkedTypes';
import type { CaseStatus } from '../../../shared/domain/caseStatus';

/** At most this many other cases per case: a phone shared by a whole market stays a page. */
export const SAME_APPLICANT_LIMIT = 200;

/** One other case sharing an identifier with the case read, as stored. */
export interface MatchedCaseRow {
  id: string;
  reference: string;
  procedure_code: string;
  status: CaseStatus;
  is_open: 0 | 1;
  office_code: string;
  applicant_name: string;
  company_name: string | null;
  nif: string | null;
  rccm: string | null;
  phone: string;
  id_number: string | null;
  submitted_at: string;
  decided_on: string | null;
  decision_json: string | null;
  portal_decision_json: string | null;
  /** Comma-separated kinds both cases share. */
  kinds: string;
}

export interface MatchedCase extends Omit<MatchedCaseRow, 'kinds'> {
  matchedOn: ApplicantKeyKind[];
}

export const SAME_APPLICANT = `
    WITH mine AS (
      SELECT kind, value FROM case_keys WHERE application_id = @id AND kind <> 'certificate'
    ),
    matches AS (
      SELECT k.application_id AS id, group_concat(k.kind) AS kinds
      FROM mine JOIN case_keys k ON k.kind = mine.kind AND k.value = mine.value
      WHERE k.application_id <> @id
      GROUP BY k.application_id
    )
    SELECT a.id, a.reference, a.procedure_code, a.status, a.is_open, a.office_code,
      a.applicant_name, a.company_name, a.nif, a.rccm, a.phone,
      json_extract(a.record_json, '$.applicant.idNumber') AS id_number, a.submitted_at,
      a.decided_on, a.decision_json, json_extract(a.record_json, '$.decision') AS portal_decision_json,
      m.kinds
    FROM matches m JOIN applications a ON a.id = m.id
    WHERE a.office_code = @officeCode
    ORDER BY a.submitted_at DESC, a.id
    LIMIT @limit`;

/**
 * Other cases of the office with the same NIF, RCCM, ID number or phone (migration 028's
 * `case_keys`): the case's keys from `case_keys_by_application`, then one primary-key range per
 * key. Most recent submission first.
 */
export function createSameApplicantQuery(db: Database.Database) {
  const statement = db.prepare<{ id: string; officeCode: string; limit: number }, MatchedCaseRow>(
    SAME_APPLICANT,
  );

  return {
    of(id: string, officeCode: string): MatchedCase[] {
      return statement
        .all({ id, officeCode, limit: SAME_APPLICANT_LIMIT })
        .map(({ kinds, ...row }) => ({
          ...row,
          matchedOn: [...new Set(kinds.split(','))].sort() as ApplicantKeyKind[],
        }));
    },
  };
}
