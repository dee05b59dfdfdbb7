import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import { eventually, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

/**
 * « À régulariser » and the outbox view (issue 17) on a real core (SQLite file in a temp dir)
 * syncing over HTTP from the portal simulator: every case that needs a person because of sync —
 * a refused action, a conflict, a quarantined record, attachments given up — is listed for its
 * office only, with the core's French reason; resolving takes it off the list.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(seed: number, faults?: Parameters<typeof setFaults>[1]) {
  const simulator = await startSimulator(12, seed);
  cleanups.push(() => simulator.close());
  if (faults) await setFaults(simulator, faults);
  const core = openSyncCore({
    dataDir: tempDir('bureau-worklist-'),
    portalUrl: simulator.url,
    token: simulator.token,
    tuning: { retryAfterMaxMs: 600_000 },
  });
  cleanups.push(() => core.close());
  return { simulator, core };
}

/** Calls the API as one of the training staff (Kossi: Lomé; Essowè: Kara). */
function as(core: Core, userId: 'u-agent-kossi' | 'u-agent-essowe') {
  return async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const result = await core.dispatch(method, input, core.contextOf(userId));
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
}

const casesOf = (core: Core, office: string, status: string) =>
  core.db
    .prepare('SELECT id FROM applications WHERE office_code = ? AND status = ? ORDER BY id')
    .pluck()
    .all(office, status) as string[];

describe('« À régulariser » and the outbox view', () => {
  it('lists a refused action and a conflict for their office, marks them in the inbox, and drops them once resolved', async () => {
    const { simulator, core } = await setup(41);
    await core.sync.syncNow();
    const kossi = as(core, 'u-agent-kossi');
    const essowe = as(core, 'u-agent-essowe');
    const [refusedId, conflictId] = casesOf(core, 'LOM', 'submitted');
    expect(conflictId, 'two submitted cases of Lomé among the first cases').toBeTruthy();

    expect(await kossi('sync.worklist', {})).toEqual({
      items: [],
      total: 0,
      counts: { conflict: 0, refused_action: 0, quarantined: 0, document_failed: 0 },
    });
    expect(await kossi('sync.worklistCount', {})).toBe(0);

    // A note the portal refuses: the applicant withdrew meanwhile.
    await simulator.admin('/__sim/changes', { id: refusedId, kind: 'withdraw' });
    await kossi('notes.add', { applicationId: refusedId!, body: 'avis favorable' });
    await eventually(() => core.sync.status().failedActions === 1, 15_000, 'refusal');

    // A conflict: the note waits (429, long Retry-After) while the applicant replies.
    await simulator.admin('/__sim/changes', { id: conflictId, kind: 'request_info' });
    await core.sync.syncNow();
    await setFaults(simulator, { rateLimitRate: 1, retryAfterSeconds: 600 });
    await kossi('notes.add', { applicationId: conflictId!, body: 'pièce reçue' });
    await eventually(
      () =>
        scalar<number>(
          core.db,
          "SELECT count(*) FROM outbox WHERE application_id = ? AND state = 'pending' AND last_error IS NOT NULL",
          conflictId,
        ) === 1,
      15_000,
      'note postponed',
    );
    await setFaults(simulator, undefined);
    await simulator.admin('/__sim/changes', { id: conflictId, kind: 'reply' });
    await core.sync.syncNow();
    expect(core.sync.status().conflicts).toBe(2);

    const worklist = await kossi('sync.worklist', {});
    expect(worklist.counts).toEqual({
      conflict: 1,
      refused_action: 1,
      quarantined: 0,
      document_failed: 0,
    });
    expect(worklist.total).toBe(2);
    const byKey = new Map(worklist.items.map((item) => [item.key, item]));
    const refused = byKey.get(`refused_action:${refusedId}`);
    expect(refused).toMatchObject({
      kind: 'refused_action',
      actionKind: 'note.added',
      count: 1,
      case: { id: refusedId, status: 'submitted' },
    });
    expect(refused?.detail).toMatch(/retirée/);
    expect(refused?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const conflict = byKey.get(`conflict:${conflictId}`);
    expect(conflict).toMatchObject({
      kind: 'conflict',
      actionKind: 'note.added',
      count: 1,
      case: { id: conflictId, status: 'info_requested' },
    });
    expect(conflict?.detail).toMatch(/Le portail a modifié ce dossier/);
    expect(await kossi('sync.worklistCount', {})).toBe(2);

    // Both carry the marker in every inbox list; no other case does.
    const all = await kossi('inbox.list', { queue: 'all', limit: 500 });
    expect(
      all.rows
        .filter((row) => row.inConflict)
        .map((row) => row.id)
        .sort(),
    ).toEqual([refusedId, conflictId].sort());

    // The outbox view: one refused, one waiting, per case, with its state and reason.
    const outbox = await kossi('sync.outbox', {});
    expect(outbox.counts).toEqual({ waiting: 1, refused: 1, sent: 0, cancelled: 0 });
    expect(outbox.rows.map((row) => [row.case.id, row.kind, row.state])).toEqual([
      [conflictId, 'note.added', 'pending'],
      [refusedId, 'note.added', 'failed'],
    ]);
    expect(outbox.rows.every((row) => row.caseInConflict)).toBe(true);
    expect((await kossi('sync.outbox', { filter: 'refused' })).rows).toMatchObject([
      { case: { id: refusedId }, state: 'failed', lastError: expect.stringMatching(/\S/) },
    ]);

    // Kara's clerk sees none of Lomé's cases, in either view.
    expect((await essowe('sync.worklist', {})).items).toEqual([]);
    expect(await essowe('sync.worklistCount', {})).toBe(0);
    expect((await essowe('sync.outbox', {})).rows).toEqual([]);

    // Resolving takes them off: the refused note is dropped, the waiting one goes out.
    await kossi('cases.resolveConflict', { id: refusedId!, keep: 'portal' });
    await kossi('cases.resolveConflict', { id: conflictId!, keep: 'local' });
    expect(await kossi('sync.worklist', {})).toMatchObject({ items: [], total: 0 });
    expect(await kossi('sync.worklistCount', {})).toBe(0);
    const after = await kossi('inbox.list', { queue: 'all', limit: 500 });
    expect(after.rows.some((row) => row.inConflict)).toBe(false);
    await eventually(() => core.sync.status().pendingActions === 0, 15_000, 'delivery');
    const delivered = await kossi('sync.outbox', {});
    expect(delivered.counts).toEqual({ waiting: 0, refused: 0, sent: 1, cancelled: 1 });
    expect(delivered.rows.map((row) => [row.case.id, row.state])).toEqual([
      [conflictId, 'sent'],
      [refusedId, 'cancelled'],
    ]);
    expect(delivered.rows[0]?.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const sent = await kossi('sync.outbox', { filter: 'sent', limit: 1 });
    expect(sent.rows.map((row) => row.case.id)).toEqual([conflictId]);
    expect(sent.nextCursor).toBeNull();
  });

  it('lists quarantined records and attachments given up, with their reason, each for its office', async () => {
    // Every attachment arrives corrupted: each is tried three times, then given up.
    const { simulator, core } = await setup(42, { corruptAttachmentRate: 1 });
    const record = (id: string, region: string) =>
      JSON.stringify({ id, reference: id, applicant: { region, firstName: 'Afi' } });
    await simulator.admin('/__sim/raw-items', {
      items: [
        record('BAD-LOM-1', 'Maritime'),
        record('BAD-KAR-1', 'Kara'),
        JSON.stringify({ note: 'sans identifiant' }),
      ],
    });
    await core.sync.syncNow();
    await eventually(
      async () => {
        await core.sync.documentsIdle();
        return (
          scalar<number>(core.db, "SELECT count(*) FROM documents WHERE state <> 'failed'") === 0
        );
      },
      20_000,
      'documents given up',
    );
    const kossi = as(core, 'u-agent-kossi');
    const essowe = as(core, 'u-agent-essowe');

    const withFailedDocuments = (office: string) =>
      core.db
        .prepare(
          `SELECT DISTINCT a.id FROM documents d JOIN applications a ON a.id = d.application_id
           WHERE a.office_code = ? ORDER BY a.id`,
        )
        .pluck()
        .all(office) as string[];
    const lome = withFailedDocuments('LOM');
    const kara = withFailedDocuments('KAR');
    expect(lome.length, 'cases of Lomé with attachments').toBeGreaterThan(0);

    for (const [who, office, mine, theirs] of [
      [kossi, 'LOM', lome, 'BAD-KAR-1'],
      [essowe, 'KAR', kara, 'BAD-LOM-1'],
    ] as const) {
      const worklist = await who('sync.worklist', {});
      const quarantined = worklist.items.filter((item) => item.kind === 'quarantined');
      const ids = quarantined.map((item) => item.portalId);
      // Its own office's record, and the one whose office cannot be told (no id, no region).
      expect(ids, office).toContain(office === 'LOM' ? 'BAD-LOM-1' : 'BAD-KAR-1');
      expect(ids, office).toContain(null);
      expect(ids, office).not.toContain(theirs);
      expect(quarantined).toHaveLength(2);
      for (const item of quarantined) {
        expect(item.detail, office).toMatch(/[a-zé]{4,}/);
        expect(item.case).toBeNull();
      }
      const documents = worklist.items.filter((item) => item.kind === 'document_failed');
      expect(documents.map((item) => item.case?.id).sort(), office).toEqual(mine);
      for (const item of documents) {
        expect(item.count).toBeGreaterThan(0);
        expect(item.detail).toMatch(/SHA-256/);
      }
      expect(worklist.counts).toEqual({
        conflict: 0,
        refused_action: 0,
        quarantined: 2,
        document_failed: mine.length,
      });
      expect(worklist.total).toBe(2 + mine.length);
      expect(await who('sync.worklistCount', {})).toBe(worklist.total);
      // The limit keeps the newest: the quarantined records (attachments keep no date).
      const first = await who('sync.worklist', { limit: 2 });
      expect(first.items.map((item) => item.kind)).toEqual(['quarantined', 'quarantined']);
      expect(first.total).toBe(worklist.total);
    }
  });
});
