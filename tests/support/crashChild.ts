/**
 * A Bureau core in its own process, for crash tests that SIGKILL it mid-sync:
 *
 *   npx tsx tests/support/crashChild.ts <dataDir> <portalUrl> <token>
 *
 * It opens the core on the data directory and syncs (push, pull, push) over and over until it
 * is killed, printing `ready` once the core is open and `synced` after each complete run.
 * Nothing here cooperates with the kill: what is on disk when it dies is what a restart finds.
 */
import { openSyncCore } from './syncBureau';

const [dataDir, portalUrl, token] = process.argv.slice(2);
if (!dataDir || !portalUrl || !token) {
  process.stderr.write('usage: crashChild.ts <dataDir> <portalUrl> <token>\n');
  process.exit(2);
}

const core = openSyncCore({ dataDir, portalUrl, token, tuning: { pageSize: 20 } });
process.stdout.write('ready\n');
for (;;) {
  const status = await core.sync.syncNow();
  process.stdout.write(`synced ${status.phase} ${status.pendingActions}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
