import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { PortalApplication } from '../src/shared/portal/portalApplication';

/**
 * The raw limit: the same rows bulk-inserted by better-sqlite3 into a bare table (no key, no
 * index, no FTS, no trigger) inside one transaction held open for the whole run.
 */
export function createRawBaseline(dir: string) {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE raw (id TEXT, reference TEXT, procedure_code TEXT, status TEXT,
    applicant_name TEXT, company_name TEXT, nif TEXT, rccm TEXT, phone TEXT, email TEXT,
    submitted_at TEXT, record_json TEXT)`);
  const insert = db.prepare('INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let ms = 0;
  let count = 0;
  db.exec('BEGIN');
  return {
    add(records: readonly PortalApplication[]) {
      const start = performance.now();
      for (const r of records) {
        insert.run(
          r.id,
          r.reference,
          r.procedureCode,
          r.status,
          `${r.applicant.firstName} ${r.applicant.lastName}`,
          r.company?.name ?? null,
          r.company?.nif ?? null,
          r.company?.rccm ?? null,
          r.applicant.phone,
          r.applicant.email,
          r.submittedAt,
          JSON.stringify(r),
        );
      }
      ms += performance.now() - start;
      count += records.length;
    },
    finish(): number {
      const start = performance.now();
      db.exec('COMMIT');
      ms += performance.now() - start;
      db.close();
      return Math.round(count / (ms / 1000));
    },
  };
}
