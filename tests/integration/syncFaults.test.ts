import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { startPortalSimulator } from '../../src/simulator/server';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn } from '../support/fakeClockBureau';
import { eventually, FAST_TUNING, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { call, procedures, startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

function ids(core: Core): string[] {
  return core.db.prepare('SELECT id FROM applications ORDER BY id').pluck().all() as string[];
}

/** The cases of the desk clerk's office: only a case's own office may add notes to it. */
function ownIds(core: Core): string[] {
  return core.db
    .prepare('SELECT id FROM applications WHERE office_code = ? ORDER BY id')
    .pluck()
    .all(core.contextOf().user!.officeCode) as string[];
}

/** Every local action reached the portal exactly once, in local order per case. */
function expectDeliveredOnce(core: Core, simulator: Simulator) {
  const local = core.db
    .prepare("SELECT idempotency_key, application_id FROM outbox WHERE state = 'sent' ORDER BY id")
    .all() as { idempotency_key: string; application_id: string }[];
  const received = simulator.events.list();
  expect(received.map((event) => event.idempotencyKey).sort()).toEqual(
    local.map((row) => row.idempotency_key).sort(),
  );
  for (const caseId of new Set(local.map((row) => row.application_id))) {
    expect(simulator.events.list(caseId).map((event) => event.idempotencyKey)).toEqual(
      local.filter((row) => row.application_id === caseId).map((row) => row.idempotency_key),
    );
  }
}

describe('sync under simulated faults', () => {
  it('converges with every fault on: cache equals the portal, notes arrive once and in order', async () => {
    const simulator = await startSimulator(120, 11);
    cleanups.push(() => simulator.close());
    const core = openSyncCore({
      dataDir: tempDir(),
      portalUrl: simulator.url,
      token: simulator.token,
    });
    cleanups.push(() => core.close());
    await core.sync.syncNow();
    const caseIds = ownIds(core).slice(0, 12);
    expect(caseIds).toHaveLength(12);

    await setFaults(simulator, {
      latencyJitterMs: 5,
      serverErrorRate: 0.15,
      rateLimitRate: 0.1,
      retryAfterSeconds: 0,
      resetRate: 0.1,
      truncateRate: 0.1,
      duplicatePageRate: 0.15,
      stalePageRate: 0.15,
    });
    // Portal-side changes and new arrivals while we add notes, three per case, interleaved.
    await simulator.admin('/__sim/applications', { count: 80 });
    for (const id of ids(core).slice(40, 46)) {
      await simulator.admin('/__sim/changes', { id, kind: 'request_info' });
    }
    for (let round = 0; round < 3; round++) {
      for (const id of caseIds) {
        await call(core, 'notes.add', { applicationId: id, body: `note ${round} pour ${id}` });
      }
    }
    await eventually(
      async () => {
        const status = await core.sync.syncNow();
        return (
          status.phase === 'idle' &&
          status.pendingActions === 0 &&
          ids(core).length === simulator.store.size
        );
      },
      30_000,
      'convergence',
    );
    await setFaults(simulator, undefined);
    expect(core.sync.status().failedActions).toBe(0);
    expectDeliveredOnce(core, simulator);
    expect(simulator.events.list()).toHaveLength(36);
    // The cache holds every portal record at its latest version.
    const versions = core.db
      .prepare('SELECT id, portal_version AS v, status FROM applications')
      .all() as { id: string; v: number; status: string }[];
    for (const row of versions) {
      const portal = simulator.store.get(row.id)!;
      expect([row.id, row.v, row.status]).toEqual([row.id, portal.version, portal.status]);
    }
    expect(
      scalar(core.db, "SELECT count(*) FROM history_events WHERE kind = 'portal_status_changed'"),
    ).toBe(6);
    // Stale pages never moved the cursor backwards: it ends at the portal's head.
    expect(scalar(core.db, "SELECT value FROM sync_state WHERE key = 'pull_cursor_seq'")).toBe(
      String(simulator.store.headSeq),
    );
  });

  it('honours Retry-After on 429 before retrying an action', async () => {
    const simulator = await startSimulator(5, 12);
    cleanups.push(() => simulator.close());
    const clock = createFakeClock(new Date()); // the simulator dates its records on real time
    const core = openCoreOn(clock, {
      dataDir: tempDir(),
      portalUrl: simulator.url,
      token: simulator.token,
      timeoutMs: 3_000,
      syncTuning: FAST_TUNING,
    });
    cleanups.push(() => core.close());
    await core.sync.syncNow();
    await core.sync.documentsIdle();
    const [id] = ownIds(core);
    await setFaults(simulator, { rateLimitRate: 1, retryAfterSeconds: 1 });
    const queuedAt = clock.now().getTime();
    await call(core, 'notes.add', { applicationId: id!, body: 'à transmettre' });

    // Refused with « Retry-After: 1 »: the one timer armed is the retry, one second on.
    const retry = await clock.untilArmed();
    expect(retry.delayMs).toBe(1_000);
    expect(clock.pending()).toHaveLength(1);
    expect(scalar(core.db, 'SELECT attempts FROM outbox')).toBe(1);
    expect(scalar(core.db, 'SELECT next_attempt_at FROM outbox')).toBe(
      new Date(queuedAt + 1_000).toISOString(),
    );

    // The portal is fine again, but the second is not over: even a full sync sends nothing.
    await setFaults(simulator, undefined);
    expect(clock.advance(999)).toBe(0);
    expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', pendingActions: 1 });
    expect(simulator.events.list()).toHaveLength(0);
    expect(scalar(core.db, 'SELECT attempts FROM outbox')).toBe(1);

    // The second is over: the retry timer fires and delivers, once.
    expect(clock.advance(1)).toBe(1);
    await eventually(() => core.sync.status().pendingActions === 0, 15_000, 'delivery');
    expect(simulator.events.list()).toHaveLength(1);
    expect(scalar(core.db, 'SELECT attempts FROM outbox')).toBe(2);
  });

  it('stopping ends a pull waiting out its backoff at once, leaving no timer behind', async () => {
    const simulator = await startSimulator(5, 16);
    cleanups.push(() => simulator.close());
    const clock = createFakeClock(new Date()); // the simulator dates its records on real time
    const core = openCoreOn(clock, {
      dataDir: tempDir(),
      portalUrl: simulator.url,
      token: simulator.token,
      timeoutMs: 3_000,
      syncTuning: { ...FAST_TUNING, retryBaseMs: 60_000, retryMaxMs: 5 * 60_000 },
    });
    cleanups.push(() => core.close());
    await core.sync.syncNow();
    await core.sync.documentsIdle();
    await setFaults(simulator, { serverErrorRate: 1 });
    const syncing = core.sync.syncNow();
    // The feed answers 5xx: the pull waits (up to a minute here) before asking again.
    const backoff = await clock.untilArmed();
    expect(backoff.delayMs).toBeLessThan(60_000);
    expect(core.sync.status().phase).toBe('syncing');

    await core.sync.stop(); // resolves without the time moving on
    expect(clock.pending()).toEqual([]);
    expect(await syncing).toMatchObject({ phase: 'idle', errorMessage: null });
  });

  it('after a crash between sending and marking sent, the retry with the same key is harmless', async () => {
    const simulator = await startSimulator(5, 13);
    cleanups.push(() => simulator.close());
    const dataDir = tempDir();
    const core = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());
    await core.sync.syncNow();
    const [id] = ownIds(core);
    // Power cut at the instant the portal applies the request: the row is committed as
    // 'sending' and the answer has not left. What is on disk then (WAL with synchronous=FULL) is
    // what a restart finds; the copy is taken on this thread, so the core writes nothing during it.
    const crashDir = tempDir();
    let copied = false;
    const submit = simulator.events.submit.bind(simulator.events);
    simulator.events.submit = (applicationId, key, body) => {
      if (!copied) {
        copied = true;
        for (const suffix of ['', '-wal']) {
          const file = join(dataDir, `bureau.sqlite${suffix}`);
          if (existsSync(file)) copyFileSync(file, join(crashDir, `bureau.sqlite${suffix}`));
        }
      }
      // The portal still applies the request; its answer goes nowhere in the crash world.
      return submit(applicationId, key, body);
    };
    await call(core, 'notes.add', { applicationId: id!, body: 'envoyée juste avant la panne' });
    await eventually(() => simulator.events.list().length === 1, 15_000, 'portal applied');
    simulator.events.submit = submit;
    expect(copied).toBe(true);

    const restarted = openSyncCore({
      dataDir: crashDir,
      portalUrl: simulator.url,
      token: simulator.token,
    });
    cleanups.push(() => restarted.close());
    expect(restarted.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(scalar(restarted.db, 'SELECT state FROM outbox')).toBe('sending');
    const status = await restarted.sync.syncNow();
    expect(status.pendingActions).toBe(0);
    expect(scalar(restarted.db, 'SELECT state FROM outbox')).toBe('sent');
    expect(simulator.events.list()).toHaveLength(1);
    expect(scalar<string>(restarted.db, 'SELECT response_json FROM outbox')).toContain('evt-1');
  });

  it('resumes a pull interrupted by closing the core, without loss or duplicates', async () => {
    const simulator = await startSimulator(600, 14);
    cleanups.push(() => simulator.close());
    const dataDir = tempDir();
    await setFaults(simulator, { latencyMs: 15 });
    const first = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    const pulling = first.sync.syncNow();
    await eventually(() => scalar<number>(first.db, 'SELECT count(*) FROM applications') >= 100);
    await first.close(); // waits for the page in flight, then stops
    await pulling;
    await setFaults(simulator, undefined);
    const second = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => second.close());
    await second.sync.syncNow();
    expect(scalar(second.db, 'SELECT count(*) FROM applications')).toBe(600);
    expect(scalar(second.db, "SELECT count(*) FROM history_events WHERE kind = 'received'")).toBe(
      600,
    );
  });

  it('goes offline when the portal disappears and delivers the queued action once it is back', async () => {
    const simulator = await startSimulator(8, 15);
    const port = simulator.port;
    const clock = createFakeClock(new Date()); // the simulator dates its records on real time
    const core = openCoreOn(clock, {
      dataDir: tempDir(),
      portalUrl: simulator.url,
      token: simulator.token,
      timeoutMs: 3_000,
      syncTuning: FAST_TUNING, // probe after 20 ms, doubling up to 100 ms
    });
    cleanups.push(() => core.close());
    await core.sync.syncNow();
    await core.sync.documentsIdle();
    const [id] = ownIds(core);
    await simulator.close();

    await call(core, 'notes.add', { applicationId: id!, body: 'rédigée hors ligne' });
    const offline = await core.sync.syncNow();
    expect(offline.phase).toBe('offline');
    expect(offline.offlineSince).toBe(clock.now().toISOString());
    expect(offline.pendingActions).toBe(1);
    // Only the health probe waits, and it backs off while the portal stays away.
    for (const delay of [20, 40, 80, 100, 100]) {
      const probe = await clock.untilArmed();
      expect([probe.delayMs, clock.pending().length]).toEqual([delay, 1]);
      clock.advance(probe.inMs);
      expect(core.sync.status().phase).toBe('offline');
    }
    const probe = await clock.untilArmed();
    expect(probe.delayMs).toBe(100);

    // The same portal comes back on the same address; the health probe notices by itself.
    const back = await startPortalSimulator({
      seed: 15,
      count: 8,
      port,
      token: simulator.token,
      procedures: procedures(),
    });
    cleanups.push(() => back.close());
    clock.advance(probe.inMs);
    await eventually(
      () => core.sync.status().phase === 'idle' && core.sync.status().pendingActions === 0,
      15_000,
      'back online',
    );
    expect(core.sync.status().offlineSince).toBeNull();
    expect(back.events.list().map((event) => event.payload.body)).toEqual(['rédigée hors ligne']);
  });
});
