import type Database from 'better-sqlite3';
import type { NextCertificateNumber } from '../../../shared/api/certificateTypes';
import { formatCertificateNumber } from '../../../shared/domain/certificateNumber';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';

/**
 * The number this desk's next certificate for an office would get, read without taking it, as
 * the issuer would compute it (`issueCertificate`): for the procedure of the office's latest
 * certificate (the catalog's first before any), this year; from the desk's open block on an
 * enrolled desk (with the office code), else from the office's counter (with its numbering code).
 */
export function createNextNumberPreview(deps: {
  db: Database.Database;
  catalog: Catalog;
  clock: Clock;
  deskId: () => string | null;
  numberingCodeOf?: ((officeCode: string) => string) | undefined;
}) {
  const { db, catalog, clock } = deps;
  const latestProcedure = db
    .prepare<[string], string>(
      'SELECT procedure_code FROM certificates WHERE office_code = ? ORDER BY issued_at DESC LIMIT 1',
    )
    .pluck();
  const counter = db
    .prepare<[string, number, string], number>(
      `SELECT last_seq FROM certificate_counters
        WHERE procedure_code = ? AND year = ? AND office_code = ?`,
    )
    .pluck();
  const openBlock = db
    .prepare<[string, number, string], number>(
      `SELECT next_seq FROM certificate_blocks
        WHERE procedure_code = ? AND year = ? AND office_code = ? AND state = 'open'
          AND next_seq <= last_seq
        ORDER BY first_seq LIMIT 1`,
    )
    .pluck();

  return (officeCode: string): NextCertificateNumber | null => {
    const latest = latestProcedure.get(officeCode);
    const procedure = (latest && catalog.get(latest)) || catalog.procedures[0];
    if (!procedure) return null;
    const prefix = procedure.certificate.numberPrefix;
    const year = clock.now().getUTCFullYear();
    const numberedByDesk = deps.deskId() !== null;
    const part = numberedByDesk ? officeCode : (deps.numberingCodeOf?.(officeCode) ?? officeCode);
    const seq = numberedByDesk
      ? (openBlock.get(procedure.code, year, officeCode) ?? 1)
      : (counter.get(procedure.code, year, officeCode) ?? 0) + 1;
    return {
      procedureCode: procedure.code,
      prefix,
      year,
      officeCode: part,
      numberedByDesk,
      seq,
      number: formatCertificateNumber(prefix, year, part, seq),
    };
  };
}
