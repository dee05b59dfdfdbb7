import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { procedureFields } from '../../src/shared/catalog/procedureSchema';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { clerk, enqueue, outboxOf, PAYLOADS } from '../support/localActions';
import { eventually, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { call, startSimulator, tempDir } from '../support/testBureau';

/**
 * Versions the portal makes because of this office's own actions are not conflicts — whether the
 * portal's answer arrived, is still on its way, or was lost — while a change someone else made
 * with actions still undelivered is one. Real simulator over HTTP, real SQLite.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

async function setup(seed: number, count = 6, tuning = {}) {
  const simulator = await startSimulator(count, seed);
  cleanups.push(() => simulator.close());
  const core = openSyncCore({
    dataDir: tempDir(),
    portalUrl: simulator.url,
    token: simulator.token,
    tuning: { retryAfterMaxMs: 600_000, ...tuning },
  });
  cleanups.push(() => core.close());
  await core.sync.syncNow();
  const ids = core.db.prepare('SELECT id FROM applications ORDER BY id').pluck().all() as string[];
  return { simulator, core, ids };
}

const caseRow = (core: Core, id: string) =>
  core.db
    .prepare('SELECT status, portal_version, conflict_json FROM applications WHERE id = ?')
    .get(id) as { status: string; portal_version: number; conflict_json: string | null };

/** The cache agrees with the portal on every case and nothing is in conflict or undelivered. */
function expectInStep(core: Core, simulator: Simulator) {
  expect(core.sync.status()).toMatchObject({ conflicts: 0, pendingActions: 0, failedActions: 0 });
  const rows = core.db
    .prepare('SELECT id, status, portal_version FROM applications ORDER BY id')
    .all() as { id: string; status: string; portal_version: number }[];
  for (const row of rows) {
    const portal = simulator.store.get(row.id)!;
    expect(row).toEqual({ id: row.id, status: portal.status, portal_version: portal.version });
  }
  expect(
    scalar(core.db, "SELECT count(*) FROM history_events WHERE kind = 'conflict_opened'"),
  ).toBe(0);
}

/** Each local action reached the portal exactly once, in local order per case. */
function expectDeliveredOnce(core: Core, simulator: Simulator) {
  const local = core.db
    .prepare("SELECT idempotency_key FROM outbox WHERE state = 'sent' ORDER BY id")
    .pluck()
    .all() as string[];
  const received = simulator.events.list().map((event) => event.idempotencyKey);
  expect([...received].sort()).toEqual([...local].sort());
  expect(new Set(received).size).toBe(received.length);
}

describe("the portal's versions caused by our own actions", () => {
  it('own delivered actions never produce a conflict, and the cache follows the portal', async () => {
    const { simulator, core, ids } = await setup(41);
    const [a, b, c] = ids as [string, string, string];
    // Two actions on one case in one go, one on another, then a later action after a sync.
    enqueue(core.db, a, PAYLOADS.claim, 'in_review');
    enqueue(core.db, a, PAYLOADS.approve, 'approved');
    enqueue(core.db, b, PAYLOADS.claim, 'in_review');
    await core.sync.syncNow();
    // The acknowledged version was taken in: the record that came back was « unchanged ».
    expect(caseRow(core, a)).toMatchObject({ status: 'approved', portal_version: 3 });
    expect(simulator.store.get(a)).toMatchObject({ status: 'approved', version: 3 });
    enqueue(core.db, b, PAYLOADS.signOff, 'pending_signoff');
    await call(core, 'notes.add', { applicationId: c, body: 'Vu, en attente de pièces' });
    await core.sync.syncNow();
    await core.sync.syncNow();
    expectInStep(core, simulator);
    expectDeliveredOnce(core, simulator);
    expect(simulator.store.get(b)!.appliedEvents!.map((event) => event.version)).toEqual([2, 3]);
    expect(simulator.events.list()).toHaveLength(5);
  });

  it('an action still waiting behind a delivered one does not conflict with the version it made', async () => {
    const { simulator, core, ids } = await setup(46);
    const id = ids[0]!;
    // The claim goes out on its own (a push, no pull): the portal is at version 2.
    enqueue(core.db, id, PAYLOADS.claim, 'in_review');
    core.sync.actionQueued();
    await eventually(() => outboxOf(core.db, id)[0]?.state === 'sent', 15_000, 'claim sent');
    expect(caseRow(core, id).portal_version).toBe(2);
    // The approval is held back by the portal (429) when the pull brings version 2.
    await setFaults(simulator, { rateLimitRate: 1, retryAfterSeconds: 600 });
    enqueue(core.db, id, PAYLOADS.approve, 'approved');
    core.sync.actionQueued();
    await eventually(
      () => scalar(core.db, 'SELECT last_error FROM outbox WHERE kind = ?', 'decision.approved'),
      15_000,
      'approval postponed',
    );
    await setFaults(simulator, undefined);
    core.db.prepare("UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00.000Z'").run();
    await simulator.admin('/__sim/changes', { id: ids[1], kind: 'reroute' }); // something to pull
    const status = await core.sync.syncNow();
    expect(status).toMatchObject({ conflicts: 0, pendingActions: 1 });
    expect(caseRow(core, id)).toMatchObject({ status: 'approved', conflict_json: null });
    core.db.prepare('UPDATE outbox SET next_attempt_at = NULL').run();
    await core.sync.syncNow();
    expectInStep(core, simulator);
    expectDeliveredOnce(core, simulator);
  });

  it('pushes racing pulls on many cases (slow portal) never open a conflict', async () => {
    const { simulator, core, ids } = await setup(42, 30);
    await setFaults(simulator, { latencyMs: 5, latencyJitterMs: 25 });
    const cases = ids.slice(0, 12);
    for (const [index, id] of cases.entries()) {
      enqueue(core.db, id, PAYLOADS.claim, 'in_review');
      core.sync.actionQueued(); // a push now…
      if (index % 3 === 0) void core.sync.syncNow(); // …while pulls run
      // Even cases: the approval is queued once the claim has left (or is delivered). Odd ones: at
      // once, the claim most likely still queued. Both shapes, whatever the machine's pace.
      if (index % 2 === 0) {
        await eventually(
          () => outboxOf(core.db, id)[0]?.state !== 'pending',
          15_000,
          'claim under way',
        );
      }
      enqueue(core.db, id, PAYLOADS.approve, 'approved');
      core.sync.actionQueued();
    }
    await eventually(
      async () => {
        const status = await core.sync.syncNow();
        return status.pendingActions === 0 && status.phase === 'idle';
      },
      15_000,
      'delivery',
    );
    await core.sync.syncNow();
    await setFaults(simulator, undefined);
    expectInStep(core, simulator);
    expectDeliveredOnce(core, simulator);
    expect(simulator.events.list()).toHaveLength(24);
  });

  it('an applicant withdrawal while an action is undelivered is still a conflict', async () => {
    const { simulator, core, ids } = await setup(43);
    const id = ids[0]!;
    enqueue(core.db, id, PAYLOADS.claim, 'in_review');
    await core.sync.syncNow();
    expect(caseRow(core, id).portal_version).toBe(2);
    // The approval cannot go (429 with a long Retry-After); meanwhile the applicant withdraws.
    await setFaults(simulator, { rateLimitRate: 1, retryAfterSeconds: 600 });
    enqueue(core.db, id, PAYLOADS.approve, 'approved');
    core.sync.actionQueued();
    await eventually(
      () => outboxOf(core.db, id)[1]?.state === 'pending' && core.sync.status().pendingActions,
      15_000,
      'postponed approval',
    );
    await eventually(
      () => scalar(core.db, 'SELECT last_error FROM outbox WHERE kind = ?', 'decision.approved'),
      15_000,
      'approval refused',
    );
    await setFaults(simulator, undefined);
    await simulator.admin('/__sim/changes', { id, kind: 'withdraw' });
    const status = await core.sync.syncNow();
    expect(status.conflicts).toBe(1);
    const detail = await call(core, 'cases.get', { id });
    expect(detail.sync.conflict).toMatchObject({
      reason: 'portal_changed',
      local: {
        status: 'approved',
        portalVersion: 2,
        actions: [{ kind: 'decision.approved', state: 'pending' }],
      },
      portal: { status: 'withdrawn', version: 3 },
    });
    expect(detail.sync.conflict!.message).toContain('retiré');
    // Our delivered claim is in the record's list; the withdrawal is not ours.
    expect(detail.sync.conflict!.portal!.appliedEvents).toHaveLength(1);
    const resolved = await call(core, 'cases.resolveConflict', { id, keep: 'portal' });
    expect(resolved.row.status).toBe('withdrawn');
    expect(outboxOf(core.db, id).map((row) => row.state)).toEqual(['sent', 'cancelled']);
    expect(simulator.events.list().map((event) => event.kind)).toEqual(['case.claimed']);
  });

  it('a lost answer is recognised from the record: no conflict, no second delivery', async () => {
    const { simulator, core, ids } = await setup(44);
    const id = ids[1]!;
    // Every answer comes back truncated: the portal applies the claim, Bureau never reads why.
    await setFaults(simulator, { truncateRate: 1 });
    enqueue(core.db, id, PAYLOADS.claim, 'in_review');
    enqueue(core.db, id, PAYLOADS.approve, 'approved');
    core.sync.actionQueued();
    await eventually(() => simulator.events.list().length === 1, 15_000, 'claim applied');
    await eventually(
      () => scalar(core.db, 'SELECT last_error FROM outbox WHERE kind = ?', 'case.claimed'),
      15_000,
      'lost answer noticed',
    );
    // Stop the retry timers and leave the claim waiting for a distant retry, as after a long
    // backoff: the next pull sees the portal's new version before any retry could.
    await core.sync.stop();
    core.db
      .prepare(
        "UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00.000Z' WHERE kind = 'case.claimed'",
      )
      .run();
    expect(outboxOf(core.db, id).map((row) => row.state)).toEqual(['pending', 'pending']);
    expect(caseRow(core, id).portal_version).toBe(1);
    await setFaults(simulator, undefined);

    const status = await core.sync.syncNow();
    expect(status.conflicts).toBe(0);
    expect(outboxOf(core.db, id).map((row) => row.state)).toEqual(['sent', 'sent']);
    expect(
      JSON.parse(
        scalar<string>(core.db, 'SELECT response_json FROM outbox WHERE kind = ?', 'case.claimed'),
      ),
    ).toMatchObject({ deliveredAccordingTo: 'appliedEvents', application: { id, version: 2 } });
    // The approval behind it went after the pull, in order, and its answer moved the version.
    expect(simulator.events.list().map((event) => event.kind)).toEqual([
      'case.claimed',
      'decision.approved',
    ]);
    expect(caseRow(core, id)).toMatchObject({ status: 'approved', portal_version: 3 });
    expectInStep(core, simulator);
    expectDeliveredOnce(core, simulator);
  });

  it("after our request for information, the applicant's reply is merged: documents and fields", async () => {
    const { simulator, core, ids } = await setup(45);
    const id = ids[2]!;
    const before = simulator.store.get(id)!;
    const procedure = core.catalog.get(before.procedureCode)!;
    const field = procedureFields(procedure)[0]!.id;
    const documentCode = procedure.documents[0]!.code;
    enqueue(core.db, id, PAYLOADS.claim, 'in_review');
    enqueue(
      core.db,
      id,
      {
        kind: 'info.requested',
        payload: {
          message: 'Merci de joindre la pièce et de corriger le champ.',
          missingDocuments: [documentCode],
          fieldsToCorrect: [field],
          requestedBy: clerk,
        },
      },
      'info_requested',
    );
    await core.sync.syncNow();
    expect(caseRow(core, id)).toMatchObject({ status: 'info_requested', portal_version: 3 });
    const replied = (await simulator.admin('/__sim/changes', {
      id,
      kind: 'reply',
    })) as PortalApplication;
    expect(replied.status).toBe('in_review');
    expect(replied.documents).toHaveLength(before.documents.length + 1);
    expect(replied.form[field]).not.toEqual(before.form[field]);

    await core.sync.syncNow();
    expectInStep(core, simulator);
    const detail = await call(core, 'cases.get', { id });
    expect(detail.record.form[field]).toEqual(replied.form[field]);
    const newDocument = replied.documents.at(-1)!;
    expect(newDocument.code).toBe(documentCode);
    expect(scalar(core.db, 'SELECT count(*) FROM documents WHERE id = ?', newDocument.id)).toBe(1);
    expect(
      core.db
        .prepare('SELECT kind FROM history_events WHERE application_id = ? AND kind = ?')
        .pluck()
        .all(id, 'applicant_replied'),
    ).toHaveLength(1);
    await core.sync.documentsIdle();
  });
});
