/**
 * A Bureau core in its own process that issues certificates until it is killed, for the crash
 * test of certificate numbering:
 *
 *   npx tsx tests/support/certificateCrashChild.ts <dataDir> <portalUrl> <token> <caseId>…
 *
 * It prints `ready` once the core is open, then `issued <number>` after each certificate. Nothing
 * cooperates with the kill: what is on disk when it dies is what the restart finds.
 */
import { openCore } from './testBureau';

const [dataDir, portalUrl, token, ...caseIds] = process.argv.slice(2);
if (!dataDir || !portalUrl || !token || caseIds.length === 0) {
  process.stderr.write('usage: certificateCrashChild.ts <dataDir> <portalUrl> <token> <caseId>…\n');
  process.exit(2);
}

const core = openCore({ dataDir, portalUrl, token });
process.stdout.write('ready\n');
for (const caseId of caseIds) {
  const result = await core.dispatch('certificates.issue', { caseId }, core.contextOf());
  if (!result.ok) {
    process.stdout.write(`refused ${caseId} ${result.error.code}\n`);
    continue;
  }
  process.stdout.write(`issued ${(result.value as { number: string }).number}\n`);
}
process.stdout.write('done\n');
await core.close();
