import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import type { PortalSimulator } from '../../src/simulator/server';
import { caseApi, freshCases } from '../support/caseApi';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING } from '../support/syncBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * Four-eyes without a dead end (issue 19): whoever proposed a decision waiting for sign-off may
 * not validate it, is told why, and may withdraw it — the case goes back in review, held by them,
 * through the case writer (history, audit, outbox), and the portal hears a return by the proposer.
 * Real core, real SQLite file, the portal simulator over HTTP, on a test clock.
 */

const clock = createFakeClock('2026-11-16T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let kossi: CurrentUser;
let ablavi: CurrentUser;

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 37, count: 160 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-withdraw-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  kossi = byId.get('u-agent-kossi')!;
  ablavi = byId.get('u-sup-ablavi')!;
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

const { dispatch, call } = caseApi(() => core);
const freshCase = freshCases(
  () => core,
  () => 'LOM',
  'conflict_json IS NULL',
);

/** `user` claims a COM-AMM case (sign-off required), ticks its checklist and proposes approval. */
async function proposedBy(user: CurrentUser): Promise<string> {
  const id = freshCase('COM-AMM');
  await call('cases.claim', { id }, user);
  for (const item of core.catalog.get('COM-AMM')!.checklist) {
    await call('cases.tickChecklist', { id, itemId: item.id, checked: true }, user);
  }
  const proposed = await call('cases.approve', { id }, user);
  expect(proposed.row.status).toBe('pending_signoff');
  return id;
}

const historyKinds = (id: string) =>
  core.db
    .prepare('SELECT kind FROM history_events WHERE application_id = ? ORDER BY id')
    .pluck()
    .all(id) as string[];

describe('withdrawing one’s own proposal', () => {
  it('a supervisor on her own proposal is told why she cannot validate, and may withdraw it', async () => {
    const id = await proposedBy(ablavi);
    const detail = await call('cases.get', { id }, ablavi);
    const { allowedActions, blockedActions } = detail.review.workflow;
    expect(allowedActions).toContain('withdrawProposal');
    expect(allowedActions).not.toContain('signOffApprove');
    expect(blockedActions.find((entry) => entry.action === 'signOffApprove')?.reason).toMatch(
      /quatre yeux.*retirer votre proposition/,
    );

    const withdrawn = await call('cases.withdrawProposal', { id }, ablavi);
    expect(withdrawn.row.status).toBe('in_review');
    expect(withdrawn.review.workflow.claim?.holder.id).toBe(ablavi.id);
    expect(withdrawn.row.assignee?.id).toBe(ablavi.id);
    expect(withdrawn.review.workflow.signOffRequestedBy).toBeNull();
    // Back in her hands: she may decide again.
    expect(withdrawn.review.workflow.allowedActions).toContain('approve');
    expect(historyKinds(id).at(-1)).toBe('proposal_withdrawn');
    const audit = core.db
      .prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY rowid DESC LIMIT 1')
      .pluck()
      .get(id);
    expect(audit).toBe('case.proposal_withdrawn');

    // The portal hears a return by the proposer and puts the case back in review.
    await core.sync.syncNow();
    const events = simulator.events.list(id);
    expect(events.at(-1)).toMatchObject({
      kind: 'signoff.returned',
      payload: { returnedBy: { id: ablavi.id } },
    });
    expect(String(events.at(-1)!.payload.comment)).not.toBe('');
    expect(simulator.store.get(id)?.status).toBe('in_review');
    expect(
      core.db
        .prepare("SELECT count(*) FROM outbox WHERE application_id = ? AND state <> 'sent'")
        .pluck()
        .get(id),
    ).toBe(0);
  });

  it('an agent withdraws his own proposal, with his reason passed on', async () => {
    const id = await proposedBy(kossi);
    const withdrawn = await call(
      'cases.withdrawProposal',
      { id, comment: 'Une pièce est à revoir.' },
      kossi,
    );
    expect(withdrawn.row.status).toBe('in_review');
    expect(withdrawn.review.workflow.claim?.holder.id).toBe(kossi.id);
    await core.sync.syncNow();
    expect(simulator.events.list(id).at(-1)).toMatchObject({
      kind: 'signoff.returned',
      payload: { comment: 'Une pièce est à revoir.', returnedBy: { id: kossi.id } },
    });
  });

  it('nobody else may withdraw it, and nothing is written when refused', async () => {
    const id = await proposedBy(kossi);
    const history = historyKinds(id).length;
    const refused = await dispatch('cases.withdrawProposal', { id }, ablavi);
    expect(refused).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/Seule la personne qui a proposé/);
    expect(historyKinds(id)).toHaveLength(history);
    // The supervisor still has her own way: validate or send back.
    const detail = await call('cases.get', { id }, ablavi);
    expect(detail.review.workflow.allowedActions).toEqual(['signOffApprove', 'signOffReturn']);
  });
});
