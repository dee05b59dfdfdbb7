import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { writeFileDurably } from '../certificates/certificateStore';
import { parseJsonColumn } from '../db/jsonColumn';
import { letterDocumentSchema, type LetterDocument, type LetterKind } from './letterDocument';

/**
 * The one owner of the `letters` and `letter_counters` tables (migration 030) and of the letter
 * files, `<dataDir>/letters/<year>/<number>.pdf`. The path is always rebuilt from the row's year
 * and number, and every write goes through a temporary file, fsync and rename (as certificates).
 */

export interface LetterRow {
  id: string;
  number: string;
  kind: LetterKind;
  application_id: string;
  reference: string;
  procedure_code: string;
  office_code: string;
  series: string;
  year: number;
  seq: number;
  issued_at: string;
  issued_by: string;
  key_id: string;
  qr_text: string;
  document_json: string;
  sha256: string;
  size: number;
  file_state: 'pending' | 'stored';
}

export interface LetterListRow extends LetterRow {
  issued_by_name: string | null;
}

export type NewLetter = Omit<LetterRow, 'file_state'>;

export const MAX_LETTER_SEQUENCE = 999_999;

export const letterDocumentOf = (
  row: Pick<LetterRow, 'document_json' | 'number'>,
): LetterDocument =>
  parseJsonColumn(letterDocumentSchema, row.document_json, {
    table: 'letters',
    column: 'document_json',
    rowId: row.number,
  });

export function createLetterStore(db: Database.Database, dataDir: string) {
  const root = join(dataDir, 'letters');
  const select = `SELECT l.*, u.display_name AS issued_by_name FROM letters l
    LEFT JOIN users u ON u.id = l.issued_by`;
  const insert = db.prepare(`
    INSERT INTO letters (id, number, kind, application_id, reference, procedure_code, office_code,
      series, year, seq, issued_at, issued_by, key_id, qr_text, document_json, sha256, size)
    VALUES (@id, @number, @kind, @application_id, @reference, @procedure_code, @office_code,
      @series, @year, @seq, @issued_at, @issued_by, @key_id, @qr_text, @document_json, @sha256, @size)`);
  const byId = db.prepare<[string], LetterListRow>(`${select} WHERE l.id = ?`);
  const byNumber = db.prepare<[string], LetterListRow>(`${select} WHERE l.number = ?`);
  const forApplication = db.prepare<[string], LetterListRow>(
    `${select} WHERE l.application_id = ? ORDER BY l.issued_at, l.number`,
  );
  const pending = db.prepare<[], LetterRow>(
    "SELECT * FROM letters WHERE file_state = 'pending' ORDER BY issued_at",
  );
  const setStored = db.prepare<[string, number, string]>(
    "UPDATE letters SET file_state = 'stored', sha256 = ?, size = ? WHERE id = ?",
  );
  const nextSeq = db.prepare<[string, number], { last_seq: number }>(`
    INSERT INTO letter_counters (series, year, last_seq) VALUES (?, ?, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_seq = last_seq + 1
    RETURNING last_seq`);
  const pathOf = (row: Pick<LetterRow, 'year' | 'number'>) =>
    join(root, String(row.year), `${row.number}.pdf`);

  return {
    pathOf,
    /**
     * The next number of a series for a year: gap-free because it moves inside the transaction
     * that records the letter (a rollback takes the number back with the letter).
     */
    allocate(series: string, year: number): number {
      if (!db.inTransaction) throw new Error('letter numbers are allocated inside the decision');
      const seq = nextSeq.get(series, year)!.last_seq;
      if (seq > MAX_LETTER_SEQUENCE)
        throw new Error(`letter numbers exhausted for ${series} ${year}`);
      return seq;
    },
    insert: (row: NewLetter) => void insert.run(row),
    get: (id: string) => byId.get(id),
    byNumber: (number: string) => byNumber.get(number),
    forApplication: (applicationId: string) => forApplication.all(applicationId),
    pendingFiles: () => pending.all(),
    markStored: (id: string, sha256: string, size: number) => void setStored.run(sha256, size, id),
    writeFile: (row: Pick<LetterRow, 'year' | 'number'>, bytes: Buffer) =>
      writeFileDurably(pathOf(row), bytes),
    /** The stored bytes, or null when the file is missing. */
    readFile(row: Pick<LetterRow, 'year' | 'number'>): Buffer | null {
      try {
        return readFileSync(pathOf(row));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
export type LetterStore = ReturnType<typeof createLetterStore>;
