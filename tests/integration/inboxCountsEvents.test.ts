import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { ApiEventMessage } from '../../src/shared/api/events';
import type { CurrentUser, QueueCounts } from '../../src/shared/api/types';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING } from '../support/syncBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';
import type { PortalSimulator } from '../../src/simulator/server';

/**
 * The queue counts in the navigation are per person (« Mes dossiers », their office's « À
 * traiter »), so the core pushes no counts: every change of the cases is announced by
 * `cases.changed` (or a sync's progress), on which each window reads its own counts again
 * (renderer: liveInvalidation.ts). On a real core: whenever the counts move, the event that
 * refreshes them was emitted, naming the cases.
 */

const clock = createFakeClock('2026-11-16T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let kossi: CurrentUser;
const heard: ApiEventMessage[] = [];

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 43, count: 30 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-counts-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  kossi = trainingUsersOf(core).find((user) => user.id === 'u-agent-kossi')!;
  core.events.subscribe((message) => heard.push(message));
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

async function countsOf(user: CurrentUser): Promise<QueueCounts> {
  const result = await core.dispatch('inbox.counts', {}, { user });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as QueueCounts;
}

const namesCases = (message: ApiEventMessage): message is ApiEventMessage<'cases.changed'> =>
  message.event === 'cases.changed';

/** The case ids that `cases.changed` events named since `from` (an index into `heard`). */
const changedSince = (from: number) =>
  new Set(
    heard
      .slice(from)
      .filter(namesCases)
      .flatMap((message) => message.payload.ids),
  );

describe('queue counts refresh on the events the core emits', () => {
  it('a pull that brings cases names every one of them', async () => {
    expect((await countsOf(kossi)).all).toBe(0);
    const from = heard.length;
    expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
    const counts = await countsOf(kossi);
    // Kossi's office only (README « Who sees what »); the event names every case pulled.
    expect(counts.all).toBe(
      core.db
        .prepare('SELECT count(*) FROM applications WHERE office_code = ?')
        .pluck()
        .get(kossi.officeCode),
    );
    expect(counts.all).toBeLessThan(30);
    expect(changedSince(from).size).toBe(30);
  });

  it('a claim names its case, and the next read has it in « Mes dossiers »', async () => {
    const before = await countsOf(kossi);
    const id = core.db
      .prepare(
        "SELECT id FROM applications WHERE office_code = ? AND status = 'submitted' AND assignee_id IS NULL ORDER BY id LIMIT 1",
      )
      .pluck()
      .get(kossi.officeCode) as string;
    const from = heard.length;
    const claimed = await core.dispatch('cases.claim', { id }, { user: kossi });
    expect(claimed.ok).toBe(true);
    expect([...changedSince(from)]).toContain(id);
    expect((await countsOf(kossi)).mine).toBe(before.mine + 1);
  });

  it('a portal change pulled later names its case, and the counts follow it', async () => {
    const before = await countsOf(kossi);
    const id = core.db
      .prepare("SELECT id FROM applications WHERE status = 'submitted' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    const response = await fetch(`${simulator.url}/__sim/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PORTAL_TOKEN}` },
      body: JSON.stringify({ id, kind: 'withdraw' }),
    });
    expect(response.ok).toBe(true);
    const from = heard.length;
    expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle' });
    expect([...changedSince(from)]).toEqual([id]);
    expect((await countsOf(kossi)).done).toBe(before.done + 1);
  });
});
