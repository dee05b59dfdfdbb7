/**
 * Checks the hash chain of Bureau's audit trail in a copy of its database (or the live one: the
 * file is opened read-only, and nothing is migrated or written).
 *
 *   npx tsx scripts/verify-audit.ts <chemin de bureau.sqlite>
 *
 * Prints the verdict in French. Exit code 0 when the chain is intact, 1 when it is broken (the
 * first broken row and why), 2 on a usage error or a file that is not a Bureau database.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describeAuditVerdict, verifyAuditChain } from '../src/main/core/audit/auditVerifier';

function usage(message: string): never {
  console.error(`${message}

Usage : npx tsx scripts/verify-audit.ts <chemin de bureau.sqlite>`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith('--')) usage('Indiquez un seul fichier de base.');
const file = args[0]!;
if (!existsSync(file)) usage(`Fichier introuvable : ${file}`);

let db: Database.Database;
try {
  db = new Database(file, { readonly: true, fileMustExist: true });
  const hasLog = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'")
    .get();
  if (!hasLog) usage(`« ${file} » n’est pas une base Bureau : pas de table audit_log.`);
} catch (error) {
  usage(`Base illisible « ${file} » : ${(error as Error).message}`);
}

try {
  const verdict = await verifyAuditChain(db);
  console.log(describeAuditVerdict(verdict));
  process.exitCode = verdict.ok ? 0 : 1;
} catch (error) {
  console.error(`Vérification impossible : ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  db.close();
}
