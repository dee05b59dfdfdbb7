/**
 * A Bureau core in its own process, for crash tests that SIGKILL it mid-sync:
 *
 *   npx tsx tests/support/crashChild.ts <dataDir> <portalUrl> <token> [--hold-at-application=<n>]
 *
 * It opens the core on the data directory and syncs (push, pull, push) over and over until it
 * is killed, printing `ready` once the core is open and `synced` after each complete run.
 * Nothing here cooperates with the kill: what is on disk when it dies is what a restart finds.
 *
 * With `--hold-at-application=<n>`, the write that brings the cache to its n-th application stops
 * right there, its transaction open, and the child prints `holding <n>`: the test kills it at that
 * known point (inside a page's write) instead of a few milliseconds after some event.
 */
import { writeSync } from 'node:fs';
import { openSyncCore } from './syncBureau';

const [dataDir, portalUrl, token, option] = process.argv.slice(2);
const hold = /^--hold-at-application=(\d+)$/.exec(option ?? '');
if (!dataDir || !portalUrl || !token || (option !== undefined && !hold)) {
  process.stderr.write(
    'usage: crashChild.ts <dataDir> <portalUrl> <token> [--hold-at-application=<n>]\n',
  );
  process.exit(2);
}

// CRASH_CHILD_TUNING: more sync tuning as JSON (the bulk first sync's crash test turns it on).
const extraTuning = JSON.parse(process.env.CRASH_CHILD_TUNING ?? '{}') as Record<string, number>;
const core = openSyncCore({ dataDir, portalUrl, token, tuning: { pageSize: 20, ...extraTuning } });
if (hold) {
  const at = Number(hold[1]);
  core.db.function('crash_child_hold', () => {
    // Synchronous, so the line is out before the thread stops; nothing runs after it here.
    writeSync(1, `holding ${at}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    process.exit(3); // never killed: the test has gone
  });
  // A temporary trigger lives in this connection only: the database file never holds it.
  core.db.exec(`CREATE TEMP TRIGGER crash_child_hold AFTER INSERT ON main.applications
    WHEN (SELECT count(*) FROM main.applications) = ${at}
    BEGIN SELECT crash_child_hold(); END`);
}
process.stdout.write('ready\n');
for (;;) {
  const status = await core.sync.syncNow();
  process.stdout.write(`synced ${status.phase} ${status.pendingActions}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
