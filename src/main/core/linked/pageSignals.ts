import type Database from 'better-sqlite3';
import type { ApplicantKeyKind, LinkedSignal } from '../../../shared/api/linkedTypes';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { FormValue } from '../../../shared/portal/portalApplication';
import type { Catalog } from '../catalog/loadCatalog';
import { createCertificateLookup, normaliseCertificateNumber } from './certificateLookup';
import { checkPrerequisites } from './prerequisites';
import { computeSignals, type SignalMatch } from './signals';

/**
 * The cases of a page, with what the signals read of them: for a procedure with prerequisite
 * rules, its form (the numbers it cites). A record is parsed only there: reading JSON is most
 * of the cost of a page.
 */
export const PAGE_CASES = `
  SELECT a.id, a.procedure_code, a.applicant_name,
    CASE WHEN a.procedure_code IN (SELECT value FROM json_each(@withRules))
      THEN json_extract(a.record_json, '$.form') END AS form_json
  FROM applications a
  WHERE a.id IN (SELECT value FROM json_each(@ids)) AND a.office_code = @officeCode`;

/** The ID number as written, of the few cases another case shares it with (the signal quotes it). */
export const ID_NUMBERS = `
  SELECT id, json_extract(record_json, '$.applicant.idNumber') AS id_number
  FROM applications WHERE id IN (SELECT value FROM json_each(?))`;

/**
 * The other cases of the office the signals rest on, for every case of a page at once: those
 * sharing the ID number (any status: the same ID under another name), and the rejected ones
 * sharing a NIF, RCCM or ID number (a fraud-related rejection). The page's keys by
 * `case_keys_by_application`, each key's cases by the primary key, each case by its id. Phones,
 * which the case page lists, make no signal and are not read.
 */
export const SIGNAL_MATCHES = `
  SELECT mine.application_id AS case_id, a.id, a.reference, a.procedure_code, a.status,
    a.applicant_name, a.decision_json,
    CASE WHEN a.status = 'rejected' THEN json_extract(a.record_json, '$.decision') END
      AS portal_decision_json,
    group_concat(DISTINCT k.kind) AS kinds
  FROM case_keys mine
  JOIN case_keys k ON k.kind = mine.kind AND k.value = mine.value
    AND k.application_id <> mine.application_id
  JOIN applications a ON a.id = k.application_id
  WHERE mine.application_id IN (SELECT value FROM json_each(@ids))
    AND mine.kind IN ('nif', 'rccm', 'id')
    AND a.office_code = @officeCode AND (k.kind = 'id' OR a.status = 'rejected')
  GROUP BY mine.application_id, a.id
  ORDER BY mine.application_id, a.submitted_at DESC, a.id`;

interface PageCaseRow {
  id: string;
  procedure_code: string;
  applicant_name: string;
  form_json: string | null;
}

interface SignalMatchRow extends Omit<SignalMatch, 'matchedOn'> {
  case_id: string;
  status: CaseStatus;
  kinds: string;
}

/**
 * The warning signals of a page of cases (the inbox's, and the case page's one case), set-based:
 * one query for the page's cases, one for the other cases the signals rest on (and the ID
 * numbers they share, when any), one per certificate source for the numbers the page cites —
 * never a query per case. The rules are
 * `computeSignals`' and `checkPrerequisites`', the case page's; only the reading is batched.
 * Nothing is stored: a card revoked, a case decided or a duplicate marked is seen at the next read.
 */
export function createPageSignals(deps: { db: Database.Database; catalog: Catalog }) {
  const { db, catalog } = deps;
  const lookup = createCertificateLookup(db);
  const pageCases = db.prepare<{ ids: string; officeCode: string; withRules: string }, PageCaseRow>(
    PAGE_CASES,
  );
  const signalMatches = db.prepare<{ ids: string; officeCode: string }, SignalMatchRow>(
    SIGNAL_MATCHES,
  );
  const idNumbers = db.prepare<[string], { id: string; id_number: string | null }>(ID_NUMBERS);
  const withRules = JSON.stringify(
    catalog.procedures
      .filter((procedure) => (procedure.prerequisites ?? []).length > 0)
      .map((procedure) => procedure.code),
  );

  return {
    /** The signals of each case of `ids` that is of `officeCode`; other ids are left out. */
    of(ids: readonly string[], officeCode: string, today: string): Map<string, LinkedSignal[]> {
      const answer = new Map<string, LinkedSignal[]>();
      if (ids.length === 0) return answer;
      const list = JSON.stringify([...new Set(ids)]);
      const cases = pageCases.all({ ids: list, officeCode, withRules });
      if (cases.length === 0) return answer;

      const forms = new Map<string, Record<string, FormValue>>();
      const cited: string[] = [];
      for (const row of cases) {
        if (row.form_json === null) continue;
        const form = JSON.parse(row.form_json) as Record<string, FormValue>;
        forms.set(row.id, form);
        for (const rule of catalog.get(row.procedure_code)?.prerequisites ?? []) {
          const value = form[rule.field];
          if (typeof value === 'string' && value.trim() !== '') {
            cited.push(normaliseCertificateNumber(value));
          }
        }
      }
      const certificates = lookup.findMany(cited);
      const known = { find: (number: string) => certificates.get(number) ?? null };

      const matches = new Map<string, SignalMatch[]>();
      for (const { case_id, kinds, ...row } of signalMatches.all({ ids: list, officeCode })) {
        const match = { ...row, matchedOn: kinds.split(',').sort() as ApplicantKeyKind[] };
        const own = matches.get(case_id);
        if (own) own.push(match);
        else matches.set(case_id, [match]);
      }

      const sharingId = [...matches]
        .filter(([, list]) => list.some((match) => match.matchedOn.includes('id')))
        .map(([id]) => id);
      const idNumberOf = new Map(
        sharingId.length === 0
          ? []
          : idNumbers.all(JSON.stringify(sharingId)).map((row) => [row.id, row.id_number]),
      );

      for (const row of cases) {
        const procedure = catalog.get(row.procedure_code);
        const form = forms.get(row.id);
        answer.set(
          row.id,
          computeSignals({
            applicantName: row.applicant_name,
            idNumber: idNumberOf.get(row.id) ?? null,
            matches: matches.get(row.id) ?? [],
            prerequisites:
              procedure && form ? checkPrerequisites(procedure, form, known, today) : [],
            catalog,
          }),
        );
      }
      return answer;
    },
  };
}
export type PageSignals = ReturnType<typeof createPageSignals>;
