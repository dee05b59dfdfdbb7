import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { ApiEventMessage } from '../../src/shared/api/events';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { ApiError } from '../../src/shared/api/result';
import type { CurrentUser } from '../../src/shared/api/types';
import type { PortalEvent } from '../../src/simulator/portalEvents';
import { openSyncCore, scalar } from '../support/syncBureau';
import { startSimulator, tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * Assignment through the core's API (`core.dispatch`, so the dispatcher's role checks apply) on a
 * real SQLite file, syncing with the portal simulator over HTTP.
 */

const CRAFTS = ['ART-CP', 'ART-APP', 'ART-CFA', 'ART-DIP'];

let simulator: Awaited<ReturnType<typeof startSimulator>>;
let core: Core;
let users: Record<'kossi' | 'akossiwa' | 'mawuli' | 'ablavi' | 'essowe' | 'edem', CurrentUser>;
const emitted: ApiEventMessage[] = [];

beforeAll(async () => {
  simulator = await startSimulator(220, 11);
  core = openSyncCore({
    dataDir: tempDir('bureau-assignment-'),
    portalUrl: simulator.url,
    token: simulator.token,
  });
  const byUsername = new Map(trainingUsersOf(core).map((user) => [user.username, user]));
  const get = (username: string) => {
    const user = byUsername.get(username);
    if (!user) throw new Error(`no training user ${username}`);
    return user;
  };
  users = {
    kossi: get('kossi.agbodjan'),
    akossiwa: get('akossiwa.mensah'),
    mawuli: get('mawuli.kpodar'),
    ablavi: get('ablavi.lawson'),
    essowe: get('essowe.tchala'),
    edem: get('edem.dossou'),
  };
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
  core.events.subscribe((message) => emitted.push(message));
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

// — Helpers —

type Outcome<M extends MethodName> =
  { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiError };

const dispatch = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  user: CurrentUser,
): Promise<Outcome<M>> => core.dispatch(method, input, { user }) as Promise<Outcome<M>>;

async function as<M extends MethodName>(
  user: CurrentUser,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await dispatch(method, input, user);
  if (!result.ok) throw new Error(`${method} by ${user.id}: ${result.error.message}`);
  return result.value;
}

const count = (table: string) => scalar<number>(core.db, `SELECT count(*) FROM ${table}`);
const writes = () =>
  ['audit_log', 'outbox', 'history_events', 'notifications'].map((table) => count(table));
const assigneeOf = (id: string) =>
  scalar<string | null>(core.db, 'SELECT assignee_id FROM applications WHERE id = ?', id);

/** Unassigned open cases of an office, oldest deadline first, handed out once each. */
const taken = new Set<string>();
function freshCases(office: string, n: number, procedures?: readonly string[]): string[] {
  const ids = core.db
    .prepare(
      `SELECT id, procedure_code FROM applications
       WHERE office_code = ? AND is_open = 1 AND assignee_id IS NULL ORDER BY due_date, id`,
    )
    .all(office) as { id: string; procedure_code: string }[];
  const picked = ids
    .filter((row) => !taken.has(row.id) && (!procedures || procedures.includes(row.procedure_code)))
    .slice(0, n)
    .map((row) => row.id);
  if (picked.length < n) throw new Error(`not enough fresh ${office} cases in the simulator data`);
  for (const id of picked) taken.add(id);
  return picked;
}
const COMMERCE = ['COM-IMPEX', 'COM-APIPS', 'COM-AMM', 'COM-CO'];

const openLoad = (userId: string) =>
  scalar<number>(
    core.db,
    'SELECT count(*) FROM applications WHERE assignee_id = ? AND is_open = 1',
    userId,
  );

const portalEvents = async (id: string): Promise<PortalEvent[]> => {
  const response = await fetch(`${simulator.url}/__sim/events?applicationId=${id}`, {
    headers: { authorization: `Bearer ${simulator.token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { events: PortalEvent[] }).events;
};

async function syncAndSettle() {
  expect(await core.sync.syncNow()).toMatchObject({
    phase: 'idle',
    pendingActions: 0,
    failedActions: 0,
    conflicts: 0,
  });
}

// — Tests —

describe('who may assign: the dispatcher refuses other roles, writing nothing', () => {
  it.each([
    ['assignment.assign', 'kossi', { caseIds: ['x'], assigneeId: 'u-agent-kossi' }],
    ['assignment.staff', 'kossi', {}],
    [
      'assignment.previewBalance',
      'edem',
      { source: { kind: 'unassigned' }, clerkIds: ['u-agent-kossi'] },
    ],
    ['assignment.applyBalance', 'edem', { items: [{ caseId: 'x', assigneeId: 'u-agent-kossi' }] }],
  ] as const)('%s as %s', async (method, who, input) => {
    const before = writes();
    const result = await dispatch(method, input as MethodInput<typeof method>, users[who]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('forbidden');
    expect(result.error.message).toMatch(/Votre rôle ne permet pas cette opération/);
    expect(writes()).toEqual(before);
  });
});

describe('assignment.staff', () => {
  it('lists the office’s active case workers with their procedures and open load', async () => {
    const [caseId] = freshCases('LOM', 1, COMMERCE);
    await as(users.ablavi, 'assignment.assign', {
      caseIds: [caseId!],
      assigneeId: users.akossiwa.id,
    });
    const staff = await as(users.ablavi, 'assignment.staff', {});
    expect(staff.map((member) => member.displayName)).toEqual([
      'Ablavi Lawson',
      'Akossiwa Mensah',
      'Kossi Agbodjan',
      'Mawuli Kpodar',
    ]);
    const mawuli = staff.find((member) => member.userId === users.mawuli.id)!;
    expect(mawuli.procedureCodes).toEqual(CRAFTS);
    const akossiwa = staff.find((member) => member.userId === users.akossiwa.id)!;
    expect(akossiwa).toMatchObject({ role: 'agent', procedureCodes: null });
    expect(akossiwa.openCases).toBe(openLoad(users.akossiwa.id));
    expect(akossiwa.openCases).toBeGreaterThanOrEqual(1);
  });
});

describe('assignment.assign', () => {
  it('assigns with one history line, one audit row, one outbox event and a notification per case', async () => {
    const ids = freshCases('LOM', 3, COMMERCE);
    const before = writes();
    const notificationsBefore = emitted.filter((m) => m.event === 'notifications.changed').length;
    const outcome = await as(users.ablavi, 'assignment.assign', {
      caseIds: ids,
      assigneeId: users.kossi.id,
    });
    expect(outcome).toEqual({ assigned: 3, skipped: [] });
    expect(writes()).toEqual(before.map((n) => n + 3));
    for (const id of ids) {
      expect(assigneeOf(id)).toBe(users.kossi.id);
      const history = core.db
        .prepare('SELECT * FROM history_events WHERE application_id = ? ORDER BY id DESC LIMIT 1')
        .get(id) as { kind: string; actor_id: string; details_json: string };
      expect(history).toMatchObject({ kind: 'assigned', actor_id: users.ablavi.id });
      expect(JSON.parse(history.details_json)).toEqual({
        from: null,
        to: { id: users.kossi.id, displayName: 'Kossi Agbodjan' },
      });
      const audit = core.db
        .prepare("SELECT * FROM audit_log WHERE entity_id = ? AND action = 'case.assigned'")
        .all(id) as { actor_id: string; summary_json: string }[];
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.summary_json)).toEqual({ from: null, to: users.kossi.id });
      const outbox = core.db
        .prepare(
          "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'case.assigned'",
        )
        .all(id) as { payload_json: string }[];
      expect(outbox).toHaveLength(1);
      expect(JSON.parse(outbox[0]!.payload_json)).toEqual({
        assignee: { id: users.kossi.id, displayName: 'Kossi Agbodjan' },
        by: { id: users.ablavi.id, displayName: 'Ablavi Lawson' },
      });
    }
    // The cases.changed event covers the batch; the bells of the assignee ring once.
    const changed = emitted.filter((m) => m.event === 'cases.changed');
    const changedIds = changed.flatMap((m) => (m.payload as { ids: string[] }).ids);
    for (const id of ids) expect(changedIds).toContain(id);
    const rang = emitted.filter((m) => m.event === 'notifications.changed');
    expect(rang.length).toBe(notificationsBefore + 1);
    expect(rang.at(-1)!.payload).toEqual({ userIds: [users.kossi.id] });

    // The clerk sees them in « Mes dossiers » and in the bell.
    const mine = await as(users.kossi, 'inbox.list', { queue: 'mine', limit: 500 });
    for (const id of ids) expect(mine.rows.map((row) => row.id)).toContain(id);
    const bell = await as(users.kossi, 'notifications.list', {});
    expect(bell.unread).toBeGreaterThanOrEqual(3);
    // One assignment of several cases is one entry of the bell, naming how many and by whom.
    const group = bell.items.find((item) => item.ids.length === ids.length);
    expect(group).toMatchObject({
      kind: 'case.assigned',
      byName: 'Ablavi Lawson',
      read: false,
      count: ids.length,
    });
    expect(group!.reference).toMatch(/^COM-/);
    const grouped = core.db
      .prepare(
        'SELECT application_id FROM notifications WHERE id IN (SELECT value FROM json_each(?))',
      )
      .pluck()
      .all(JSON.stringify(group!.ids));
    expect([...grouped].sort()).toEqual([...ids].sort());
  });

  it('skips what the rules refuse, with a French reason each, and assigns the rest', async () => {
    const [commerce] = freshCases('LOM', 1, COMMERCE);
    const [craft] = freshCases('LOM', 1, CRAFTS);
    const [kara] = freshCases('KAR', 1);
    const [withdrawn] = freshCases('LOM', 1);
    await fetch(`${simulator.url}/__sim/applications/${withdrawn}/withdraw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${simulator.token}` },
    });
    await syncAndSettle();
    expect(scalar(core.db, 'SELECT is_open FROM applications WHERE id = ?', withdrawn)).toBe(0);

    const outcome = await as(users.ablavi, 'assignment.assign', {
      caseIds: [commerce!, craft!, kara!, withdrawn!, 'APP-NOPE', craft!],
      assigneeId: users.mawuli.id,
    });
    expect(outcome.assigned).toBe(1);
    expect(assigneeOf(craft!)).toBe(users.mawuli.id);
    const reasons = new Map(outcome.skipped.map((skip) => [skip.caseId, skip.reason]));
    expect(reasons.get(commerce!)).toMatch(/Mawuli Kpodar ne traite pas la procédure COM-/);
    // Another office's case: neither its office nor its reference is revealed.
    expect(reasons.get(kara!)).toMatch(/ne relève pas de votre bureau/);
    expect(reasons.get(kara!)).not.toMatch(/KAR/);
    expect(reasons.get(withdrawn!)).toMatch(/Dossier clos \(retiré\)/);
    expect(reasons.get('APP-NOPE')).toMatch(/introuvable dans le cache local/);
    expect(outcome.skipped).toHaveLength(4); // the repeated id counts once
    expect(outcome.skipped.find((skip) => skip.caseId === kara)?.reference).toBeNull();
    expect(outcome.skipped.find((skip) => skip.caseId === withdrawn)?.reference).toMatch(/-/);
    for (const id of [commerce!, kara!]) expect(assigneeOf(id)).toBeNull();

    // Assigning again to the same person changes nothing.
    const again = await as(users.ablavi, 'assignment.assign', {
      caseIds: [craft!],
      assigneeId: users.mawuli.id,
    });
    expect(again.assigned).toBe(0);
    expect(again.skipped[0]?.reason).toMatch(/Déjà affecté à Mawuli Kpodar/);
  });

  it('refuses an assignee who is not an active case worker of the office', async () => {
    const [caseId] = freshCases('LOM', 1);
    for (const assignee of [users.essowe.id, users.edem.id, 'u-nobody']) {
      const before = writes();
      const result = await dispatch(
        'assignment.assign',
        { caseIds: [caseId!], assigneeId: assignee },
        users.ablavi,
      );
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error.message).toMatch(/n’est pas un agent actif de votre bureau/);
      expect(writes()).toEqual(before);
    }
    taken.delete(caseId!);
  });

  it('releases the claim of someone else than the new assignee', async () => {
    const [caseId] = freshCases('LOM', 1, COMMERCE);
    await as(users.kossi, 'cases.claim', { id: caseId! });
    expect(scalar(core.db, 'SELECT claimed_by FROM applications WHERE id = ?', caseId)).toBe(
      users.kossi.id,
    );
    // Akossiwa cannot work it while Kossi holds it…
    expect((await dispatch('cases.claim', { id: caseId! }, users.akossiwa)).ok).toBe(false);

    const outcome = await as(users.ablavi, 'assignment.assign', {
      caseIds: [caseId!],
      assigneeId: users.akossiwa.id,
    });
    expect(outcome.assigned).toBe(1);
    const row = core.db
      .prepare('SELECT assignee_id, claimed_by, claim_activity_at FROM applications WHERE id = ?')
      .get(caseId) as Record<string, string | null>;
    expect(row).toEqual({
      assignee_id: users.akossiwa.id,
      claimed_by: null,
      claim_activity_at: null,
    });
    const details = JSON.parse(
      scalar<string>(
        core.db,
        "SELECT details_json FROM history_events WHERE application_id = ? AND kind = 'assigned'",
        caseId,
      ),
    ) as Record<string, unknown>;
    expect(details).toMatchObject({
      from: { id: users.kossi.id },
      to: { id: users.akossiwa.id },
      releasedClaimOf: { id: users.kossi.id, displayName: 'Kossi Agbodjan' },
    });
    // …and now she can.
    expect((await dispatch('cases.claim', { id: caseId! }, users.akossiwa)).ok).toBe(true);
  });

  it('delivers each assignment to the portal exactly once', async () => {
    const [caseId] = freshCases('LOM', 1, COMMERCE);
    await as(users.ablavi, 'assignment.assign', { caseIds: [caseId!], assigneeId: users.kossi.id });
    await syncAndSettle();
    await syncAndSettle();
    const events = (await portalEvents(caseId!)).filter((event) => event.kind === 'case.assigned');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      assignee: { id: users.kossi.id, displayName: 'Kossi Agbodjan' },
      by: { id: users.ablavi.id, displayName: 'Ablavi Lawson' },
    });
    expect(
      scalar(
        core.db,
        "SELECT state FROM outbox WHERE application_id = ? AND kind = 'case.assigned'",
        caseId,
      ),
    ).toBe('sent');
    // The portal's new version of the record does not undo the local assignment.
    expect(assigneeOf(caseId!)).toBe(users.kossi.id);
  });

  it('keeps the queue counts right (tallies follow the assignee)', async () => {
    const sqlCounts = () => ({
      mine: openLoad(users.kossi.id),
      to_process: scalar<number>(
        core.db,
        `SELECT count(*) FROM applications WHERE office_code = 'LOM' AND is_open = 1
         AND assignee_id IS NULL AND status IN ('submitted', 'in_review')`,
      ),
    });
    const ids = freshCases('LOM', 4, COMMERCE);
    const before = await as(users.kossi, 'inbox.counts', {});
    expect({ mine: before.mine, to_process: before.to_process }).toEqual(sqlCounts());
    await as(users.ablavi, 'assignment.assign', { caseIds: ids, assigneeId: users.kossi.id });
    const after = await as(users.kossi, 'inbox.counts', {});
    expect(after.mine).toBe(before.mine + 4);
    expect(after.to_process).toBe(before.to_process - 4);
    expect({ mine: after.mine, to_process: after.to_process }).toEqual(sqlCounts());
    // Moving two of them on to Akossiwa.
    await as(users.ablavi, 'assignment.assign', {
      caseIds: ids.slice(0, 2),
      assigneeId: users.akossiwa.id,
    });
    const moved = await as(users.kossi, 'inbox.counts', {});
    expect(moved.mine).toBe(after.mine - 2);
    expect(moved.to_process).toBe(after.to_process);
  });
});

describe('notifications', () => {
  it('lists the clerk’s own, marks some then all read, and never notifies a self-assignment', async () => {
    const bell = await as(users.kossi, 'notifications.list', {});
    expect(bell.unread).toBeGreaterThan(1);
    const some = bell.items.slice(0, 1).map((item) => item.id);
    // Someone else's notification ids are ignored.
    await as(users.akossiwa, 'notifications.markRead', { ids: some });
    expect((await as(users.kossi, 'notifications.list', {})).unread).toBe(bell.unread);
    await as(users.kossi, 'notifications.markRead', { ids: some });
    expect((await as(users.kossi, 'notifications.list', {})).unread).toBe(bell.unread - 1);
    expect(emitted.at(-1)).toEqual({
      event: 'notifications.changed',
      payload: { userIds: [users.kossi.id] },
    });
    await as(users.kossi, 'notifications.markRead', {});
    const read = await as(users.kossi, 'notifications.list', {});
    expect(read.unread).toBe(0);
    expect(read.items.every((item) => item.read)).toBe(true);

    const [caseId] = freshCases('LOM', 1);
    const before = count('notifications');
    await as(users.ablavi, 'assignment.assign', {
      caseIds: [caseId!],
      assigneeId: users.ablavi.id,
    });
    expect(assigneeOf(caseId!)).toBe(users.ablavi.id);
    expect(count('notifications')).toBe(before);
  });
});

describe('automatic balancing', () => {
  const clerks = () => [users.kossi.id, users.akossiwa.id, users.mawuli.id];

  it('balances a selection: cases of other offices are listed as unassignable', async () => {
    const [lom] = freshCases('LOM', 1);
    const [kara] = freshCases('KAR', 1);
    const plan = await as(users.ablavi, 'assignment.previewBalance', {
      source: { kind: 'selection', caseIds: [lom!, kara!, 'APP-NOPE'] },
      clerkIds: [users.akossiwa.id],
    });
    expect(plan.items.map((item) => item.caseId)).toEqual([lom]);
    expect(plan.unassignable.map((skip) => skip.caseId).sort()).toEqual(['APP-NOPE', kara].sort());
    const other = plan.unassignable.find((skip) => skip.caseId === kara);
    expect(other?.reference).toBeNull();
    expect(other?.reason).toMatch(/ne relève pas de votre bureau/);
    expect(other?.reason).not.toMatch(/KAR/);
  });

  it('previews without writing, then applies exactly the plan, respecting procedures', async () => {
    const unassigned = core.db
      .prepare(
        "SELECT id FROM applications WHERE office_code = 'LOM' AND is_open = 1 AND assignee_id IS NULL",
      )
      .pluck()
      .all() as string[];
    expect(unassigned.length).toBeGreaterThan(40);
    const before = writes();
    const staffBefore = await as(users.ablavi, 'assignment.staff', {});
    const plan = await as(users.ablavi, 'assignment.previewBalance', {
      source: { kind: 'unassigned' },
      clerkIds: clerks(),
    });
    expect(writes()).toEqual(before);
    for (const id of unassigned) expect(assigneeOf(id)).toBeNull();

    expect(plan.truncated).toBe(false);
    expect(plan.unassignable).toEqual([]);
    expect(plan.items.map((item) => item.caseId).sort()).toEqual([...unassigned].sort());
    const dues = plan.items.map((item) => item.dueDate);
    expect(dues).toEqual([...dues].sort());
    for (const item of plan.items) {
      if (item.assigneeId === users.mawuli.id) expect(CRAFTS).toContain(item.procedureCode);
    }
    const receivers = new Set(plan.items.map((item) => item.assigneeId));
    expect(receivers).toEqual(new Set(clerks()));
    for (const load of plan.loads) {
      const member = staffBefore.find((m) => m.userId === load.userId)!;
      expect(load.before).toBe(member.openCases);
      expect(load.after - load.before).toBe(
        plan.items.filter((item) => item.assigneeId === load.userId).length,
      );
    }

    const outcome = await as(users.ablavi, 'assignment.applyBalance', {
      items: plan.items.map(({ caseId, assigneeId }) => ({ caseId, assigneeId })),
    });
    expect(outcome).toEqual({ assigned: plan.items.length, skipped: [] });
    for (const item of plan.items) expect(assigneeOf(item.caseId)).toBe(item.assigneeId);
    const staffAfter = await as(users.ablavi, 'assignment.staff', {});
    for (const load of plan.loads) {
      expect(staffAfter.find((m) => m.userId === load.userId)!.openCases).toBe(load.after);
    }
    expect(writes()).toEqual([
      before[0]! + plan.items.length,
      before[1]! + plan.items.length,
      before[2]! + plan.items.length,
      before[3]! + plan.items.length,
    ]);
    await syncAndSettle();
  });

  it('re-checks every rule when applying: what moved meanwhile is skipped with its reason', async () => {
    // New arrivals on the portal give the office unassigned cases again.
    await fetch(`${simulator.url}/__sim/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${simulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: 40 }),
    });
    await syncAndSettle();
    const plan = await as(users.ablavi, 'assignment.previewBalance', {
      source: { kind: 'unassigned' },
      clerkIds: [users.kossi.id, users.akossiwa.id],
    });
    expect(plan.items.length).toBeGreaterThan(3);
    const [withdrawn, reassigned, ...rest] = plan.items;
    await fetch(`${simulator.url}/__sim/applications/${withdrawn!.caseId}/withdraw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${simulator.token}` },
    });
    await syncAndSettle();
    await as(users.ablavi, 'assignment.assign', {
      caseIds: [reassigned!.caseId],
      assigneeId: reassigned!.assigneeId,
    });
    const tampered = { caseId: rest[0]!.caseId, assigneeId: users.essowe.id };
    const outcome = await as(users.ablavi, 'assignment.applyBalance', {
      items: [withdrawn!, reassigned!, tampered, ...rest.slice(1)].map(
        ({ caseId, assigneeId }) => ({
          caseId,
          assigneeId,
        }),
      ),
    });
    expect(outcome.assigned).toBe(rest.length - 1);
    expect(outcome.skipped.map((skip) => [skip.caseId, skip.reason])).toEqual([
      [withdrawn!.caseId, expect.stringMatching(/Dossier clos \(retiré\)/)],
      [reassigned!.caseId, expect.stringMatching(/Déjà affecté/)],
      [tampered.caseId, expect.stringMatching(/n’est pas un agent actif de votre bureau/)],
    ]);
  });

  it('reassigns a clerk’s open cases in bulk to the others, never back to that clerk', async () => {
    const kossiCases = core.db
      .prepare('SELECT id, procedure_code FROM applications WHERE assignee_id = ? AND is_open = 1')
      .all(users.kossi.id) as { id: string; procedure_code: string }[];
    expect(kossiCases.length).toBeGreaterThan(10);
    const plan = await as(users.ablavi, 'assignment.previewBalance', {
      source: { kind: 'assignee', userId: users.kossi.id },
      clerkIds: clerks(), // Kossi among them: excluded as the source
    });
    expect(plan.loads.map((load) => load.userId)).toEqual([users.akossiwa.id, users.mawuli.id]);
    expect(plan.items.map((item) => item.caseId).sort()).toEqual(
      kossiCases.map((c) => c.id).sort(),
    );
    for (const item of plan.items) {
      expect(item.fromAssigneeId).toBe(users.kossi.id);
      if (!CRAFTS.includes(item.procedureCode)) expect(item.assigneeId).toBe(users.akossiwa.id);
    }
    const outcome = await as(users.ablavi, 'assignment.applyBalance', {
      items: plan.items.map(({ caseId, assigneeId }) => ({ caseId, assigneeId })),
    });
    expect(outcome.skipped).toEqual([]);
    expect(openLoad(users.kossi.id)).toBe(0);
    const kossiMine = await as(users.kossi, 'inbox.counts', {});
    expect(kossiMine.mine).toBe(0);
    await syncAndSettle();
    const sample = plan.items[0]!;
    const delivered = (await portalEvents(sample.caseId)).filter((e) => e.kind === 'case.assigned');
    expect(delivered.at(-1)!.payload).toMatchObject({
      assignee: { id: sample.assigneeId },
      previousAssignee: { id: users.kossi.id },
    });
  });

  it('refuses a plan with no target, and a source clerk from another office', async () => {
    const onlySource = await dispatch(
      'assignment.previewBalance',
      { source: { kind: 'assignee', userId: users.kossi.id }, clerkIds: [users.kossi.id] },
      users.ablavi,
    );
    expect(onlySource.ok).toBe(false);
    if (!onlySource.ok) expect(onlySource.error.message).toMatch(/au moins un agent autre/);
    const otherOffice = await dispatch(
      'assignment.previewBalance',
      { source: { kind: 'assignee', userId: users.essowe.id }, clerkIds: [users.kossi.id] },
      users.ablavi,
    );
    expect(otherOffice.ok).toBe(false);
    if (!otherOffice.ok)
      expect(otherOffice.error.message).toMatch(/n’appartient pas à votre bureau/);
  });
});
