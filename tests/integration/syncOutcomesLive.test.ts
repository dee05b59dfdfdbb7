import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { ApiEventMessage } from '../../src/shared/api/events';
import type { CaseDetail } from '../../src/shared/api/types';
import { eventually, openSyncCore, scalar } from '../support/syncBureau';
import { call, startSimulator, tempDir } from '../support/testBureau';

/**
 * Issue 17, « live and correct after every sync outcome »: what the core tells the renderers when
 * an action reaches the portal or is refused, and what a case shows once the portal's word is
 * taken over a withdrawal — on a real core (SQLite file) syncing with the simulator over HTTP.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(seed: number) {
  const simulator = await startSimulator(8, seed);
  cleanups.push(() => simulator.close());
  const core = openSyncCore({
    dataDir: tempDir(),
    portalUrl: simulator.url,
    token: simulator.token,
    tuning: { retryAfterMaxMs: 600_000 },
  });
  cleanups.push(() => core.close());
  await core.sync.syncNow();
  const office = core.contextOf().user!.officeCode;
  const id = scalar<string>(
    core.db,
    "SELECT id FROM applications WHERE office_code = ? AND status = 'submitted' ORDER BY id LIMIT 1",
    office,
  );
  expect(id, `a submitted case of ${office} among the simulator's first cases`).toBeTruthy();
  return { simulator, core, id };
}

/**
 * Every `cases.changed` naming `id`, with the state of the case's outbox and conflict at the
 * moment it was emitted (what a renderer refetching on it would read).
 */
function watchCase(core: Core, id: string) {
  const seen: { states: string[]; inConflict: boolean }[] = [];
  const unsubscribe = core.events.subscribe((message) => {
    if (message.event !== 'cases.changed') return;
    if (!(message as ApiEventMessage<'cases.changed'>).payload.ids.includes(id)) return;
    seen.push({
      states: core.db
        .prepare('SELECT state FROM outbox WHERE application_id = ? ORDER BY id')
        .pluck()
        .all(id) as string[],
      inConflict:
        scalar<string | null>(
          core.db,
          'SELECT conflict_json FROM applications WHERE id = ?',
          id,
        ) !== null,
    });
  });
  cleanups.push(unsubscribe);
  return seen;
}

async function requestInfo(core: Core, id: string): Promise<CaseDetail> {
  const detail = await call(core, 'cases.get', { id });
  return call(core, 'cases.requestInfo', {
    id,
    missingDocuments: [detail.procedure.documents[0]!.code],
    fieldsToCorrect: [],
    message: 'Merci de fournir la pièce manquante.',
  });
}

describe('the renderers hear of every outcome of an action', () => {
  it('a delivered action is announced for its case, which then has nothing waiting', async () => {
    const { core, id } = await setup(31);
    const seen = watchCase(core, id);
    const claimed = await call(core, 'cases.claim', { id });
    // The answer to the click: the claim is on its way.
    expect(claimed.sync.actions).toHaveLength(1);
    await eventually(
      () => seen.some((event) => event.states.every((state) => state === 'sent')),
      15_000,
      'a cases.changed naming the case once its claim was delivered',
    );
    expect((await call(core, 'cases.get', { id })).sync.actions).toEqual([]);
  });

  it('a refused action is announced for its case, which then shows the conflict', async () => {
    const { simulator, core, id } = await setup(32);
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    const seen = watchCase(core, id);
    await call(core, 'notes.add', { applicationId: id, body: 'avis favorable' });
    await eventually(
      () => seen.some((event) => event.inConflict && event.states.includes('failed')),
      15_000,
      'a cases.changed naming the case once its note was refused',
    );
  });
});

describe("after a withdrawal the case shows the portal's truth", () => {
  it('keeping the portal cancels the request for information: no last decision, no holder', async () => {
    const { simulator, core, id } = await setup(33);
    await call(core, 'cases.claim', { id });
    await eventually(() => core.sync.status().pendingActions === 0, 15_000, 'claim delivered');
    // The applicant withdraws on the portal while the clerk asks for a document.
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    const asked = await requestInfo(core, id);
    expect(asked.review.workflow.lastDecision?.kind).toBe('info_requested');
    await eventually(() => core.sync.status().conflicts === 1, 15_000, 'request refused');
    await core.sync.syncNow(); // brings the portal's version in as the conflict's other side

    const resolved = await call(core, 'cases.resolveConflict', { id, keep: 'portal' });
    expect(resolved.row.status).toBe('withdrawn');
    expect(resolved.sync.conflict).toBeNull();
    expect(resolved.review.workflow.lastDecision).toBeNull();
    expect(resolved.review.workflow.claim).toBeNull();
    expect(scalar(core.db, "SELECT state FROM outbox WHERE kind = 'info.requested'")).toBe(
      'cancelled',
    );
    // What was done stays in the history.
    const kinds = core.db
      .prepare('SELECT kind FROM history_events WHERE application_id = ? ORDER BY id')
      .pluck()
      .all(id);
    expect(kinds).toContain('info_requested');
    expect(kinds.at(-1)).toBe('conflict_resolved');
  });

  it('keeping the portal at once, before its version came in: the pull that brings it shows no cancelled decision', async () => {
    const { simulator, core, id } = await setup(35);
    await call(core, 'cases.claim', { id });
    await eventually(() => core.sync.status().pendingActions === 0, 15_000, 'claim delivered');
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    await requestInfo(core, id);
    await eventually(() => core.sync.status().conflicts === 1, 15_000, 'request refused');
    expect((await call(core, 'cases.get', { id })).sync.conflict?.portal).toBeNull();

    await call(core, 'cases.resolveConflict', { id, keep: 'portal' });
    // The sync the decision starts brings the portal's version.
    await eventually(
      () => scalar(core.db, 'SELECT status FROM applications WHERE id = ?', id) === 'withdrawn',
      15_000,
      'the withdrawal pulled',
    );
    const detail = await call(core, 'cases.get', { id });
    expect(detail.review.workflow.lastDecision).toBeNull();
    expect(detail.review.workflow.claim).toBeNull();
  });

  it('a withdrawal pulled without conflict releases the claim and keeps the delivered request', async () => {
    const { simulator, core, id } = await setup(34);
    await call(core, 'cases.claim', { id });
    await requestInfo(core, id);
    await eventually(() => core.sync.status().pendingActions === 0, 15_000, 'actions delivered');
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    await core.sync.syncNow();

    const detail = await call(core, 'cases.get', { id });
    expect(detail.row.status).toBe('withdrawn');
    expect(detail.sync.conflict).toBeNull();
    expect(detail.review.workflow.claim).toBeNull();
    // The applicant did receive that request before withdrawing: it is the case's last decision.
    expect(detail.review.workflow.lastDecision?.kind).toBe('info_requested');
  });
});
