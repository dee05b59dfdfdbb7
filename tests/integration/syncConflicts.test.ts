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
  const id = scalar<string>(core.db, 'SELECT id FROM applications ORDER BY id LIMIT 1');
  return { simulator, core, id };
}

describe('conflicts between the portal and local actions', () => {
  it('a note refused because the applicant withdrew puts the case in conflict; keeping the portal cancels it', async () => {
    const { simulator, core, id } = await setup(21);
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    await call(core, 'notes.add', { applicationId: id, body: 'avis favorable' });
    await eventually(() => core.sync.status().failedActions === 1, 5_000, 'refusal');
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
      3_000,
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
    await eventually(() => core.sync.status().pendingActions === 0, 5_000, 'delivery');
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
