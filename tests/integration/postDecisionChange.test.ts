import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName } from '../../src/shared/api/contract';
import type { ApiError } from '../../src/shared/api/result';
import type { CaseDetail, CurrentUser } from '../../src/shared/api/types';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import type { PortalSimulator } from '../../src/simulator/server';
import { caseApi, freshCases } from '../support/caseApi';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING, scalar } from '../support/syncBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * Issue 13, point 5: a portal change of reviewed data after the decision must not reach the
 * certificate unseen. Through the core's API on a real SQLite file, syncing over HTTP with the
 * portal simulator, whose `/__sim/changes` `rename` changes the applicant's surname on the portal
 * side after Bureau decided the case.
 */

const TOKEN = PORTAL_TOKEN;

const clock = createFakeClock('2026-11-16T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let users: Record<'kossi' | 'akossiwa' | 'ablavi' | 'edem', CurrentUser>;

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 29, count: 160 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-post-decision-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  users = {
    kossi: byId.get('u-agent-kossi')!,
    akossiwa: byId.get('u-agent-akossiwa')!,
    ablavi: byId.get('u-sup-ablavi')!,
    edem: byId.get('u-admin-edem')!,
  };
  expect(users.akossiwa).toMatchObject({ role: 'agent', officeCode: users.kossi.officeCode });
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

// — Helpers —

const { dispatch, call } = caseApi(() => core);
const freshCase = freshCases(
  () => core,
  () => users.kossi.officeCode,
);

/** Claims, ticks the whole checklist and approves: approved, or pending sign-off. */
async function decide(procedureCode: string, agent: CurrentUser): Promise<string> {
  const id = freshCase(procedureCode);
  await call('cases.claim', { id }, agent);
  for (const item of core.catalog.get(procedureCode)!.checklist) {
    await call('cases.tickChecklist', { id, itemId: item.id, checked: true }, agent);
  }
  await call('cases.approve', { id }, agent);
  return id;
}

/** After a sync: everything delivered, nothing in conflict. */
async function syncAndSettle(): Promise<void> {
  clock.advanceMinutes(5);
  expect(await core.sync.syncNow()).toMatchObject({
    phase: 'idle',
    pendingActions: 0,
    failedActions: 0,
    conflicts: 0,
  });
}

/** The portal renames the applicant (another family name joined with a hyphen). */
async function renameOnPortal(id: string): Promise<PortalApplication> {
  clock.advanceMinutes(30);
  const response = await fetch(`${simulator.url}/__sim/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, kind: 'rename' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PortalApplication;
}

const historyOf = (id: string, kind: string) =>
  core.db
    .prepare(
      'SELECT actor_id, from_status, to_status, details_json FROM history_events WHERE application_id = ? AND kind = ? ORDER BY id',
    )
    .all(id, kind) as {
    actor_id: string | null;
    from_status: string | null;
    to_status: string | null;
    details_json: string;
  }[];
const counts = (id: string) => ({
  history: scalar<number>(
    core.db,
    'SELECT count(*) FROM history_events WHERE application_id = ?',
    id,
  ),
  audit: scalar<number>(core.db, 'SELECT count(*) FROM audit_log'),
  outbox: scalar<number>(core.db, 'SELECT count(*) FROM outbox WHERE application_id = ?', id),
  certificates: scalar<number>(core.db, 'SELECT count(*) FROM certificates'),
  status: scalar<string>(core.db, 'SELECT status FROM applications WHERE id = ?', id),
});

/** A call that must be refused with `code` and a French message, having written nothing. */
async function refused<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  id: string,
  user: CurrentUser,
  code: ApiError['code'],
): Promise<string> {
  const before = counts(id);
  const result = await dispatch(method, input, user);
  expect(result.ok, `${method} by ${user.id} should be refused`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code, result.error.message).toBe(code);
  expect(counts(id)).toEqual(before);
  return result.error.message;
}

/** The flag as the inbox list shows it, searched by the case's reference. */
async function listedFlag(id: string, user: CurrentUser): Promise<boolean | undefined> {
  const reference = scalar<string>(core.db, 'SELECT reference FROM applications WHERE id = ?', id);
  const page = await call('inbox.list', { queue: 'all', search: reference }, user);
  return page.rows.find((row) => row.id === id)?.portalChangesToConfirm;
}

const getCase = (id: string, user: CurrentUser): Promise<CaseDetail> =>
  call('cases.get', { id }, user);

// — The scenarios —

describe('a portal change of reviewed data after the decision', () => {
  it('approved: shown in the history, blocks issuing until the clerk confirms; the certificate then carries the new name', async () => {
    const { kossi, akossiwa, ablavi, edem } = users;
    const id = await decide('ART-CP', kossi);
    expect(counts(id).status).toBe('approved');
    await syncAndSettle();
    const decided = await getCase(id, kossi);
    const { firstName, lastName: oldName } = decided.record.applicant;
    expect(decided.review.portalChanges).toBeNull();
    expect(decided.row.portalChangesToConfirm).toBe(false);

    const renamed = await renameOnPortal(id);
    const newName = renamed.applicant.lastName;
    expect(newName).toMatch(new RegExp(`^${oldName}-`));
    expect(renamed.status).toBe('approved');
    await syncAndSettle();

    // The history says what the portal changed, old and new, by field path.
    const lines = historyOf(id, 'portal_data_changed_after_decision');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ actor_id: null, from_status: null, to_status: null });
    expect(JSON.parse(lines[0]!.details_json)).toEqual({
      fromVersion: expect.any(Number),
      version: renamed.version,
      decidedStatus: 'approved',
      changes: [{ path: 'applicant.lastName', from: oldName, to: newName }],
      omitted: 0,
      confirmationRequired: true,
    });
    const seen = await getCase(id, kossi);
    expect(seen.record.applicant.lastName).toBe(newName);
    expect(seen.row.status).toBe('approved');
    expect(seen.review.history.at(-1)).toMatchObject({
      kind: 'portal_data_changed_after_decision',
      actor: null,
    });
    expect(seen.review.portalChanges).toEqual({
      detectedAt: renamed.updatedAt,
      version: renamed.version,
      changes: [{ path: 'applicant.lastName', from: oldName, to: newName }],
      omitted: 0,
      canConfirm: true,
    });
    expect(seen.review.workflow.allowedActions).not.toContain('issueCertificate');
    // The inbox flags it too, so the case is found without opening every approved one.
    expect(seen.row.portalChangesToConfirm).toBe(true);
    expect(await listedFlag(id, kossi)).toBe(true);

    // Issuing is refused, in French, naming the change and what to do; nothing is written.
    const reason = await refused(
      'certificates.issue',
      { caseId: id },
      id,
      kossi,
      'workflow_refused',
    );
    expect(reason).toBe(
      `Le portail a modifié des données après la décision : nom de famille « ${oldName} » → « ${newName} ». Vérifiez ces modifications puis confirmez-les (« J’ai vérifié ces modifications ») avant de délivrer le certificat.`,
    );
    expect(
      await refused('certificates.issue', { caseId: id }, id, ablavi, 'workflow_refused'),
    ).toBe(reason);

    // Only the case's clerk or a supervisor of its office may confirm.
    expect((await getCase(id, akossiwa)).review.portalChanges?.canConfirm).toBe(false);
    expect(await refused('cases.confirmPortalChanges', { id }, id, akossiwa, 'forbidden')).toMatch(
      /Seul l’agent chargé du dossier ou un superviseur/,
    );
    await refused('cases.confirmPortalChanges', { id }, id, edem, 'forbidden');

    const audits = counts(id).audit;
    const confirmed = await call('cases.confirmPortalChanges', { id }, kossi);
    expect(confirmed.review.portalChanges).toBeNull();
    expect(confirmed.row.portalChangesToConfirm).toBe(false);
    expect(await listedFlag(id, kossi)).toBe(false);
    expect(confirmed.review.workflow.allowedActions).toContain('issueCertificate');
    expect(confirmed.row.status).toBe('approved');
    const confirmations = historyOf(id, 'portal_changes_confirmed');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.actor_id).toBe(kossi.id);
    expect(JSON.parse(confirmations[0]!.details_json)).toMatchObject({
      version: renamed.version,
      changes: [{ path: 'applicant.lastName', from: oldName, to: newName }],
    });
    expect(counts(id).audit).toBe(audits + 1);
    expect(
      core.db
        .prepare('SELECT action, actor_id, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1')
        .get(),
    ).toEqual({ action: 'case.portal_changes_confirmed', actor_id: kossi.id, entity_id: id });
    // Confirmed once: nothing waits any more.
    await refused('cases.confirmPortalChanges', { id }, id, kossi, 'workflow_refused');

    // The certificate is issued to the name the clerk has now seen.
    const certificate = await call('certificates.issue', { caseId: id }, kossi);
    expect(certificate.holderName).toBe(`${firstName} ${newName}`);
    const facts = scalar<string>(
      core.db,
      'SELECT facts_json FROM certificates WHERE id = ?',
      certificate.id,
    );
    expect(facts).toContain(newName);
    expect(counts(id).status).toBe('issued');
    await syncAndSettle();
  });

  it('pending sign-off: the supervisor cannot sign off before a person confirms; sent back, nothing waits', async () => {
    const { kossi, ablavi } = users;
    expect(core.catalog.get('COM-APIPS')!.signOffRequired).toBe(true);
    const id = await decide('COM-APIPS', kossi);
    expect(counts(id).status).toBe('pending_signoff');
    await syncAndSettle();
    const renamed = await renameOnPortal(id);
    await syncAndSettle();

    const seen = await getCase(id, ablavi);
    expect(seen.review.portalChanges?.changes).toEqual([
      {
        path: 'applicant.lastName',
        from: expect.any(String),
        to: renamed.applicant.lastName,
      },
    ]);
    expect(seen.review.workflow.blockedActions).toEqual([
      {
        action: 'signOffApprove',
        reason: expect.stringMatching(/avant de valider la décision\.$/),
        refusal: {
          key: 'portalChangesUnconfirmed',
          params: expect.objectContaining({
            deVerb: 'validateDecision',
            changes_en: expect.stringMatching(/^surname “/),
          }),
        },
      },
    ]);
    expect(
      await refused('cases.signOff', { id, decision: 'approve' }, id, ablavi, 'workflow_refused'),
    ).toMatch(/^Le portail a modifié des données après la décision : nom de famille « /);

    // The supervisor checks and confirms, then signs off.
    await call('cases.confirmPortalChanges', { id }, ablavi);
    const approved = await call('cases.signOff', { id, decision: 'approve' }, ablavi);
    expect(approved.row.status).toBe('approved');
    expect(approved.review.portalChanges).toBeNull();
    await syncAndSettle();

    // Another case: a change while pending, then sent back to review: nothing waits any more.
    const other = await decide('COM-APIPS', kossi);
    await syncAndSettle();
    await renameOnPortal(other);
    await syncAndSettle();
    expect((await getCase(other, ablavi)).review.portalChanges).not.toBeNull();
    const returned = await call(
      'cases.signOff',
      { id: other, decision: 'return', comment: 'Le nom a changé : revoyez le dossier.' },
      ablavi,
    );
    expect(returned.row.status).toBe('in_review');
    expect(returned.review.portalChanges).toBeNull();
    await syncAndSettle();
  });

  it('approved offline, renamed on the portal before the approval reached it: caught at the next sync', async () => {
    const { kossi } = users;
    const id = await decide('ART-CP', kossi);
    const oldName = (await getCase(id, kossi)).record.applicant.lastName;
    // The rename is made on the portal while Bureau's claim and approval still wait to be sent.
    const renamed = await renameOnPortal(id);
    await syncAndSettle();
    const seen = await getCase(id, kossi);
    expect(seen.row.status).toBe('approved');
    expect(seen.record.applicant.lastName).toBe(renamed.applicant.lastName);
    expect(seen.review.portalChanges?.changes).toEqual([
      { path: 'applicant.lastName', from: oldName, to: renamed.applicant.lastName },
    ]);
    expect(
      await refused('certificates.issue', { caseId: id }, id, kossi, 'workflow_refused'),
    ).toMatch(/^Le portail a modifié des données après la décision : nom de famille « /);
  });

  it('rejected: recorded in the history, nothing to confirm; before any decision: no such line', async () => {
    const { kossi } = users;
    const rejectedId = freshCase('ART-CP');
    await call('cases.claim', { id: rejectedId }, kossi);
    const reason = core.catalog.get('ART-CP')!.rejectReasons[0]!.code;
    await call(
      'cases.reject',
      { id: rejectedId, reasonCodes: [reason], comment: 'Pièce illisible.' },
      kossi,
    );
    const inReview = freshCase('ART-CP');
    await call('cases.claim', { id: inReview }, kossi);
    await syncAndSettle();
    await renameOnPortal(rejectedId);
    await renameOnPortal(inReview);
    await syncAndSettle();

    const lines = historyOf(rejectedId, 'portal_data_changed_after_decision');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.details_json)).toMatchObject({
      decidedStatus: 'rejected',
      confirmationRequired: false,
    });
    expect((await getCase(rejectedId, kossi)).review.portalChanges).toBeNull();
    expect(historyOf(inReview, 'portal_data_changed_after_decision')).toEqual([]);
    expect((await getCase(inReview, kossi)).review.portalChanges).toBeNull();
  });
});
