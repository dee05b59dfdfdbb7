import type Database from 'better-sqlite3';
import { formatCertificateNumber } from '../../../shared/domain/certificateNumber';

/**
 * Certificate numbers: `<prefix>-<year>-<office>-<sequence>`, e.g. `CIE-2026-LOM-000123`.
 *
 * - Per procedure (its catalog prefix), calendar year and issuing office, strictly increasing.
 * - Collision-free across offices working offline: the office code is part of the number and
 *   only that office's staff issue its certificates (the state machine refuses other offices).
 * - Gap-free within an office, even across crashes: the counter moves inside the transaction that
 *   records the certificate and moves the case to « issued »; a failure anywhere before the
 *   commit rolls the counter back with everything else, and a committed number always has its
 *   certificate row (whose PDF recovery completes if the process died before writing it).
 */

export const MAX_SEQUENCE = 999_999;

export interface AllocatedNumber {
  number: string;
  year: number;
  seq: number;
}

export { formatCertificateNumber };

export function createNumbering(db: Database.Database) {
  const next = db.prepare<[string, number, string], { last_seq: number }>(`
    INSERT INTO certificate_counters (procedure_code, year, office_code, last_seq)
    VALUES (?, ?, ?, 1)
    ON CONFLICT (procedure_code, year, office_code) DO UPDATE SET last_seq = last_seq + 1
    RETURNING last_seq`);

  return {
    /**
     * Takes the next number; must run inside the transaction that records the certificate. The
     * sequence is the issuing office's on this installation; the number shows `numberingCode`
     * (the administrator's code for this desktop, by default the office code), so two desktops
     * of one office working offline issue different numbers.
     */
    allocate(
      procedure: { code: string; prefix: string },
      year: number,
      officeCode: string,
      numberingCode: string = officeCode,
    ): AllocatedNumber {
      if (!db.inTransaction) {
        throw new Error('certificate numbers are allocated inside the issuing transaction');
      }
      const row = next.get(procedure.code, year, officeCode);
      const seq = row!.last_seq;
      if (seq > MAX_SEQUENCE) {
        // The CHECK constraint refuses it too; this says why in words.
        throw new Error(
          `certificate numbers exhausted for ${procedure.code} ${year} ${officeCode}`,
        );
      }
      return {
        number: formatCertificateNumber(procedure.prefix, year, numberingCode, seq),
        year,
        seq,
      };
    },
  };
}
export type Numbering = ReturnType<typeof createNumbering>;
