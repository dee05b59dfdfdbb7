import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { clerk, enqueue, PAYLOADS } from '../support/localActions';
import { eventually, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { repoRoot, startSimulator, tempDir } from '../support/testBureau';

/**
 * Real crashes: a core runs in its own process (tests/support/crashChild.ts, through `npx tsx`)
 * and is SIGKILLed mid-pull or mid-push — no shutdown, no flush beyond what SQLite committed.
 * A new core on the same data directory must then sync to the end with nothing lost, nothing
 * duplicated, the cursor consistent with the data, and every local action delivered once.
 */

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

interface Child {
  process: ChildProcess;
  output: () => string;
  /** SIGKILL to the child's whole process group (npx, tsx and the node running the core). */
  kill(): void;
  exited: Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function spawnCore(dataDir: string, simulator: Simulator): Child {
  const child = spawn(
    'npx',
    ['tsx', join('tests', 'support', 'crashChild.ts'), dataDir, simulator.url, simulator.token],
    {
      cwd: repoRoot,
      // Its own process group, so one signal reaches npx and the node process tsx starts.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Node 24 from node_modules/.bin (better-sqlite3 13 crashes on the system's Node 20).
      env: {
        ...process.env,
        PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env.PATH}`,
      },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  cleanups.push(async () => {
    kill();
    await exited;
  });
  return { process: child, output: () => output, kill, exited };
}

const count = (core: Core, sql: string, ...params: unknown[]) =>
  scalar<number>(core.db, sql, ...params);

/** Syncs until nothing is pending and the feed is drained. */
async function syncToTheEnd(core: Core, simulator: Simulator) {
  await eventually(
    async () => {
      const status = await core.sync.syncNow();
      return (
        status.phase === 'idle' &&
        status.pendingActions === 0 &&
        scalar(core.db, "SELECT value FROM sync_state WHERE key = 'pull_cursor_seq'") ===
          String(simulator.store.headSeq)
      );
    },
    10_000,
    'sync to the end',
  );
}

/** The cache holds every portal record once, at the portal's version and status. */
function expectComplete(core: Core, simulator: Simulator) {
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  const rows = core.db
    .prepare('SELECT id, status, portal_version AS version FROM applications')
    .all() as { id: string; status: string; version: number }[];
  expect(rows).toHaveLength(simulator.store.size);
  for (const row of rows) {
    const portal = simulator.store.get(row.id)!;
    expect(row).toEqual({ id: row.id, status: portal.status, version: portal.version });
  }
  // Replayed pages never duplicated what a record brings with it.
  expect(count(core, "SELECT count(*) FROM history_events WHERE kind = 'received'")).toBe(
    simulator.store.size,
  );
  const documents = simulator.store
    .page(0, simulator.store.headSeq)
    .items.reduce((sum, record) => sum + record.documents.length, 0);
  expect(count(core, 'SELECT count(*) FROM documents')).toBe(documents);
  expect(count(core, 'SELECT count(*) FROM applications WHERE conflict_json IS NOT NULL')).toBe(0);
}

describe('crash of the Bureau process (SIGKILL) during a sync', () => {
  it('killed mid-pull: the restart resumes from a consistent cursor, nothing lost or doubled', async () => {
    const simulator = await startSimulator(900, 61);
    cleanups.push(() => simulator.close());
    const dataDir = tempDir();
    const child = spawnCore(dataDir, simulator);
    // Kill while the child writes a page: a few milliseconds after the 16th page left the portal.
    const page = simulator.store.page.bind(simulator.store);
    let killedAfterSeq: number | null = null;
    simulator.store.page = (afterSeq, limit) => {
      const served = page(afterSeq, limit);
      if (afterSeq >= 300 && killedAfterSeq === null) {
        killedAfterSeq = afterSeq;
        setTimeout(() => child.kill(), 2);
      }
      return served;
    };
    await Promise.race([
      child.exited,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no crash:\n${child.output()}`)), 20_000),
      ),
    ]);
    expect(child.output()).toContain('ready');
    expect(child.output()).not.toContain('synced');
    simulator.store.page = page;

    // What the crash left on disk.
    const core = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = count(core, 'SELECT count(*) FROM applications');
    expect(stored).toBeGreaterThanOrEqual(300);
    expect(stored).toBeLessThan(900);
    // The cursor never runs ahead of the data: everything up to it is in the cache.
    const cursorSeq = Number(
      scalar(core.db, "SELECT value FROM sync_state WHERE key = 'pull_cursor_seq'"),
    );
    expect(cursorSeq).toBeGreaterThanOrEqual(300 - 20);
    expect(cursorSeq).toBeLessThanOrEqual(stored);
    const upToCursor = simulator.store.page(0, cursorSeq).items.map((record) => record.id);
    const known = new Set(core.db.prepare('SELECT id FROM applications').pluck().all());
    expect(upToCursor.filter((id) => !known.has(id))).toEqual([]);
    expect(count(core, "SELECT count(*) FROM history_events WHERE kind = 'received'")).toBe(stored);

    await syncToTheEnd(core, simulator);
    expectComplete(core, simulator);
  });

  it('killed mid-push with an answer on its way: every action is delivered exactly once', async () => {
    const simulator = await startSimulator(40, 62);
    cleanups.push(() => simulator.close());
    const dataDir = tempDir();
    // A first sync, then a morning's work queued: claims and approvals, and notes.
    const first = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    await first.sync.syncNow();
    const ids = first.db
      .prepare('SELECT id FROM applications ORDER BY id')
      .pluck()
      .all() as string[];
    for (const id of ids.slice(0, 12)) {
      enqueue(first.db, id, PAYLOADS.claim, 'in_review');
      enqueue(first.db, id, PAYLOADS.approve, 'approved');
    }
    for (const [n, id] of ids.slice(12, 18).entries()) {
      enqueue(first.db, id, {
        kind: 'note.added',
        payload: { noteId: n + 1, body: `Note avant la panne (${id})`, author: clerk },
      });
    }
    await first.close();
    const queued = 12 * 2 + 6;

    // The portal is slow; the child dies right as the portal applies the 9th event, before the
    // answer leaves — and the events already in flight are still applied after its death.
    await setFaults(simulator, { latencyMs: 30, latencyJitterMs: 20 });
    const child = spawnCore(dataDir, simulator);
    const submit = simulator.events.submit.bind(simulator.events);
    simulator.events.submit = (applicationId, key, body) => {
      const reply = submit(applicationId, key, body);
      if (reply.status === 201 && simulator.events.list().length === 9) child.kill();
      return reply;
    };
    await Promise.race([
      child.exited,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no crash:\n${child.output()}`)), 20_000),
      ),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 150)); // requests in flight land
    simulator.events.submit = submit;
    await setFaults(simulator, undefined);

    const core = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const sentBefore = count(core, "SELECT count(*) FROM outbox WHERE state = 'sent'");
    const applied = simulator.events.list().length;
    expect(applied).toBeGreaterThanOrEqual(9);
    expect(applied).toBeLessThan(queued);
    // At least the 9th was applied on the portal but never marked sent here.
    expect(sentBefore).toBeLessThan(applied);
    expect(count(core, "SELECT count(*) FROM outbox WHERE state = 'sending'")).toBeGreaterThan(0);

    await syncToTheEnd(core, simulator);
    expectComplete(core, simulator);
    const local = core.db
      .prepare(
        "SELECT idempotency_key, application_id FROM outbox WHERE state = 'sent' ORDER BY id",
      )
      .all() as { idempotency_key: string; application_id: string }[];
    expect(local).toHaveLength(queued);
    const received = simulator.events.list();
    expect(received.map((event) => event.idempotencyKey).sort()).toEqual(
      local.map((row) => row.idempotency_key).sort(),
    );
    for (const id of new Set(local.map((row) => row.application_id))) {
      expect(simulator.events.list(id).map((event) => event.idempotencyKey)).toEqual(
        local.filter((row) => row.application_id === id).map((row) => row.idempotency_key),
      );
    }
    for (const id of ids.slice(0, 12)) expect(simulator.store.get(id)!.status).toBe('approved');
  });
});
