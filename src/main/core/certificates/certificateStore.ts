import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { parseJsonColumn } from '../db/jsonColumn';
import { certificateDocumentSchema, type CertificateDocument } from './certificateDocument';

/**
 * Certificate rows and their PDF files. Files live under `<dataDir>/certificates/<year>/` named
 * by the certificate number; the path is always rebuilt from the row's year and number (never
 * taken from the caller), and every write goes through a temporary file, fsync and rename, so a
 * power cut leaves either the whole PDF or none.
 */

export interface CertificateRow {
  id: string;
  number: string;
  application_id: string;
  reference: string;
  procedure_code: string;
  office_code: string;
  year: number;
  seq: number;
  holder_name: string;
  search_text: string;
  issued_at: string;
  expires_on: string | null;
  issued_by: string;
  key_id: string;
  qr_text: string;
  facts_json: string;
  sha256: string;
  size: number;
  file_state: 'pending' | 'stored';
  status: 'valid' | 'revoked';
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  /** The desk that issued it, on an enrolled desk (null: a desk alone, before enrolling). */
  desk_id: string | null;
  block_id: string | null;
  /** The registry refused it: « annulé », kept and listed, never deleted (migration 020). */
  cancelled_at: string | null;
  cancellation_json: string | null;
  registry_state: 'legacy' | 'pending' | 'registered' | 'refused';
}

/** Why the portal's certificate registry cancelled a certificate of this desk. */
export const cancellationSchema = z.object({
  code: z.string().max(64),
  message: z.string().max(1000),
  replacedBy: z.string().max(40).nullable(),
});
export type Cancellation = z.infer<typeof cancellationSchema>;

/** A row as the list and the case view read it: with the issuer's name and the duplicates. */
export interface CertificateListRow extends CertificateRow {
  issued_by_name: string | null;
  duplicates: number;
}

export type NewCertificate = Omit<
  CertificateRow,
  | 'file_state'
  | 'status'
  | 'revoked_at'
  | 'revoked_by'
  | 'revocation_reason'
  | 'cancelled_at'
  | 'cancellation_json'
>;

/** Lower-case, accents removed: what the list's search compares. */
export function searchText(...parts: string[]): string {
  return parts
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export function toSummary(row: CertificateListRow): CertificateSummary {
  return {
    id: row.id,
    number: row.number,
    applicationId: row.application_id,
    reference: row.reference,
    procedureCode: row.procedure_code,
    holderName: row.holder_name,
    officeCode: row.office_code,
    issuedAt: row.issued_at,
    expiresOn: row.expires_on,
    issuedBy: { id: row.issued_by, displayName: row.issued_by_name ?? row.issued_by },
    status: row.cancelled_at ? 'cancelled' : row.status,
    cancellation: row.cancellation_json
      ? {
          at: row.cancelled_at ?? row.issued_at,
          ...parseJsonColumn(cancellationSchema, row.cancellation_json, {
            table: 'certificates',
            column: 'cancellation_json',
            rowId: row.number,
          }),
        }
      : null,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
    duplicates: row.duplicates,
    sha256: row.sha256,
    keyId: row.key_id,
  };
}

export const documentOf = (row: CertificateRow): CertificateDocument =>
  parseJsonColumn(certificateDocumentSchema, row.facts_json, {
    table: 'certificates',
    column: 'facts_json',
    rowId: row.number,
  });

export const LIST_COLUMNS = /* sql */ `
  c.*, u.display_name AS issued_by_name,
  (SELECT count(*) FROM certificate_prints p WHERE p.certificate_id = c.id) AS duplicates`;

/** Writes `bytes` at `path` durably: temporary file, fsync, rename, fsync of the folder. */
export function writeFileDurably(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o644);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/**
 * Certificates issued before the desk enrolled that the portal's registry has not received,
 * oldest first; asked at every sync of an enrolled desk, read from a partial index that holds
 * only them (migration 027), so it costs nothing once they are imported.
 */
export const LEGACY_CERTIFICATES_BATCH = `SELECT number, application_id, key_id, issued_at, status
  FROM certificates WHERE registry_state = 'legacy' ORDER BY issued_at, number LIMIT ?`;

export function createCertificateStore(db: Database.Database, dataDir: string) {
  const root = join(dataDir, 'certificates');
  const insert = db.prepare(`
    INSERT INTO certificates (id, number, application_id, reference, procedure_code, office_code,
      year, seq, holder_name, search_text, issued_at, expires_on, issued_by, key_id, qr_text,
      facts_json, sha256, size, desk_id, block_id, registry_state)
    VALUES (@id, @number, @application_id, @reference, @procedure_code, @office_code, @year, @seq,
      @holder_name, @search_text, @issued_at, @expires_on, @issued_by, @key_id, @qr_text,
      @facts_json, @sha256, @size, @desk_id, @block_id, @registry_state)`);
  const byId = db.prepare<[string], CertificateListRow>(
    `SELECT ${LIST_COLUMNS} FROM certificates c LEFT JOIN users u ON u.id = c.issued_by WHERE c.id = ?`,
  );
  const byNumber = db.prepare<[string], CertificateRow>(
    'SELECT * FROM certificates WHERE number = ?',
  );
  const forApplication = db.prepare<[string], CertificateListRow>(
    `SELECT ${LIST_COLUMNS} FROM certificates c LEFT JOIN users u ON u.id = c.issued_by
     WHERE c.application_id = ? ORDER BY c.issued_at, c.id`,
  );
  const pending = db.prepare<[], CertificateRow>(
    "SELECT * FROM certificates WHERE file_state = 'pending' ORDER BY issued_at, id",
  );
  const setStored = db.prepare(
    "UPDATE certificates SET file_state = 'stored', sha256 = ?, size = ? WHERE id = ?",
  );
  const setRevoked = db.prepare(`
    UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = ?, revocation_reason = ?
    WHERE id = ? AND status = 'valid'`);
  const setRegistered = db.prepare(
    "UPDATE certificates SET registry_state = 'registered' WHERE number = ? AND registry_state = 'pending'",
  );
  const setCancelled = db.prepare(`
    UPDATE certificates SET cancelled_at = ?, cancellation_json = ?, registry_state = 'refused'
    WHERE number = ? AND cancelled_at IS NULL`);
  const legacyBatch = db.prepare<
    [number],
    Pick<CertificateRow, 'number' | 'application_id' | 'key_id' | 'issued_at' | 'status'>
  >(LEGACY_CERTIFICATES_BATCH);
  const setImported = db.prepare(
    `UPDATE certificates SET registry_state = 'registered'
      WHERE registry_state = 'legacy' AND number IN (SELECT value FROM json_each(?))`,
  );
  const insertPrint = db.prepare(`
    INSERT INTO certificate_prints (certificate_id, kind, printed_at, printed_by, sha256)
    VALUES (?, 'duplicate', ?, ?, ?)`);

  const pathOf = (row: Pick<CertificateRow, 'year' | 'number'>) =>
    join(root, String(row.year), `${row.number}.pdf`);

  return {
    pathOf,
    insert: (row: NewCertificate) => void insert.run(row),
    get: (id: string) => byId.get(id),
    byNumber: (number: string) => byNumber.get(number),
    forApplication: (applicationId: string) => forApplication.all(applicationId),
    pendingFiles: () => pending.all(),
    /** The PDF is on disk; `sha256` and `size` are those of the bytes written. */
    markStored: (id: string, sha256: string, size: number) => void setStored.run(sha256, size, id),
    revoke: (id: string, at: string, by: string, reason: string): boolean =>
      setRevoked.run(at, by, reason, id).changes > 0,
    /** Certificates issued before this desk enrolled, not yet in the national registry. */
    legacyBatch: (limit: number) => legacyBatch.all(limit),
    markImported: (numbers: readonly string[]): void =>
      void setImported.run(JSON.stringify(numbers)),
    /** The portal's registry accepted it. */
    markRegistered: (number: string): boolean => setRegistered.run(number).changes > 0,
    /** The registry refused it: « annulé » (design multi-desk §7); inside the caller's transaction. */
    cancel: (number: string, at: string, why: Cancellation): boolean =>
      setCancelled.run(at, JSON.stringify(cancellationSchema.parse(why)), number).changes > 0,
    recordDuplicate: (id: string, at: string, by: string, sha256: string) =>
      void insertPrint.run(id, at, by, sha256),
    writeFile: (row: Pick<CertificateRow, 'year' | 'number'>, bytes: Buffer) =>
      writeFileDurably(pathOf(row), bytes),
    /** The stored bytes, or null when the file is missing. */
    readFile(row: Pick<CertificateRow, 'year' | 'number'>): Buffer | null {
      try {
        return readFileSync(pathOf(row));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
export type CertificateStore = ReturnType<typeof createCertificateStore>;
