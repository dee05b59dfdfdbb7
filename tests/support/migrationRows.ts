import type Database from 'better-sqlite3';

/**
 * One case row as migrations 006 onwards know it, for the migration tests: only what a test
 * varies is given, the other columns get plain values.
 */
export function insertApplicationRow(
  db: Database.Database,
  row: {
    id: string;
    reference?: string;
    status?: string;
    isOpen?: 0 | 1;
    officeCode?: string;
    dueDate?: string;
    portalVersion?: number;
    procedureCode?: string;
    submittedAt?: string;
  },
): void {
  db.prepare(
    `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
       city, applicant_name, phone, email, submitted_at, due_date, portal_version, portal_updated_at,
       record_json, synced_at, updated_at)
     VALUES (@id, @reference, @procedureCode, @status, @isOpen, @officeCode, 'Maritime', 'Lomé', 'A',
       '', '', @submittedAt, @dueDate, @portalVersion, '2026-01-01', '{}', '2026-01-01', '2026-01-01')`,
  ).run({
    reference: `COM-CO-2026-${row.id}`,
    status: 'submitted',
    isOpen: 1,
    officeCode: 'LOM',
    dueDate: '2026-01-10',
    portalVersion: 3,
    procedureCode: 'COM-CO',
    submittedAt: '2026-01-01',
    ...row,
  });
}
