import type { AuditRow } from '../../src/main/core/audit/auditVerifier';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditRow, GENESIS_HASH } from '../../src/main/core/audit/auditLog';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { ApiError } from '../../src/shared/api/result';
import type { CaseDetail, CurrentUser } from '../../src/shared/api/types';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import type { PortalSimulator } from '../../src/simulator/server';
import type { PortalEvent } from '../../src/simulator/portalEvents';
import { FAST_TUNING, scalar } from '../support/syncBureau';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { trainingUsersOf, resourcesDir, tempDir } from '../support/testBureau';

/**
 * The case workflow through the core's API (`core.dispatch`), on a real SQLite file, syncing with
 * the portal simulator over HTTP. A fake clock, shared by Bureau and the simulator, makes claims
 * lapse and days pass.
 */

const TOKEN = PORTAL_TOKEN;
const CLAIM_TIMEOUT_MINUTES = 30;

const clock = createFakeClock('2026-11-09T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let byIdAll: Map<string, CurrentUser>;
let users: Record<'kossi' | 'akossiwa' | 'ablavi' | 'edem' | 'yao', CurrentUser>;

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 13, count: 40 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-workflow-'),
    portalUrl: simulator.url,
    claimTimeoutMinutes: CLAIM_TIMEOUT_MINUTES,
    syncTuning: FAST_TUNING,
  });
  // A second supervisor of the office, for the four-eyes rule (the training office has one).
  core.db
    .prepare(
      "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u-sup-yao', 'yao.batawila', 'Yao Batawila', 'superviseur', 'LOM', ?)",
    )
    .run(clock.now().toISOString());
  const training = { value: trainingUsersOf(core) };
  const byId = new Map((training.value as CurrentUser[]).map((user) => [user.id, user]));
  byIdAll = byId;
  users = {
    kossi: byId.get('u-agent-kossi')!,
    akossiwa: byId.get('u-agent-akossiwa')!,
    ablavi: byId.get('u-sup-ablavi')!,
    edem: byId.get('u-admin-edem')!,
    yao: {
      id: 'u-sup-yao',
      username: 'yao.batawila',
      displayName: 'Yao Batawila',
      role: 'superviseur',
      officeCode: 'LOM',
    },
  };
  expect(users.akossiwa).toMatchObject({ role: 'agent', officeCode: users.kossi.officeCode });
  const status = await core.sync.syncNow();
  expect(status).toMatchObject({ phase: 'idle', quarantined: 0 });
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

/** Unused cases of one procedure in the Lomé office, handed out one per test. */
const taken = new Set<string>();
function freshCase(procedureCode: string): string {
  const ids = core.db
    .prepare(
      "SELECT id FROM applications WHERE procedure_code = ? AND office_code = 'LOM' AND status = 'submitted' ORDER BY id",
    )
    .pluck()
    .all(procedureCode) as string[];
  const id = ids.find((candidate) => !taken.has(candidate));
  if (!id) throw new Error(`no fresh ${procedureCode} case left in the simulator's data`);
  taken.add(id);
  return id;
}

const historyCount = (id: string) =>
  scalar<number>(core.db, 'SELECT count(*) FROM history_events WHERE application_id = ?', id);
const auditCount = () => scalar<number>(core.db, 'SELECT count(*) FROM audit_log');
const outboxCount = (id: string) =>
  scalar<number>(core.db, 'SELECT count(*) FROM outbox WHERE application_id = ?', id);

interface HistoryRow {
  kind: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string | null;
  at: string;
  details_json: string;
}
const lastHistory = (id: string) =>
  core.db
    .prepare('SELECT * FROM history_events WHERE application_id = ? ORDER BY id DESC LIMIT 1')
    .get(id) as HistoryRow;
const lastAudit = () =>
  core.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    AuditRow | undefined;
const outboxOf = (id: string) =>
  core.db
    .prepare('SELECT kind, payload_json, state FROM outbox WHERE application_id = ? ORDER BY id')
    .all(id)
    .map((row) => {
      const { kind, payload_json, state } = row as {
        kind: string;
        payload_json: string;
        state: string;
      };
      return { kind, state, payload: JSON.parse(payload_json) as Record<string, unknown> };
    });

/**
 * A transition that must succeed: exactly one history row and one audit row (chained right after
 * the previous one), with the expected kind, actor and statuses.
 */
async function transition<M extends MethodName>(
  method: M,
  input: MethodInput<M> & { id: string },
  user: CurrentUser,
  expected: { kind: string; from?: string; to?: string },
): Promise<CaseDetail> {
  const id = input.id;
  const histories = historyCount(id);
  const audits = auditCount();
  const previousAudit = lastAudit();
  const result = await dispatch(method, input, user);
  if (!result.ok)
    throw new Error(`${method} by ${user.id}: ${result.error.code} ${result.error.message}`);
  expect(historyCount(id), `${method}: one history row`).toBe(histories + 1);
  expect(auditCount(), `${method}: one audit row`).toBe(audits + 1);
  const history = lastHistory(id);
  expect(history).toMatchObject({
    kind: expected.kind,
    actor_id: user.id,
    from_status: expected.from ?? null,
    to_status: expected.to ?? null,
  });
  const audit = lastAudit()!;
  expect(audit).toMatchObject({
    seq: (previousAudit?.seq ?? 0) + 1,
    prev_hash: previousAudit?.hash ?? GENESIS_HASH,
    action: `case.${expected.kind}`,
    actor_id: user.id,
    entity_type: 'application',
    entity_id: id,
    at: history.at,
  });
  const detail = result.value as CaseDetail;
  if (expected.to) expect(detail.row.status).toBe(expected.to);
  return detail;
}

/** A call that must be refused with `code`, in French, writing nothing. */
async function refused<M extends MethodName>(
  method: M,
  input: MethodInput<M> & { id: string },
  user: CurrentUser,
  code: ApiError['code'],
  message?: RegExp,
): Promise<ApiError> {
  const histories = historyCount(input.id);
  const audits = auditCount();
  const outbox = outboxCount(input.id);
  const status = scalar<string>(core.db, 'SELECT status FROM applications WHERE id = ?', input.id);
  const result = await dispatch(method, input, user);
  expect(result.ok, `${method} by ${user.id} should be refused`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code, result.error.message).toBe(code);
  expect(result.error.message.trim().length).toBeGreaterThan(15);
  expect(result.error.message).toMatch(/[éèàç]|\b(le|la|les|ce|vous|du|de)\b/i); // French prose
  if (message) expect(result.error.message).toMatch(message);
  expect(historyCount(input.id)).toBe(histories);
  expect(auditCount()).toBe(audits);
  expect(outboxCount(input.id)).toBe(outbox);
  expect(scalar(core.db, 'SELECT status FROM applications WHERE id = ?', input.id)).toBe(status);
  return result.error;
}

async function getCase(id: string, user: CurrentUser): Promise<CaseDetail> {
  const result = await dispatch('cases.get', { id }, user);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function tickAll(id: string, user: CurrentUser, procedureCode: string) {
  for (const item of core.catalog.get(procedureCode)!.checklist) {
    await transition('cases.tickChecklist', { id, itemId: item.id, checked: true }, user, {
      kind: 'checklist_ticked',
    });
  }
}

async function simulatorGet<T>(path: string): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function simulatorPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const portalEvents = async (id: string) =>
  (await simulatorGet<{ events: PortalEvent[] }>(`/__sim/events?applicationId=${id}`)).events;
const portalRecord = (id: string) => simulatorGet<PortalApplication>(`/api/v1/applications/${id}`);

/** After a sync: everything delivered, nothing in conflict. */
async function syncAndSettle() {
  const status = await core.sync.syncNow();
  expect(status).toMatchObject({
    phase: 'idle',
    pendingActions: 0,
    failedActions: 0,
    conflicts: 0,
  });
}

/** Working days from the holiday file, counted independently of the app's calendar. */
const HOLIDAYS = new Set(
  (
    JSON.parse(readFileSync(join(resourcesDir, 'calendar', 'togo-holidays.json'), 'utf8')) as {
      holidays: { date: string }[];
    }
  ).holidays.map((holiday) => holiday.date),
);
function plusWorkingDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  for (let left = days; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const iso = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !HOLIDAYS.has(iso)) left--;
  }
  return day.toISOString().slice(0, 10);
}

// — The workflow —

describe('case workflow through the API, with the portal simulator', () => {
  it('a clerk claims a new case: in review, assigned, queued for the portal, in history and audit', async () => {
    const id = freshCase('COM-IMPEX');
    const { kossi } = users;
    const detail = await transition('cases.claim', { id }, kossi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    expect(detail.row.assignee).toEqual({ id: kossi.id, displayName: kossi.displayName });
    expect(detail.review.workflow.claim).toEqual({
      holder: { id: kossi.id, displayName: kossi.displayName },
      since: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + CLAIM_TIMEOUT_MINUTES * 60_000).toISOString(),
    });
    expect(detail.review.workflow.allowedActions).toEqual([
      'release',
      'tickChecklist',
      'requestInfo',
      'reject',
    ]);
    expect(detail.review.workflow.blockedActions.map((entry) => entry.action)).toEqual(['approve']);
    expect(
      core.db
        .prepare('SELECT status, is_open, assignee_id, claimed_by FROM applications WHERE id = ?')
        .get(id),
    ).toEqual({ status: 'in_review', is_open: 1, assignee_id: kossi.id, claimed_by: kossi.id });
    expect(outboxOf(id)).toMatchObject([
      { kind: 'case.claimed', payload: { by: { id: kossi.id, displayName: kossi.displayName } } },
    ]);
    expect(JSON.parse(lastAudit()!.summary_json)).toMatchObject({
      from: 'submitted',
      to: 'in_review',
    });

    // A clerk of another office (Kara) may read the case but not work it.
    const essowe = byIdAll.get('u-agent-essowe')!;
    expect(essowe.officeCode).not.toBe(kossi.officeCode);
    await refused('cases.release', { id }, essowe, 'workflow_refused', /autre bureau/);

    // Another clerk of the same office: every move refused, in French, nothing written.
    const { akossiwa } = users;
    await refused('cases.claim', { id }, akossiwa, 'workflow_refused', /déjà pris en charge/);
    await refused('cases.approve', { id }, akossiwa, 'workflow_refused', /autre agent/);
    await refused(
      'cases.reject',
      { id, reasonCodes: ['DOUBLON'], comment: 'Demande en double.' },
      akossiwa,
      'workflow_refused',
      /autre agent/,
    );
    await refused(
      'cases.requestInfo',
      { id, missingDocuments: ['QUITTANCE'], message: 'Merci de joindre la quittance.' },
      akossiwa,
      'workflow_refused',
      /autre agent/,
    );
    await refused(
      'cases.tickChecklist',
      { id, itemId: 'rccmValide', checked: true },
      akossiwa,
      'workflow_refused',
    );
    await refused('cases.release', { id }, akossiwa, 'workflow_refused', /titulaire/);
    const seen = await getCase(id, akossiwa);
    expect(seen.review.workflow.allowedActions).toEqual([]);
    expect(seen.review.workflow.blockedActions.map((entry) => entry.action)).toEqual([
      'requestInfo',
      'approve',
      'reject',
    ]);
    // The holder claiming again is refused too (already his).
    await refused('cases.claim', { id }, kossi, 'workflow_refused', /déjà ce dossier/);

    await syncAndSettle();
    expect((await portalEvents(id)).map((event) => event.kind)).toEqual(['case.claimed']);
    expect((await portalRecord(id)).status).toBe('in_review');
  });

  it('a supervisor takes over; an idle claim lapses and another clerk may claim', async () => {
    const id = freshCase('COM-IMPEX');
    const { kossi, akossiwa, ablavi } = users;
    await transition('cases.claim', { id }, kossi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    // A clerk cannot take over (contract: supervisors only).
    await refused('cases.takeOver', { id }, akossiwa, 'forbidden');
    const supervisorView = await getCase(id, ablavi);
    expect(supervisorView.review.workflow.allowedActions).toEqual(['release', 'takeOver']);

    const taken = await transition('cases.takeOver', { id }, ablavi, { kind: 'taken_over' });
    expect(taken.review.workflow.claim?.holder.id).toBe(ablavi.id);
    expect(taken.row.assignee?.id).toBe(ablavi.id);
    expect(JSON.parse(lastHistory(id).details_json)).toEqual({
      from: { id: kossi.id, displayName: kossi.displayName },
    });
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'case.claimed',
      payload: { by: { id: ablavi.id }, takenOverFrom: { id: kossi.id } },
    });
    await refused('cases.approve', { id }, kossi, 'workflow_refused', /autre agent/);
    await refused('cases.takeOver', { id }, ablavi, 'workflow_refused'); // already his

    // Still held just before the timeout, free just after.
    clock.advanceMinutes(CLAIM_TIMEOUT_MINUTES);
    await refused('cases.claim', { id }, akossiwa, 'workflow_refused', /déjà pris en charge/);
    clock.advanceMinutes(1);
    expect((await getCase(id, akossiwa)).review.workflow.claim).toBeNull();
    const claimed = await transition('cases.claim', { id }, akossiwa, { kind: 'claimed' });
    expect(claimed.row.status).toBe('in_review');
    expect(claimed.review.workflow.claim?.holder.id).toBe(akossiwa.id);
    expect(claimed.row.assignee?.id).toBe(akossiwa.id);
    // The supervisor's lapsed claim gives him nothing any more.
    await refused('cases.approve', { id }, ablavi, 'workflow_refused', /autre agent/);

    // A release gives the case back to the queue.
    const released = await transition('cases.release', { id }, akossiwa, { kind: 'released' });
    expect(released.review.workflow.claim).toBeNull();

    await syncAndSettle();
    expect((await portalEvents(id)).map((event) => event.kind)).toEqual([
      'case.claimed',
      'case.claimed',
      'case.claimed',
      'case.released',
    ]);
  });

  it('checklist gates approval; a request for information pauses the SLA; the reply brings the case back with its changes; approval', async () => {
    const id = freshCase('COM-IMPEX');
    const { kossi } = users;
    await transition('cases.claim', { id }, kossi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    const checklist = core.catalog.get('COM-IMPEX')!.checklist.map((item) => item.id);
    expect(checklist.length).toBeGreaterThan(2);

    await refused(
      'cases.tickChecklist',
      { id, itemId: 'pointInexistant', checked: true },
      kossi,
      'invalid_input',
      /Point de contrôle inconnu/,
    );
    await refused(
      'cases.approve',
      { id },
      kossi,
      'workflow_refused',
      new RegExp(`Cochez les ${checklist.length} points restants`),
    );
    for (const itemId of checklist.slice(0, -1)) {
      await transition('cases.tickChecklist', { id, itemId, checked: true }, kossi, {
        kind: 'checklist_ticked',
      });
    }
    await refused('cases.approve', { id }, kossi, 'workflow_refused', /dernier point/);
    // Unticking counts: two points left again.
    await transition('cases.tickChecklist', { id, itemId: checklist[0]!, checked: false }, kossi, {
      kind: 'checklist_ticked',
    });
    await refused('cases.approve', { id }, kossi, 'workflow_refused', /Cochez les 2 points/);
    await transition('cases.tickChecklist', { id, itemId: checklist[0]!, checked: true }, kossi, {
      kind: 'checklist_ticked',
    });
    const lastOne = await transition(
      'cases.tickChecklist',
      { id, itemId: checklist.at(-1)!, checked: true },
      kossi,
      { kind: 'checklist_ticked' },
    );
    expect(
      lastOne.review.checklist
        .filter((tick) => tick.checked)
        .map((tick) => tick.itemId)
        .sort(),
    ).toEqual([...checklist].sort());
    expect(lastOne.review.workflow.allowedActions).toContain('approve');
    // Ticks are internal work: nothing for the portal besides the claim.
    expect(outboxOf(id).map((action) => action.kind)).toEqual(['case.claimed']);

    // Request for information: codes must come from the procedure.
    await refused(
      'cases.requestInfo',
      { id, missingDocuments: ['PASSEPORT'], message: 'Joignez votre passeport.' },
      kossi,
      'invalid_input',
      /Pièce inconnue/,
    );
    await refused(
      'cases.requestInfo',
      { id, fieldsToCorrect: ['champInconnu'], message: 'Corrigez ce champ.' },
      kossi,
      'invalid_input',
      /Champ inconnu/,
    );
    await refused('cases.requestInfo', { id, message: 'Complétez.' }, kossi, 'invalid_input');
    await refused(
      'cases.requestInfo',
      { id, missingDocuments: ['QUITTANCE'], message: '   ' },
      kossi,
      'invalid_input',
    );
    const before = await getCase(id, kossi);
    const request = {
      missingDocuments: ['QUITTANCE'],
      fieldsToCorrect: ['managerIdNumber'],
      message: 'Merci de joindre la quittance et de vérifier le numéro de pièce du gérant.',
    };
    const requestedAt = clock.now();
    const waiting = await transition('cases.requestInfo', { id, ...request }, kossi, {
      kind: 'info_requested',
      from: 'in_review',
      to: 'info_requested',
    });
    expect(waiting.review.workflow.slaPaused).toBe(true);
    expect(waiting.review.workflow.lastDecision).toMatchObject({
      kind: 'info_requested',
      by: { id: kossi.id },
      comment: request.message,
      missingDocuments: ['QUITTANCE'],
      fieldsToCorrect: ['managerIdNumber'],
    });
    expect(waiting.review.workflow.allowedActions).toEqual(['release', 'reject']);
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'info.requested',
      payload: { ...request, requestedBy: { id: kossi.id } },
    });
    expect(scalar(core.db, 'SELECT info_requested_at FROM applications WHERE id = ?', id)).toBe(
      requestedAt.toISOString(),
    );

    await syncAndSettle();
    const events = await portalEvents(id);
    expect(events.map((event) => event.kind)).toEqual(['case.claimed', 'info.requested']);
    expect(events[1]?.payload).toMatchObject(request);
    expect((await portalRecord(id)).status).toBe('info_requested');
    expect((await getCase(id, kossi)).row.status).toBe('info_requested'); // our own change, kept

    // Three working days later (Mon → Thu) the applicant answers on the portal.
    clock.advanceTo('2026-11-12T10:00:00.000Z');
    expect(requestedAt.toISOString().slice(0, 10)).toBe('2026-11-09');
    const replied = await simulatorPost<PortalApplication>('/__sim/changes', { id, kind: 'reply' });
    expect(replied.status).toBe('in_review');
    const historyBefore = historyCount(id);
    const auditsBefore = auditCount();
    await syncAndSettle();
    const back = await getCase(id, kossi);
    expect(back.row.status).toBe('in_review');
    expect(back.review.workflow.slaPaused).toBe(false);
    expect(back.review.workflow.slaPausedDays).toBe(3);
    expect(back.row.dueDate).toBe(plusWorkingDays(before.row.dueDate, 3));
    expect(scalar(core.db, 'SELECT due_date FROM applications WHERE id = ?', id)).toBe(
      back.row.dueDate,
    );
    expect(scalar(core.db, 'SELECT info_requested_at FROM applications WHERE id = ?', id)).toBe(
      null,
    );
    // What the reply changed, for the clerk to see highlighted.
    const knownDocuments = new Set(before.record.documents.map((document) => document.id));
    const newDocuments = replied.documents
      .filter((document) => !knownDocuments.has(document.id))
      .map((document) => document.id);
    const changedFields = Object.keys(replied.form).filter(
      (key) => JSON.stringify(replied.form[key]) !== JSON.stringify(before.record.form[key]),
    );
    expect(newDocuments).toHaveLength(1);
    expect(changedFields).toEqual(['managerIdNumber']);
    expect(back.review.replyChanges).toEqual({
      at: replied.updatedAt,
      fields: changedFields,
      applicantFields: [],
      documentIds: newDocuments,
    });
    expect(back.record.documents.map((document) => document.id)).toEqual(
      expect.arrayContaining(newDocuments),
    );
    // The portal's change: one history line (no actor), no audit row of ours.
    expect(historyCount(id)).toBe(historyBefore + 1);
    expect(auditCount()).toBe(auditsBefore);
    expect(lastHistory(id)).toMatchObject({
      kind: 'applicant_replied',
      actor_id: null,
      from_status: 'info_requested',
      to_status: 'in_review',
    });
    expect(JSON.parse(lastHistory(id).details_json)).toMatchObject({ pausedWorkingDays: 3 });

    // Days later the claim has lapsed: claim again, then approve (the checklist is still complete).
    await refused('cases.approve', { id }, kossi, 'workflow_refused', /Prenez d'abord/);
    await transition('cases.claim', { id }, kossi, { kind: 'claimed' });
    const approved = await transition('cases.approve', { id, comment: 'Dossier complet.' }, kossi, {
      kind: 'approved',
      from: 'in_review',
      to: 'approved',
    });
    expect(approved.review.workflow).toMatchObject({
      claim: null,
      allowedActions: ['issueCertificate'],
      lastDecision: { kind: 'approved', comment: 'Dossier complet.', by: { id: kossi.id } },
    });
    expect(approved.review.replyChanges).toBeNull();
    expect(scalar(core.db, 'SELECT is_open FROM applications WHERE id = ?', id)).toBe(0);
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'decision.approved',
      payload: { decidedBy: { id: kossi.id }, comment: 'Dossier complet.' },
    });
    await refused('cases.claim', { id }, kossi, 'workflow_refused', /approuvé/);

    await syncAndSettle();
    expect((await portalEvents(id)).map((event) => event.kind)).toEqual([
      'case.claimed',
      'info.requested',
      'case.claimed',
      'decision.approved',
    ]);
    expect((await portalRecord(id)).status).toBe('approved');
  });

  it('reject needs reason codes of the procedure and a comment', async () => {
    const id = freshCase('COM-IMPEX');
    const { kossi } = users;
    await transition('cases.claim', { id }, kossi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    await refused(
      'cases.reject',
      { id, reasonCodes: ['MOTIF_INVENTE'], comment: 'Pièces illisibles.' },
      kossi,
      'invalid_input',
      /Motif de rejet inconnu/,
    );
    await refused(
      'cases.reject',
      { id, reasonCodes: [], comment: 'Pièces illisibles.' },
      kossi,
      'invalid_input',
      /motif/,
    );
    await refused(
      'cases.reject',
      { id, reasonCodes: ['PIECE_ILLISIBLE'], comment: '  ' },
      kossi,
      'invalid_input',
      /commentaire/,
    );
    // The checklist does not gate a rejection.
    const comment = "L'extrait RCCM est illisible et le NIF ne correspond pas à la société.";
    const rejected = await transition(
      'cases.reject',
      { id, reasonCodes: ['PIECE_ILLISIBLE', 'NIF_INCOHERENT'], comment },
      kossi,
      { kind: 'rejected', from: 'in_review', to: 'rejected' },
    );
    expect(rejected.review.workflow.lastDecision).toMatchObject({
      kind: 'rejected',
      comment,
      reasonCodes: ['PIECE_ILLISIBLE', 'NIF_INCOHERENT'],
    });
    expect(rejected.review.workflow.claim).toBeNull();
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'decision.rejected',
      payload: { reasonCodes: ['PIECE_ILLISIBLE', 'NIF_INCOHERENT'], comment },
    });
    await syncAndSettle();
    expect((await portalEvents(id)).map((event) => event.kind)).toEqual([
      'case.claimed',
      'decision.rejected',
    ]);
    expect((await portalRecord(id)).status).toBe('rejected');
  });

  it('sign-off (COM-APIPS): the supervisor who proposed cannot sign off himself; another one does', async () => {
    const id = freshCase('COM-APIPS');
    const { ablavi, yao, kossi } = users;
    expect(core.catalog.get('COM-APIPS')!.signOffRequired).toBe(true);
    await transition('cases.claim', { id }, ablavi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    await tickAll(id, ablavi, 'COM-APIPS');
    const pending = await transition('cases.approve', { id }, ablavi, {
      kind: 'signoff_requested',
      from: 'in_review',
      to: 'pending_signoff',
    });
    expect(pending.review.workflow).toMatchObject({
      claim: null,
      signOffRequestedBy: { id: ablavi.id, displayName: ablavi.displayName },
      // Four-eyes: not hers to validate; hers to send back or withdraw (issue 19).
      allowedActions: ['signOffReturn', 'withdrawProposal'],
      blockedActions: [{ action: 'signOffApprove' }],
      lastDecision: { kind: 'signoff_requested', by: { id: ablavi.id } },
    });
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'signoff.requested',
      payload: { requestedBy: { id: ablavi.id } },
    });
    await refused(
      'cases.signOff',
      { id, decision: 'approve' },
      ablavi,
      'workflow_refused',
      /quatre yeux/,
    );
    await refused('cases.signOff', { id, decision: 'approve' }, kossi, 'forbidden');
    expect((await getCase(id, yao)).review.workflow.allowedActions).toEqual([
      'signOffApprove',
      'signOffReturn',
    ]);
    const approved = await transition(
      'cases.signOff',
      { id, decision: 'approve', comment: 'Quota disponible, validé.' },
      yao,
      { kind: 'signoff_approved', from: 'pending_signoff', to: 'approved' },
    );
    expect(approved.review.workflow.lastDecision).toMatchObject({
      kind: 'approved',
      by: { id: yao.id },
    });
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'decision.approved',
      payload: { decidedBy: { id: ablavi.id }, signedOffBy: { id: yao.id } },
    });
    await refused('cases.signOff', { id, decision: 'approve' }, yao, 'workflow_refused');

    await syncAndSettle();
    expect((await portalEvents(id)).map((event) => event.kind)).toEqual([
      'case.claimed',
      'signoff.requested',
      'decision.approved',
    ]);
    expect((await portalRecord(id)).status).toBe('approved');
  });

  it('sign-off asked by a clerk: a supervisor may sign off; returning needs a comment and reopens the review', async () => {
    const id = freshCase('COM-APIPS');
    const { kossi, ablavi } = users;
    await transition('cases.claim', { id }, kossi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    await tickAll(id, kossi, 'COM-APIPS');
    await transition('cases.approve', { id }, kossi, {
      kind: 'signoff_requested',
      from: 'in_review',
      to: 'pending_signoff',
    });
    await refused('cases.approve', { id }, kossi, 'workflow_refused', /en attente de validation/);
    expect((await getCase(id, ablavi)).review.workflow.allowedActions).toEqual([
      'signOffApprove',
      'signOffReturn',
    ]);
    await refused(
      'cases.signOff',
      { id, decision: 'return' },
      ablavi,
      'invalid_input',
      /pourquoi le dossier revient/,
    );
    const comment = 'Le code SH ne correspond pas au produit déclaré : vérifiez la facture.';
    const back = await transition('cases.signOff', { id, decision: 'return', comment }, ablavi, {
      kind: 'signoff_returned',
      from: 'pending_signoff',
      to: 'in_review',
    });
    expect(back.review.workflow).toMatchObject({
      claim: null,
      signOffRequestedBy: null,
      lastDecision: { kind: 'signoff_returned', comment, by: { id: ablavi.id } },
    });
    expect(outboxOf(id).at(-1)).toMatchObject({
      kind: 'signoff.returned',
      payload: { comment, returnedBy: { id: ablavi.id } },
    });
    // Back in review: the clerk claims it again to continue.
    expect((await getCase(id, kossi)).review.workflow.allowedActions).toEqual(['claim']);

    await syncAndSettle();
    expect((await portalEvents(id)).map((event) => event.kind)).toEqual([
      'case.claimed',
      'signoff.requested',
      'signoff.returned',
    ]);
    expect((await portalRecord(id)).status).toBe('in_review');
  });

  it('a case withdrawn on the portal keeps no actions, not even releasing the stale claim', async () => {
    const id = freshCase('COM-IMPEX');
    const { kossi, ablavi } = users;
    await transition('cases.claim', { id }, kossi, {
      kind: 'claimed',
      from: 'submitted',
      to: 'in_review',
    });
    await syncAndSettle();
    await simulatorPost(`/__sim/changes`, { id, kind: 'withdraw' });
    await syncAndSettle();
    const detail = await getCase(id, kossi);
    expect(detail.row.status).toBe('withdrawn');
    expect(detail.review.workflow.allowedActions).toEqual([]);
    expect(detail.review.workflow.blockedActions).toEqual([]);
    await refused('cases.release', { id }, kossi, 'workflow_refused', /retiré/);
    await refused('cases.release', { id }, ablavi, 'workflow_refused', /retiré/);
    await refused('cases.approve', { id }, kossi, 'workflow_refused', /retiré/);
    await syncAndSettle(); // nothing was queued that the portal would refuse
  });

  it('an administrator may read a case but not work it', async () => {
    const id = freshCase('ART-CP');
    const { edem } = users;
    const view = await getCase(id, edem);
    expect(view.review.workflow.allowedActions).toEqual([]);
    expect(view.review.workflow.blockedActions).toEqual([]);
    await refused('cases.claim', { id }, edem, 'forbidden', /rôle/);
    await refused('cases.release', { id }, edem, 'forbidden');
    await refused('cases.takeOver', { id }, edem, 'forbidden');
    await refused(
      'cases.tickChecklist',
      { id, itemId: 'identiteVerifiee', checked: true },
      edem,
      'forbidden',
    );
    await refused(
      'cases.requestInfo',
      { id, missingDocuments: ['QUITTANCE'], message: 'Joignez la quittance.' },
      edem,
      'forbidden',
    );
    await refused('cases.approve', { id }, edem, 'forbidden');
    await refused(
      'cases.reject',
      { id, reasonCodes: ['DOUBLON'], comment: 'Doublon.' },
      edem,
      'forbidden',
    );
    await refused('cases.signOff', { id, decision: 'approve' }, edem, 'forbidden');
  });

  it('every case action wrote one history row and one audit row; the audit chain is unbroken', () => {
    const audit = core.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    expect(audit.length).toBeGreaterThan(30);
    let previous = GENESIS_HASH;
    audit.forEach((row, index) => {
      expect(row.seq).toBe(index + 1);
      expect(row.prev_hash).toBe(previous);
      expect(
        hashAuditRow(previous, {
          at: row.at,
          actorId: row.actor_id,
          officeCode: row.office_code,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary: JSON.parse(row.summary_json) as Record<string, unknown>,
        }),
      ).toBe(row.hash);
      previous = row.hash;
    });
    // One-to-one: each case.* audit row has its history line (same case, time, actor, kind).
    const caseAudit = audit
      .filter((row) => row.action.startsWith('case.'))
      .map((row) => `${row.entity_id} ${row.at} ${row.actor_id} ${row.action.slice(5)}`);
    const actedHistory = (
      core.db
        .prepare(
          'SELECT application_id, at, actor_id, kind FROM history_events WHERE actor_id IS NOT NULL ORDER BY id',
        )
        .all() as { application_id: string; at: string; actor_id: string; kind: string }[]
    ).map((row) => `${row.application_id} ${row.at} ${row.actor_id} ${row.kind}`);
    expect(caseAudit).toEqual(actedHistory);
  });
});
