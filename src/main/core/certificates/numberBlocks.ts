import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DomainError } from '../api/domainError';

/**
 * Blocks of certificate numbers the portal reserved for this desk (design multi-desk §4): the
 * only writer of `certificate_blocks`. A desk numbers only inside its blocks, so no two desks of
 * an office ever print the same number, online or offline; the portal never hands a number out
 * twice. A desk keeps one block in use and one in reserve per procedure and year, refilled when
 * online; running out offline refuses the issue (the case stays approved), never the decision.
 */

/** Below this many numbers left, issuers and administrators are warned (§4.3). */
export const LOW_NUMBERS = 100;
/** Blocks with numbers left that a desk wants to hold per procedure and year. */
const WANTED_OPEN = 2;

export const blockSchema = z.object({
  id: z.string().regex(/^blk-[A-Za-z0-9-]{3,80}$/),
  procedureCode: z.string().min(1).max(20),
  year: z.number().int().min(2000).max(9999),
  officeCode: z.string().regex(/^[A-Z]{2,10}$/),
  first: z.number().int().min(1).max(999_999),
  last: z.number().int().min(1).max(999_999),
});
export type NumberBlock = z.infer<typeof blockSchema>;

interface BlockRow {
  block_id: string;
  first_seq: number;
  last_seq: number;
  next_seq: number;
}

export function createNumberBlocks(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO certificate_blocks (block_id, procedure_code, year, office_code, first_seq,
                                    last_seq, next_seq, received_at, state)
    VALUES (@id, @procedureCode, @year, @officeCode, @first, @last, @first, @at, 'open')
    ON CONFLICT (block_id) DO NOTHING`);
  const usable = db.prepare<[string, number, string], BlockRow>(`
    SELECT block_id, first_seq, last_seq, next_seq FROM certificate_blocks
     WHERE procedure_code = ? AND year = ? AND office_code = ? AND state = 'open'
     ORDER BY first_seq LIMIT 1`);
  const take = db.prepare<[string]>(
    'UPDATE certificate_blocks SET next_seq = next_seq + 1 WHERE block_id = ?',
  );
  const exhaust = db.prepare<[string]>(
    "UPDATE certificate_blocks SET state = 'exhausted' WHERE block_id = ?",
  );
  const left = db
    .prepare<[string, number], number>(
      `SELECT coalesce(sum(last_seq - next_seq + 1), 0) FROM certificate_blocks
        WHERE procedure_code = ? AND year = ? AND state = 'open'`,
    )
    .pluck();
  const openCount = db
    .prepare<[string, number], number>(
      `SELECT count(*) FROM certificate_blocks
        WHERE procedure_code = ? AND year = ? AND state = 'open'`,
    )
    .pluck();
  const raiseTo = db.prepare<{
    procedureCode: string;
    year: number;
    officeCode: string;
    seq: number;
  }>(`
    UPDATE certificate_blocks SET next_seq = max(next_seq, @seq + 1)
     WHERE procedure_code = @procedureCode AND year = @year AND office_code = @officeCode
       AND @seq BETWEEN first_seq AND last_seq AND next_seq <= @seq`);
  const highestInTable = db.prepare<
    [],
    { procedureCode: string; year: number; officeCode: string; seq: number }
  >(`
    SELECT b.procedure_code AS procedureCode, b.year, b.office_code AS officeCode,
           max(c.seq) AS seq
      FROM certificate_blocks b JOIN certificates c
        ON c.procedure_code = b.procedure_code AND c.year = b.year
       AND c.office_code = b.office_code AND c.seq BETWEEN b.first_seq AND b.last_seq
     GROUP BY b.block_id`);
  const exhaustFull = db.prepare(
    "UPDATE certificate_blocks SET state = 'exhausted' WHERE state = 'open' AND next_seq > last_seq",
  );

  return {
    /** Blocks from the portal (enrollment, refill), inside the caller's transaction. */
    receive(blocks: readonly NumberBlock[], at: string): void {
      for (const block of blocks) {
        if (block.first > block.last) continue;
        insert.run({ ...block, at });
      }
    },
    /**
     * The next number of this desk for (procedure, year, office): inside the issuing
     * transaction, so a failure gives it back.
     */
    allocate(
      procedure: { code: string; prefix: string },
      year: number,
      officeCode: string,
    ): { seq: number; blockId: string } {
      if (!db.inTransaction) {
        throw new Error('certificate numbers are allocated inside the issuing transaction');
      }
      for (;;) {
        const block = usable.get(procedure.code, year, officeCode);
        if (!block) {
          throw new DomainError(
            'unavailable',
            `Plus aucun numéro de certificat ${procedure.prefix} ${year} n'est réservé pour ce poste : le certificat sera délivré dès que le poste aura joint le portail. Le dossier reste approuvé.`,
          );
        }
        if (block.next_seq > block.last_seq) {
          exhaust.run(block.block_id);
          continue;
        }
        take.run(block.block_id);
        if (block.next_seq === block.last_seq) exhaust.run(block.block_id);
        return { seq: block.next_seq, blockId: block.block_id };
      }
    },
    remaining: (procedureCode: string, year: number): number => left.get(procedureCode, year) ?? 0,
    /** True when this desk holds fewer blocks with numbers left than it wants (§4.2). */
    wantsMore: (procedureCode: string, year: number): boolean =>
      (openCount.get(procedureCode, year) ?? 0) < WANTED_OPEN,
    /**
     * Layer 1 of §4.4: a restored database never reissues a number whose certificate is in the
     * table or on disk (`onDisk`, from the PDFs a restore never touches): every block moves past
     * the highest number found in it.
     */
    raiseAboveIssued(
      onDisk: readonly {
        procedureCode: string;
        year: number;
        officeCode: string;
        seq: number;
      }[] = [],
    ): void {
      db.transaction(() => {
        for (const found of [...highestInTable.all(), ...onDisk]) raiseTo.run(found);
        exhaustFull.run();
      })();
    },
  };
}
export type NumberBlocks = ReturnType<typeof createNumberBlocks>;
