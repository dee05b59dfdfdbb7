import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** Resolves once the child has printed `text`. */
  printed(text: string): Promise<void>;
  /** SIGKILL to the child's whole process group (npx, tsx and the node running the core). */
  kill(): void;
  exited: Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function spawnCore(
  dataDir: string,
  simulator: Simulator,
  options: { portalUrl?: string; args?: string[] } = {},
): Child {
  const child = spawn(
    'npx',
    [
      'tsx',
      join('tests', 'support', 'crashChild.ts'),
      dataDir,
      options.portalUrl ?? simulator.url,
      simulator.token,
      ...(options.args ?? []),
    ],
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
  const watchers = new Set<{ text: string; resolve: () => void }>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const watcher of [...watchers]) {
      if (output.includes(watcher.text)) {
        watchers.delete(watcher);
        watcher.resolve();
      }
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const printed = (text: string) =>
    output.includes(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => watchers.add({ text, resolve }));
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
  return { process: child, output: () => output, printed, kill, exited };
}

/** Fails with the child's output when `work` has not settled in `ms` (a hung child). */
function within<T>(work: Promise<T>, ms: number, child: Child): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no crash:\n${child.output()}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Headers that belong to one connection, not to the request or the answer. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'content-encoding',
]);

/**
 * A hop between the child and the portal, as the network is: a request that left the child
 * reaches the portal even after the child died. It knows when none is left on the way — every
 * connection from the child closed, every request forwarded answered — so a test waits for
 * that instead of guessing how long requests in flight take.
 */
async function startHop(target: string) {
  let inFlight = 0;
  const sockets = new Set<unknown>();
  const server = createServer((incoming, outgoing) => {
    inFlight++;
    const chunks: Buffer[] = [];
    let delivered = false;
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('close', () => {
      if (!delivered && !incoming.complete) inFlight--; // cut before it all left: lost
    });
    incoming.on('end', () => {
      delivered = true;
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers.set(name, value);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers, body })
        .then(async (answer) => {
          const bytes = Buffer.from(await answer.arrayBuffer());
          if (outgoing.destroyed) return;
          const kept = [...answer.headers].filter(([name]) => !HOP_BY_HOP.has(name));
          outgoing.writeHead(answer.status, Object.fromEntries(kept));
          outgoing.end(bytes);
        })
        .catch(() => outgoing.destroy())
        .finally(() => inFlight--);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Nothing on the way: no connection open, no request waiting for the portal's answer. */
    quiet: () => sockets.size === 0 && inFlight === 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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
    // Pages of 20: killed inside the write of the 16th page, with 10 of its records written
    // in its open transaction and 15 pages (300 records) committed before it.
    const child = spawnCore(dataDir, simulator, { args: ['--hold-at-application=310'] });
    await within(child.printed('holding 310'), 20_000, child);
    child.kill();
    await within(child.exited, 20_000, child);
    expect(child.output()).toContain('ready');
    expect(child.output()).not.toContain('synced');

    // What the crash left on disk: the committed pages, none of the one under way.
    const core = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = count(core, 'SELECT count(*) FROM applications');
    expect(stored).toBe(300);
    // The cursor never runs ahead of the data: everything up to it is in the cache.
    const cursorSeq = Number(
      scalar(core.db, "SELECT value FROM sync_state WHERE key = 'pull_cursor_seq'"),
    );
    expect(cursorSeq).toBe(300);
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
    const hop = await startHop(simulator.url);
    cleanups.push(() => hop.close());
    const child = spawnCore(dataDir, simulator, { portalUrl: hop.url });
    const submit = simulator.events.submit.bind(simulator.events);
    simulator.events.submit = (applicationId, key, body) => {
      const reply = submit(applicationId, key, body);
      if (reply.status === 201 && simulator.events.list().length === 9) child.kill();
      return reply;
    };
    await within(child.exited, 20_000, child);
    await eventually(hop.quiet, 10_000, 'requests in flight to land');
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
