import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../../src/shared/domain/caseStatus';
import {
  activeClaimHolder,
  allowedActions,
  blockedDecisions,
  checkAction,
  checkCheckOut,
  isProvisional,
  PROVISIONAL_ACTIONS,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
  type WorkflowCheck,
  type WorkflowContext,
} from '../../src/shared/domain/caseWorkflow';
import { ROLES, type Role } from '../../src/shared/domain/roles';

/**
 * The whole transition table of the case state machine, written out by hand.
 *
 * BASE is the table in the plain situation: no conflict with the portal, checklist complete, a
 * procedure without sign-off, nobody (or someone else) asked for the sign-off. One line per action
 * and status; three cells per role, for the case unclaimed / claimed by me / claimed by another.
 * A cell is `→status` (allowed, the case goes there) or the refusal code.
 *
 * The other dimensions change only a few cells, and VARIATIONS below says which. Every
 * combination (status × action × role × claim × sign-off requester × conflict × checklist ×
 * sign-off procedure) is then checked against BASE + VARIATIONS.
 */
const BASE = `
action          status          | agent: free     mine             other            | superviseur: free  mine             other
claim           submitted       | →in_review      already_claimed  claimed_by_other | →in_review      already_claimed  claimed_by_other
claim           in_review       | →in_review      already_claimed  claimed_by_other | →in_review      already_claimed  claimed_by_other
claim           info_requested  | →info_requested already_claimed  claimed_by_other | →info_requested already_claimed  claimed_by_other
claim           pending_signoff | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
claim           approved        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
claim           issued          | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
claim           rejected        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
claim           withdrawn       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

release         submitted       | not_claimed     →submitted       claimed_by_other | not_claimed     →submitted       →submitted
release         in_review       | not_claimed     →in_review       claimed_by_other | not_claimed     →in_review       →in_review
release         info_requested  | not_claimed     →info_requested  claimed_by_other | not_claimed     →info_requested  →info_requested
release         pending_signoff | not_claimed     →pending_signoff claimed_by_other | not_claimed     →pending_signoff →pending_signoff
release         approved        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
release         issued          | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
release         rejected        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
release         withdrawn       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

takeOver        submitted       | forbidden_role  forbidden_role   forbidden_role   | not_claimed     not_claimed      →in_review
takeOver        in_review       | forbidden_role  forbidden_role   forbidden_role   | not_claimed     not_claimed      →in_review
takeOver        info_requested  | forbidden_role  forbidden_role   forbidden_role   | not_claimed     not_claimed      →info_requested
takeOver        pending_signoff | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
takeOver        approved        | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
takeOver        issued          | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
takeOver        rejected        | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
takeOver        withdrawn       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status

tickChecklist   submitted       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
tickChecklist   in_review       | not_claimed     →in_review       claimed_by_other | not_claimed     →in_review       claimed_by_other
tickChecklist   info_requested  | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
tickChecklist   pending_signoff | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
tickChecklist   approved        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
tickChecklist   issued          | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
tickChecklist   rejected        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
tickChecklist   withdrawn       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

requestInfo     submitted       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
requestInfo     in_review       | not_claimed     →info_requested  claimed_by_other | not_claimed     →info_requested  claimed_by_other
requestInfo     info_requested  | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
requestInfo     pending_signoff | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
requestInfo     approved        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
requestInfo     issued          | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
requestInfo     rejected        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
requestInfo     withdrawn       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

approve         submitted       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
approve         in_review       | not_claimed     →approved        claimed_by_other | not_claimed     →approved        claimed_by_other
approve         info_requested  | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
approve         pending_signoff | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
approve         approved        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
approve         issued          | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
approve         rejected        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
approve         withdrawn       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

reject          submitted       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
reject          in_review       | not_claimed     →rejected        claimed_by_other | not_claimed     →rejected        claimed_by_other
reject          info_requested  | not_claimed     →rejected        claimed_by_other | not_claimed     →rejected        claimed_by_other
reject          pending_signoff | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
reject          approved        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
reject          issued          | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
reject          rejected        | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
reject          withdrawn       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

signOffApprove  submitted       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffApprove  in_review       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffApprove  info_requested  | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffApprove  pending_signoff | forbidden_role  forbidden_role   forbidden_role   | →approved       →approved        →approved
signOffApprove  approved        | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffApprove  issued          | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffApprove  rejected        | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffApprove  withdrawn       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status

signOffReturn   submitted       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffReturn   in_review       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffReturn   info_requested  | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffReturn   pending_signoff | forbidden_role  forbidden_role   forbidden_role   | →in_review      →in_review       →in_review
signOffReturn   approved        | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffReturn   issued          | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffReturn   rejected        | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status
signOffReturn   withdrawn       | forbidden_role  forbidden_role   forbidden_role   | wrong_status    wrong_status     wrong_status

withdrawProposal submitted      | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
withdrawProposal in_review      | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
withdrawProposal info_requested | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
withdrawProposal pending_signoff| not_proposer    not_proposer     not_proposer     | not_proposer    not_proposer     not_proposer
withdrawProposal approved       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
withdrawProposal issued         | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
withdrawProposal rejected       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
withdrawProposal withdrawn      | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status

issueCertificate submitted      | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
issueCertificate in_review      | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
issueCertificate info_requested | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
issueCertificate pending_signoff| wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
issueCertificate approved       | →issued         →issued          →issued          | →issued         →issued          →issued
issueCertificate issued         | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
issueCertificate rejected       | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
issueCertificate withdrawn      | wrong_status    wrong_status     wrong_status     | wrong_status    wrong_status     wrong_status
`;

type Claim = 'free' | 'mine' | 'other';
type Requester = 'none' | 'me' | 'other';
const CLAIMS: readonly Claim[] = ['free', 'mine', 'other'];
const REQUESTERS: readonly Requester[] = ['none', 'me', 'other'];
const CHECKLIST_REMAINING = [0, 1, 3] as const;

/**
 * What the situations other than BASE's change, and nothing else:
 * - administrateur: every action, in every situation (even in conflict) → forbidden_role;
 * - in conflict with the portal: every action of an agent or a superviseur → in_conflict;
 * - approve on a procedure that needs sign-off: →approved becomes →pending_signoff;
 * - approve with checklist points left: an allowed approve becomes checklist_incomplete
 *   (a refusal for another reason keeps that reason);
 * - signOffApprove by the superviseur who asked for the sign-off: allowed becomes four_eyes
 *   (signOffReturn is still allowed to him);
 * - withdrawProposal by the person who asked for the sign-off (agent or superviseur, whoever
 *   holds the case): not_proposer becomes →in_review.
 */
interface Situation {
  role: Role;
  claim: Claim;
  requester: Requester;
  inConflict: boolean;
  checklistRemaining: number;
  signOffRequired: boolean;
}

function parseBase(): Map<string, string> {
  const cells = new Map<string, string>();
  const lines = BASE.trim().split('\n').slice(1);
  for (const line of lines) {
    if (line.trim() === '') continue;
    const [head = '', agent = '', supervisor = ''] = line.split('|');
    const [action, status] = head.trim().split(/\s+/);
    const agentCells = agent.trim().split(/\s+/);
    const supervisorCells = supervisor.trim().split(/\s+/);
    expect(agentCells, line).toHaveLength(3);
    expect(supervisorCells, line).toHaveLength(3);
    CLAIMS.forEach((claim, index) => {
      cells.set(`${action}/${status}/agent/${claim}`, agentCells[index]!);
      cells.set(`${action}/${status}/superviseur/${claim}`, supervisorCells[index]!);
    });
  }
  return cells;
}

const TABLE = parseBase();

function expected(status: CaseStatus, action: WorkflowAction, situation: Situation): string {
  if (situation.role === 'administrateur') return 'forbidden_role';
  if (situation.inConflict) return 'in_conflict';
  let cell = TABLE.get(`${action}/${status}/${situation.role}/${situation.claim}`);
  if (cell === undefined) throw new Error(`no BASE cell for ${action}/${status}`);
  if (action === 'approve' && cell === '→approved') {
    if (situation.checklistRemaining > 0) cell = 'checklist_incomplete';
    else if (situation.signOffRequired) cell = '→pending_signoff';
  }
  if (action === 'signOffApprove' && cell === '→approved' && situation.requester === 'me') {
    cell = 'four_eyes';
  }
  if (action === 'withdrawProposal' && cell === 'not_proposer' && situation.requester === 'me') {
    cell = '→in_review';
  }
  return cell;
}

const ME = 'u-me';
const OTHER = 'u-other';

function contextOf(status: CaseStatus, situation: Situation): WorkflowContext {
  const idOf = (who: 'free' | 'none' | 'mine' | 'me' | 'other') =>
    who === 'mine' || who === 'me' ? ME : who === 'other' ? OTHER : null;
  return {
    status,
    role: situation.role,
    userId: ME,
    claimedBy: idOf(situation.claim),
    signOffRequired: situation.signOffRequired,
    signOffRequestedBy: idOf(situation.requester),
    inConflict: situation.inConflict,
    checklistRemaining: situation.checklistRemaining,
    sameOffice: true,
  };
}

const outcome = (check: WorkflowCheck): string => (check.allowed ? `→${check.to}` : check.code);

function* situations(role: Role): Generator<Situation> {
  for (const claim of CLAIMS)
    for (const requester of REQUESTERS)
      for (const inConflict of [false, true])
        for (const checklistRemaining of CHECKLIST_REMAINING)
          for (const signOffRequired of [false, true])
            yield { role, claim, requester, inConflict, checklistRemaining, signOffRequired };
}

const base = (overrides: Partial<WorkflowContext> = {}): WorkflowContext => ({
  status: 'in_review',
  role: 'agent',
  userId: ME,
  claimedBy: ME,
  signOffRequired: false,
  signOffRequestedBy: null,
  inConflict: false,
  checklistRemaining: 0,
  sameOffice: true,
  ...overrides,
});

describe('case state machine: the full transition table', () => {
  it('BASE covers every status × action, once', () => {
    expect(TABLE.size).toBe(CASE_STATUSES.length * WORKFLOW_ACTIONS.length * 2 * CLAIMS.length);
    for (const status of CASE_STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        for (const claim of CLAIMS) {
          expect(TABLE.has(`${action}/${status}/agent/${claim}`), `${action}/${status}`).toBe(true);
        }
      }
    }
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(CASE_STATUSES)(
      'from %s: every action in every situation matches the table',
      (status) => {
        const mismatches: string[] = [];
        let checked = 0;
        for (const situation of situations(role)) {
          for (const action of WORKFLOW_ACTIONS) {
            const check = checkAction(contextOf(status, situation), action);
            const want = expected(status, action, situation);
            checked++;
            if (outcome(check) !== want) {
              mismatches.push(
                `${action} ${JSON.stringify(situation)}: got ${outcome(check)}, want ${want}`,
              );
            }
            if (!check.allowed && check.reason.trim().length < 15) {
              mismatches.push(`${action} ${JSON.stringify(situation)}: reason « ${check.reason} »`);
            }
          }
        }
        // 3 claims × 3 requesters × 2 conflict × 3 checklist × 2 sign-off × 11 actions
        expect(checked).toBe(WORKFLOW_ACTIONS.length * 108);
        expect(mismatches).toEqual([]);
      },
    );
  });

  it('refusal reasons are French sentences for the clerk, not codes', () => {
    const seen = new Map<string, string>();
    for (const role of ROLES) {
      for (const status of CASE_STATUSES) {
        for (const situation of situations(role)) {
          for (const action of WORKFLOW_ACTIONS) {
            const check = checkAction(contextOf(status, situation), action);
            if (!check.allowed) seen.set(check.reason, check.code);
          }
        }
      }
    }
    expect(new Set(seen.values())).toEqual(
      new Set([
        'forbidden_role',
        'wrong_status',
        'not_claimed',
        'claimed_by_other',
        'already_claimed',
        'four_eyes',
        'not_proposer',
        'in_conflict',
        'checklist_incomplete',
      ]),
    );
    for (const [reason, code] of seen) {
      expect(reason, code).not.toContain(code);
      expect(reason, code).not.toMatch(/undefined|null|\[object/);
      expect(reason, code).toMatch(/^[A-ZÀ-Ý«]/); // starts as a sentence
      expect(reason, code).toMatch(/\b(le|la|les|ce|vous|un|une|du|de|d’|d')\b/i);
    }
  });

  it.each<[string, Partial<WorkflowContext>, WorkflowAction, RegExp]>([
    ['wrong status names the status', { status: 'approved' }, 'approve', /approuvé/],
    ['wrong status names a withdrawal', { status: 'withdrawn' }, 'claim', /retiré/],
    ['one checklist point left', { checklistRemaining: 1 }, 'approve', /dernier point/],
    ['several points left', { checklistRemaining: 4 }, 'approve', /4 points restants/],
    [
      'four-eyes',
      { status: 'pending_signoff', role: 'superviseur', signOffRequestedBy: ME },
      'signOffApprove',
      /quatre yeux/,
    ],
    ['conflict', { inConflict: true }, 'approve', /conflit/],
    ['administrator', { role: 'administrateur' }, 'claim', /rôle/],
    [
      'supervisor pointed to take-over',
      { role: 'superviseur', claimedBy: OTHER },
      'claim',
      /Reprendre le dossier/,
    ],
    ['clerk told someone holds it', { claimedBy: OTHER }, 'claim', /déjà pris en charge/],
    ['already mine', {}, 'claim', /déjà ce dossier/],
    ['no release once withdrawn', { status: 'withdrawn' }, 'release', /libérer.*retiré/],
    [
      'four-eyes points the proposer to withdrawing',
      { status: 'pending_signoff', role: 'superviseur', signOffRequestedBy: ME },
      'signOffApprove',
      /retirer votre proposition/,
    ],
    [
      'only the proposer withdraws',
      { status: 'pending_signoff', role: 'superviseur', signOffRequestedBy: OTHER },
      'withdrawProposal',
      /Seule la personne qui a proposé/,
    ],
  ])('reason: %s', (_name, overrides, action, pattern) => {
    const check = checkAction(base(overrides), action);
    expect(check.allowed).toBe(false);
    if (!check.allowed) expect(check.reason).toMatch(pattern);
  });

  it('precedence: role, then conflict, then status, then claim, then checklist', () => {
    const code = (overrides: Partial<WorkflowContext>, action: WorkflowAction) => {
      const check = checkAction(base(overrides), action);
      return check.allowed ? `→${check.to}` : check.code;
    };
    expect(code({ role: 'administrateur', inConflict: true, status: 'approved' }, 'approve')).toBe(
      'forbidden_role',
    );
    expect(code({ inConflict: true, status: 'approved' }, 'approve')).toBe('in_conflict');
    expect(code({ status: 'submitted', claimedBy: OTHER, checklistRemaining: 3 }, 'approve')).toBe(
      'wrong_status',
    );
    expect(code({ claimedBy: OTHER, checklistRemaining: 3 }, 'approve')).toBe('claimed_by_other');
    expect(code({ claimedBy: null, checklistRemaining: 3 }, 'approve')).toBe('not_claimed');
    expect(code({ checklistRemaining: 3, signOffRequired: true }, 'approve')).toBe(
      'checklist_incomplete',
    );
    // The checklist only gates approval: asking for more or rejecting needs no ticks.
    expect(code({ checklistRemaining: 3 }, 'requestInfo')).toBe('→info_requested');
    expect(code({ checklistRemaining: 3 }, 'reject')).toBe('→rejected');
    // Four-eyes concerns the person who asked, whoever holds the case, and only approval.
    expect(
      code(
        { status: 'pending_signoff', role: 'superviseur', signOffRequestedBy: ME, claimedBy: null },
        'signOffReturn',
      ),
    ).toBe('→in_review');
    expect(
      code(
        { status: 'pending_signoff', role: 'superviseur', signOffRequestedBy: OTHER },
        'signOffApprove',
      ),
    ).toBe('→approved');
  });
});

describe('allowedActions', () => {
  it.each<[string, Partial<WorkflowContext>, WorkflowAction[]]>([
    ['agent, new case', { status: 'submitted', claimedBy: null }, ['claim']],
    [
      'agent holding a case in review',
      {},
      ['release', 'tickChecklist', 'requestInfo', 'approve', 'reject'],
    ],
    [
      'agent holding it, checklist incomplete',
      { checklistRemaining: 2 },
      ['release', 'tickChecklist', 'requestInfo', 'reject'],
    ],
    ['agent, someone else holds it', { claimedBy: OTHER }, []],
    [
      'agent, waiting for the applicant, unclaimed',
      { status: 'info_requested', claimedBy: null },
      ['claim'],
    ],
    ['agent, waiting for the applicant, mine', { status: 'info_requested' }, ['release', 'reject']],
    [
      'supervisor, a clerk holds it',
      { role: 'superviseur', claimedBy: OTHER },
      ['release', 'takeOver'],
    ],
    [
      'supervisor, sign-off asked by a clerk',
      {
        role: 'superviseur',
        status: 'pending_signoff',
        claimedBy: null,
        signOffRequestedBy: OTHER,
      },
      ['signOffApprove', 'signOffReturn'],
    ],
    [
      'supervisor, sign-off he asked for himself',
      { role: 'superviseur', status: 'pending_signoff', claimedBy: null, signOffRequestedBy: ME },
      ['signOffReturn', 'withdrawProposal'],
    ],
    [
      'agent, sign-off he asked for himself',
      { status: 'pending_signoff', claimedBy: null, signOffRequestedBy: ME },
      ['withdrawProposal'],
    ],
    ['agent, pending sign-off', { status: 'pending_signoff', claimedBy: null }, []],
    ['administrator', { role: 'administrateur', claimedBy: null }, []],
    ['in conflict', { inConflict: true }, []],
    ['closed case', { status: 'rejected', claimedBy: null }, []],
    ['withdrawn case still marked as mine', { status: 'withdrawn' }, []],
  ])('%s', (_name, overrides, actions) => {
    expect(allowedActions(base(overrides))).toEqual(actions);
  });

  it('lists exactly the actions checkAction allows, in WORKFLOW_ACTIONS order', () => {
    for (const role of ROLES) {
      for (const status of CASE_STATUSES) {
        for (const situation of situations(role)) {
          const context = contextOf(status, situation);
          expect(allowedActions(context)).toEqual(
            WORKFLOW_ACTIONS.filter((action) => checkAction(context, action).allowed),
          );
        }
      }
    }
  });
});

describe('blockedDecisions', () => {
  const blocked = (overrides: Partial<WorkflowContext>) =>
    blockedDecisions(base(overrides)).map(({ action }) => action);

  it('someone else holds the case: the clerk sees his decisions disabled, with why', () => {
    const list = blockedDecisions(base({ claimedBy: OTHER }));
    expect(list.map(({ action }) => action)).toEqual(['requestInfo', 'approve', 'reject']);
    for (const { reason } of list) expect(reason).toMatch(/pris en charge par un autre agent/);
  });

  it('unclaimed: decisions wait for the claim', () => {
    const list = blockedDecisions(base({ claimedBy: null }));
    expect(list.map(({ action }) => action)).toEqual(['requestInfo', 'approve', 'reject']);
    for (const { reason } of list) expect(reason).toMatch(/Prenez d'abord le dossier/);
  });

  it('checklist incomplete blocks approval only, and says how many points are left', () => {
    expect(blockedDecisions(base({ checklistRemaining: 2 }))).toEqual([
      {
        action: 'approve',
        reason: "Cochez les 2 points restants de la liste de contrôle avant d'approuver.",
        refusal: { key: 'checklistPoints', params: { remaining: 2 } },
      },
    ]);
  });

  it('four-eyes blocks the requester’s own sign-off, not his return', () => {
    const list = blockedDecisions(
      base({ role: 'superviseur', status: 'pending_signoff', signOffRequestedBy: ME }),
    );
    expect(list.map(({ action }) => action)).toEqual(['signOffApprove']);
    expect(list[0]?.reason).toMatch(/quatre yeux/);
  });

  it('wrong status and wrong role are not listed: those buttons do not apply', () => {
    expect(blocked({ status: 'approved' })).toEqual([]);
    expect(blocked({ status: 'submitted', claimedBy: null })).toEqual([]);
    expect(blocked({ status: 'pending_signoff', claimedBy: null })).toEqual([]); // agent
    expect(blocked({ role: 'administrateur' })).toEqual([]);
    expect(blocked({})).toEqual([]); // everything allowed
  });

  it('in conflict: the decisions that apply are blocked with the conflict reason, and only those', () => {
    const agent = blockedDecisions(base({ inConflict: true }));
    expect(agent.map(({ action }) => action)).toEqual(['requestInfo', 'approve', 'reject']);
    for (const { reason } of agent) expect(reason).toMatch(/conflit/);
    expect(
      blocked({
        inConflict: true,
        role: 'superviseur',
        status: 'pending_signoff',
        claimedBy: null,
      }),
    ).toEqual(['signOffApprove', 'signOffReturn']);
    // A closed case or sign-off buttons for a clerk: nothing to show disabled.
    expect(blocked({ inConflict: true, status: 'approved' })).toEqual([]);
    expect(blocked({ inConflict: true, status: 'pending_signoff' })).toEqual([]);
    expect(blocked({ inConflict: true, role: 'administrateur' })).toEqual([]);
  });
});

describe('activeClaimHolder', () => {
  const since = '2026-11-02T08:00:00.000Z';
  const at = (minutes: number, ms = 0) => new Date(Date.parse(since) + minutes * 60_000 + ms);

  it('holds until the timeout, lapses just after', () => {
    const claim = { holderId: 'u-kossi', lastActivityAt: since };
    expect(activeClaimHolder(claim, at(0), 240)).toBe('u-kossi');
    expect(activeClaimHolder(claim, at(239), 240)).toBe('u-kossi');
    expect(activeClaimHolder(claim, at(240), 240)).toBe('u-kossi');
    expect(activeClaimHolder(claim, at(240, 1), 240)).toBeNull();
    expect(activeClaimHolder(claim, at(60 * 24), 240)).toBeNull();
    expect(activeClaimHolder(claim, at(16), 15)).toBeNull();
  });

  it('a clock behind the last activity still counts the claim', () => {
    expect(activeClaimHolder({ holderId: 'u-kossi', lastActivityAt: since }, at(-30), 240)).toBe(
      'u-kossi',
    );
  });

  it('no holder or no activity: nobody holds the case', () => {
    expect(activeClaimHolder({ holderId: null, lastActivityAt: since }, at(1), 240)).toBeNull();
    expect(activeClaimHolder({ holderId: 'u-kossi', lastActivityAt: null }, at(1), 240)).toBeNull();
  });
});

describe('office scoping', () => {
  it('refuses every action on a case of another office, for agents and supervisors', () => {
    for (const role of ['agent', 'superviseur'] as const) {
      for (const action of WORKFLOW_ACTIONS) {
        const check = checkAction(base({ role, sameOffice: false, claimedBy: null }), action);
        expect(check).toMatchObject({ allowed: false, code: 'other_office' });
        if (!check.allowed) expect(check.reason).toMatch(/autre bureau/);
      }
    }
  });
});

describe('offline on a desk of an office, without a lease confirmed by the portal', () => {
  const offline = (overrides: Partial<WorkflowContext> = {}) =>
    base({ provisionalOnly: true, ...overrides });

  it('a decision is refused until the person accepts it as provisional, then allowed as before', () => {
    const refused = checkAction(offline(), 'reject');
    expect(refused).toMatchObject({ allowed: false, code: 'provisional_required' });
    if (!refused.allowed) expect(refused.reason).toMatch(/^Vous êtes hors ligne et ce dossier/);
    expect(checkAction(offline(), 'reject', { provisional: true })).toEqual({
      allowed: true,
      to: 'rejected',
    });
    // Online (or holding a confirmed lease), the mark is not needed.
    expect(checkAction(base(), 'reject')).toEqual({ allowed: true, to: 'rejected' });
  });

  it('only portal-bound actions are provisional; ticking the checklist and issuing are not', () => {
    expect(isProvisional(offline(), 'tickChecklist')).toBe(false);
    expect(checkAction(offline(), 'tickChecklist').allowed).toBe(true);
    expect(isProvisional(offline({ status: 'approved' }), 'issueCertificate')).toBe(false);
    for (const action of PROVISIONAL_ACTIONS) expect(isProvisional(offline(), action)).toBe(true);
  });

  it('other refusals come first: a case held by someone else stays refused offline', () => {
    expect(
      checkAction(offline({ claimedBy: 'u-other' }), 'reject', { provisional: true }),
    ).toMatchObject({ allowed: false, code: 'claimed_by_other' });
  });

  it('allowedActions lists provisional actions (the UI labels them), blockedDecisions does not block them', () => {
    expect(allowedActions(offline())).toEqual(allowedActions(base()));
    expect(blockedDecisions(offline())).toEqual(blockedDecisions(base()));
  });
});

describe('check-out for offline work', () => {
  it('for oneself on a free or own case; a supervisor for a clerk; never over another holder', () => {
    expect(checkCheckOut(base({ claimedBy: null, status: 'submitted' }), ME)).toEqual({
      allowed: true,
      to: 'in_review',
    });
    expect(checkCheckOut(base(), ME)).toEqual({ allowed: true, to: 'in_review' });
    expect(checkCheckOut(base({ claimedBy: null }), 'u-colleague')).toMatchObject({
      allowed: false,
      code: 'forbidden_role',
    });
    expect(checkCheckOut(base({ role: 'superviseur', claimedBy: null }), 'u-colleague')).toEqual({
      allowed: true,
      to: 'in_review',
    });
    expect(
      checkCheckOut(base({ claimedBy: 'u-other', holderLabel: 'Afi Mensah jusqu’à 16:40' }), ME),
    ).toMatchObject({ allowed: false, code: 'claimed_by_other' });
    expect(checkCheckOut(base({ status: 'pending_signoff' }), ME)).toMatchObject({
      code: 'wrong_status',
    });
    expect(checkCheckOut(base({ sameOffice: false }), ME)).toMatchObject({ code: 'other_office' });
    expect(checkCheckOut(base({ inConflict: true }), ME)).toMatchObject({ code: 'in_conflict' });
  });
});
