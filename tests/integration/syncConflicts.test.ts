import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { call, startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(seed: number) {
  const simulator = await startSimulator(6, seed);
  cleanups.push(() => simulator.close());
  const core = openSyncCore({
    dataDir: tempDir(),
    portalUrl: simulator.url,
    token: simulator.token,
    tuning: { retryAfterMaxMs: 600_000 },
  });
  cleanups.push(() => core.close());
  await core.sync.syncNow();
  // A case of the desk's clerk's office: only its own office may work it.
  const office = core.contextOf().user!.officeCode;
  const id = scalar<string>(
    core.db,
    'SELECT id FROM applications WHERE office_code = ? ORDER BY id LIMIT 1',
    office,
  );
  expect(id, `a case of ${office} among the simulator's first cases`).toBeTruthy();
  return { simulator, core, id };
}

describe('conflicts between the portal and local actions', () => {
  it('a note refused because the applicant withdrew puts the case in conflict; keeping the portal cancels it', async () => {
    const { simulator, core, id } = await setup(21);
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    await call(core, 'notes.add', { applicationId: id, body: 'avis favorable' });
    await eventually(() => core.sync.status().failedActions === 1, 15_000, 'refusal');
    const status = await core.sync.syncNow();
    expect(status.conflicts).toBe(1);

    const detail = await call(core, 'cases.get', { id });
    const conflict = detail.sync.conflict!;
    expect(conflict.reason).toBe('action_rejected');
    expect(conflict.message).toContain('retirée');
    expect(conflict.local.status).toBe('submitted');
    expect(conflict.local.actions).toMatchObject([{ kind: 'note.added', state: 'failed' }]);
    expect(conflict.portal?.status).toBe('withdrawn');
    // Nothing overwritten: the cache still shows the local state until the clerk decides.
    expect(detail.row.status).toBe('submitted');

    const resolved = await call(core, 'cases.resolveConflict', { id, keep: 'portal' });
    expect(resolved.sync.conflict).toBeNull();
    expect(resolved.row.status).toBe('withdrawn');
    expect(resolved.sync.actions).toEqual([]);
    expect(scalar(core.db, 'SELECT state FROM outbox')).toBe('cancelled');
    expect(scalar(core.db, 'SELECT count(*) FROM notes')).toBe(1);
    expect(core.sync.status()).toMatchObject({ conflicts: 0, failedActions: 0, pendingActions: 0 });
    expect(simulator.events.list()).toEqual([]);
    const kinds = core.db
      .prepare('SELECT kind FROM history_events WHERE application_id = ? ORDER BY id')
      .pluck()
      .all(id);
    expect(kinds).toEqual([
      'received',
      'note_added',
      'conflict_opened',
      'portal_withdrawn',
      'conflict_resolved',
    ]);
    await expect(call(core, 'cases.resolveConflict', { id, keep: 'portal' })).rejects.toThrow(
      /conflict/,
    );
  });

  it('keeping the portal before its version was pulled: the sync the decision starts brings it in', async () => {
    const { simulator, core, id } = await setup(24);
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    await call(core, 'notes.add', { applicationId: id, body: 'avis favorable' });
    await eventually(() => core.sync.status().conflicts === 1, 15_000, 'refusal');
    // Refused on delivery; no pull has run since, so the conflict has no portal side yet.
    const before = await call(core, 'cases.get', { id });
    expect(before.sync.conflict?.portal).toBeNull();

    const resolved = await call(core, 'cases.resolveConflict', { id, keep: 'portal' });
    expect(resolved.sync.conflict).toBeNull();
    await eventually(
      () => scalar(core.db, 'SELECT status FROM applications WHERE id = ?', id) === 'withdrawn',
      15_000,
      'the portal version pulled after the decision',
    );
    expect(scalar(core.db, 'SELECT conflict_json FROM applications WHERE id = ?', id)).toBeNull();
  });

  it('« sync now » during a sync runs one more after it, so changes made meanwhile come in', async () => {
    const { simulator, core } = await setup(25);
    const [first, second] = core.db
      .prepare('SELECT id FROM applications ORDER BY id')
      .pluck()
      .all() as string[];
    await simulator.admin('/__sim/changes', { id: first, kind: 'withdraw' });
    await setFaults(simulator, { latencyMs: 300 });
    let asked: Promise<unknown> | null = null;
    // Called synchronously while the first run applies its page: that run has already read the
    // feed, so the second withdrawal can only come in with a further run.
    const unsubscribe = core.events.subscribe((message) => {
      if (asked || message.event !== 'cases.changed') return;
      asked = simulator
        .admin('/__sim/changes', { id: second, kind: 'withdraw' })
        .then(() => undefined);
      asked = Promise.all([asked, core.sync.syncNow()]);
    });
    cleanups.push(unsubscribe);
    await core.sync.syncNow();
    expect(asked).not.toBeNull();
    await asked;
    const status = (id: string) =>
      scalar<string>(core.db, 'SELECT status FROM applications WHERE id = ?', id);
    expect(status(first!)).toBe('withdrawn');
    expect(status(second!)).toBe('withdrawn');
  });

  it('a portal change while an action waits opens a conflict; keeping local takes the applicant data and delivers', async () => {
    const { simulator, core, id } = await setup(22);
    await simulator.admin('/__sim/changes', { id, kind: 'request_info' });
    await core.sync.syncNow();
    // The portal answers 429 with a long Retry-After: the action is postponed; meanwhile the
    // applicant replies on the portal.
    await setFaults(simulator, { rateLimitRate: 1, retryAfterSeconds: 600 });
    await call(core, 'notes.add', { applicationId: id, body: 'pièce reçue' });
    await eventually(
      () =>
        scalar(core.db, 'SELECT state FROM outbox') === 'pending' &&
        scalar(core.db, 'SELECT last_error FROM outbox') !== null,
      15_000,
      'note postponed',
    );
    await setFaults(simulator, undefined);
    const replied = (await simulator.admin('/__sim/changes', { id, kind: 'reply' })) as {
      version: number;
      applicant: { address: string };
    };
    await core.sync.syncNow();
    const detail = await call(core, 'cases.get', { id });
    expect(detail.sync.conflict).toMatchObject({
      reason: 'portal_changed',
      local: { status: 'info_requested', actions: [{ kind: 'note.added', state: 'pending' }] },
      portal: { status: 'in_review', version: replied.version },
    });
    expect(detail.row.status).toBe('info_requested');

    const resolved = await call(core, 'cases.resolveConflict', { id, keep: 'local' });
    expect(resolved.sync.conflict).toBeNull();
    expect(resolved.row.status).toBe('info_requested'); // local workflow kept
    expect(resolved.record.applicant.address).toBe(replied.applicant.address); // applicant's data taken
    await eventually(() => core.sync.status().pendingActions === 0, 15_000, 'delivery');
    expect(simulator.events.list().map((event) => event.payload.body)).toEqual(['pièce reçue']);
    // The same portal version does not re-open the conflict.
    expect((await core.sync.syncNow()).conflicts).toBe(0);
  });

  it('merges portal updates without local actions: reply, withdrawal, re-routing', async () => {
    const { simulator, core } = await setup(23);
    const [a, b, c] = core.db
      .prepare('SELECT id FROM applications ORDER BY id')
      .pluck()
      .all() as string[];
    await simulator.admin('/__sim/changes', { id: a, kind: 'request_info' });
    await simulator.admin('/__sim/changes', { id: a, kind: 'reply' });
    await simulator.admin('/__sim/changes', { id: b, kind: 'withdraw' });
    await simulator.admin('/__sim/changes', { id: c, kind: 'reroute' });
    const before = scalar<string>(core.db, 'SELECT office_code FROM applications WHERE id = ?', c);
    await core.sync.syncNow();
    const row = (id: string) =>
      core.db
        .prepare('SELECT status, office_code, conflict_json FROM applications WHERE id = ?')
        .get(id);
    expect(row(a!)).toMatchObject({ status: 'in_review', conflict_json: null });
    expect(row(b!)).toMatchObject({ status: 'withdrawn' });
    expect((row(c!) as { office_code: string }).office_code).not.toBe(before);
    const kinds = core.db
      .prepare('SELECT kind FROM history_events WHERE kind LIKE ? ORDER BY id')
      .pluck()
      .all('portal_%');
    expect(kinds).toEqual(['portal_status_changed', 'portal_withdrawn', 'portal_reassigned']);
  });
});
