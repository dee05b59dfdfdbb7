import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/auditLog';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';

const FILE_PATTERN = /^([A-Z]{2,4})-(\d{4})-([A-Z]{2,10})-(\d{6})\.pdf$/;

interface Highest {
  procedureCode: string;
  year: number;
  officeCode: string;
  seq: number;
}

/** Every certificate PDF in `<dataDir>/certificates/<year>/`, read from its file name. */
export function issuedFilesOnDisk(
  dataDir: string,
  catalog: Catalog,
): (Highest & { number: string })[] {
  const root = join(dataDir, 'certificates');
  if (!existsSync(root)) return [];
  const procedureByPrefix = new Map(
    catalog.procedures.map((procedure) => [procedure.certificate.numberPrefix, procedure.code]),
  );
  const found: (Highest & { number: string })[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory() || !/^\d{4}$/.test(folder.name)) continue;
    for (const file of readdirSync(join(root, folder.name))) {
      const match = FILE_PATTERN.exec(file);
      const procedureCode = match ? procedureByPrefix.get(match[1]!) : undefined;
      if (!match || !procedureCode) continue;
      found.push({
        number: file.slice(0, -4),
        procedureCode,
        year: Number(match[2]),
        officeCode: match[3]!,
        seq: Number(match[4]),
      });
    }
  }
  return found;
}

/**
 * After a database restore, the certificate counters go back to the backup's values while the
 * PDFs issued since are still on disk (a restore never touches them) and already with their
 * holders: reusing one of those numbers would give two people the same certificate number. At
 * start-up every counter is raised to the highest number found on disk with no row in the
 * database, and each raise is audited.
 */
export function raiseCountersToIssuedFiles(deps: {
  db: Database.Database;
  dataDir: string;
  catalog: Catalog;
  audit: AuditLog;
  clock: Clock;
  /** The office whose sequence a number's office part belongs to (see numberingCodeOf). */
  officeOfNumberingCode: (code: string) => string;
}): Highest[] {
  const known = deps.db.prepare<[string], number>('SELECT 1 FROM certificates WHERE number = ?');
  const counter = deps.db.prepare<[string, number, string], { last_seq: number }>(
    'SELECT last_seq FROM certificate_counters WHERE procedure_code = ? AND year = ? AND office_code = ?',
  );
  const highest = new Map<string, Highest>();
  for (const file of issuedFilesOnDisk(deps.dataDir, deps.catalog)) {
    const found: Highest = {
      procedureCode: file.procedureCode,
      year: file.year,
      officeCode: deps.officeOfNumberingCode(file.officeCode),
      seq: file.seq,
    };
    const key = `${found.procedureCode}|${found.year}|${found.officeCode}`;
    if ((highest.get(key)?.seq ?? 0) >= found.seq) continue;
    const current = counter.get(found.procedureCode, found.year, found.officeCode)?.last_seq ?? 0;
    if (found.seq > current && known.get(file.number) === undefined) {
      highest.set(key, found);
    }
  }
  const raised = [...highest.values()];
  if (raised.length === 0) return raised;
  const raise = deps.db.prepare(`
    INSERT INTO certificate_counters (procedure_code, year, office_code, last_seq)
    VALUES (@procedureCode, @year, @officeCode, @seq)
    ON CONFLICT (procedure_code, year, office_code)
      DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`);
  deps.db.transaction(() => {
    for (const entry of raised) {
      raise.run(entry);
      deps.audit.append({
        at: deps.clock.now().toISOString(),
        actorId: null,
        officeCode: entry.officeCode,
        action: 'certificate.counter_raised',
        entityType: 'certificate_counter',
        entityId: `${entry.procedureCode}-${entry.year}-${entry.officeCode}`,
        summary: { to: entry.seq, reason: 'numbers on disk beyond the database (restore)' },
      });
    }
  })();
  return raised;
}
