import type Database from 'better-sqlite3';
import type { LinkedSignal } from '../../src/shared/api/linkedTypes';
import type { Catalog } from '../../src/main/core/catalog/loadCatalog';
import { storedRecordOf } from '../../src/main/core/db/storedColumns';
import { createCertificateLookup } from '../../src/main/core/linked/certificateLookup';
import { checkPrerequisites } from '../../src/main/core/linked/prerequisites';
import { createSameApplicantQuery } from '../../src/main/core/linked/sameApplicant';
import { computeSignals } from '../../src/main/core/linked/signals';

/**
 * The signals of a page read case by case, as `cases.signals` did before issue 20 §2's inbox
 * work: each case's record parsed, its prerequisites looked up one number at a time, its whole
 * « same applicant » answer read (`sameApplicant.ts`, phones included), then the same rules
 * (`computeSignals`). The reference the set-based reading (`pageSignals.ts`) is checked against
 * (tests/unit/pageSignals.test.ts), and its « before » in bench/linkedLookup.ts.
 */
export function createSignalsOneByOne(db: Database.Database, catalog: Catalog) {
  const lookup = createCertificateLookup(db);
  const sameApplicant = createSameApplicantQuery(db);
  const own = db.prepare<
    [string],
    { office_code: string; procedure_code: string; applicant_name: string; record_json: string }
  >(
    'SELECT office_code, procedure_code, applicant_name, record_json FROM applications WHERE id = ?',
  );
  return (ids: readonly string[], officeCode: string, today: string) => {
    const answer: Record<string, LinkedSignal[]> = {};
    for (const id of ids) {
      const row = own.get(id);
      if (!row || row.office_code !== officeCode) continue;
      const procedure = catalog.get(row.procedure_code);
      const record = storedRecordOf(id, row.record_json);
      answer[id] = computeSignals({
        applicantName: row.applicant_name,
        idNumber: record.applicant.idNumber ?? null,
        matches: sameApplicant.of(id, officeCode),
        prerequisites: procedure ? checkPrerequisites(procedure, record.form, lookup, today) : [],
        catalog,
      });
    }
    return answer;
  };
}
