// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, CurrentUser } from '../../../shared/api/types';
import type { WorkflowAction } from '../../../shared/domain/caseWorkflow';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { queryClient } = await import('../../src/api/queryClient');
const { CaseActionBar } = await import('../../src/case/review/CaseActionBar');
const { SignOffDialog } = await import('../../src/case/review/SignOffDialog');
const { useSessionStore } = await import('../../src/stores/sessionStore');

const KOSSI = { id: 'u-agent-kossi', displayName: 'Kossi Agbodjan' };
const AKOSSIWA = { id: 'u-agent-akossiwa', displayName: 'Akossiwa Mensah' };
const ABLAVI = { id: 'u-sup-ablavi', displayName: 'Ablavi Lawson' };

/** The little of a case the action bar and the sign-off dialog read. */
function caseOf(options: {
  status?: string;
  assignee?: { id: string; displayName: string } | null;
  allowed?: WorkflowAction[];
  blocked?: { action: WorkflowAction; reason: string }[];
  signOffRequestedBy?: { id: string; displayName: string } | null;
}): CaseDetail {
  return {
    row: {
      id: 'app-1',
      reference: 'COM-AMM-2026-000042',
      status: options.status ?? 'in_review',
      assignee: options.assignee ?? null,
    },
    procedure: { signOffRequired: true, rejectReasons: [], documents: [], sections: [] },
    sync: { actions: [] },
    review: {
      portalChanges: null,
      workflow: {
        claim: null,
        allowedActions: options.allowed ?? [],
        blockedActions: options.blocked ?? [],
        provisionalActions: [],
        signOffRequestedBy: options.signOffRequestedBy ?? null,
        slaPaused: false,
        slaPausedDays: 0,
        lastDecision: null,
      },
    },
  } as unknown as CaseDetail;
}

const signIn = (person: { id: string; displayName: string }, role = 'agent') =>
  useSessionStore.setState({ user: { ...person, role, officeCode: 'LOM' } as CurrentUser });

const claimState = () => screen.getByTestId('claim-state').textContent ?? '';
const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method);

beforeEach(() => {
  queryClient.clear();
  fake.call.mockImplementation(() => Promise.resolve(caseOf({})));
});

describe('who holds the case: assigned is not claimed (issue 19)', () => {
  it('assigned to me, not claimed: says so and that c takes it, and c takes it at once', async () => {
    signIn(KOSSI);
    renderWithProviders(
      <CaseActionBar detail={caseOf({ assignee: KOSSI, allowed: ['claim'] })} backQueue="mine" />,
      queryClient,
    );
    expect(claimState()).toBe(
      'Affecté à vous — pas encore pris en charge : appuyez sur c pour le prendre en charge.',
    );
    expect(claimState()).not.toContain('Personne');
    fireEvent.keyDown(window, { key: 'c' });
    await waitFor(() => expect(callsOf('cases.claim')).toHaveLength(1));
    expect(callsOf('cases.claim')[0]![1]).toEqual({ id: 'app-1' });
    expect(screen.queryByTestId('take-colleague-dialog-confirm')).toBeNull();
  });

  it('assigned to a colleague, not claimed: names them, and taking it asks first', async () => {
    signIn(AKOSSIWA);
    renderWithProviders(
      <CaseActionBar detail={caseOf({ assignee: KOSSI, allowed: ['claim'] })} backQueue="all" />,
      queryClient,
    );
    expect(claimState()).toBe('Affecté à Kossi Agbodjan — pas encore pris en charge.');
    fireEvent.click(screen.getByTestId('action-claim'));
    const confirm = await screen.findByTestId('take-colleague-dialog-confirm');
    expect(document.body.textContent).toContain('Prendre le dossier de Kossi Agbodjan ?');
    expect(document.body.textContent).toContain('Ce dossier est affecté à Kossi Agbodjan');
    expect(callsOf('cases.claim')).toHaveLength(0);
    fireEvent.click(confirm);
    await waitFor(() => expect(callsOf('cases.claim')).toHaveLength(1));
  });

  it('nobody assigned, nobody holding it: « Personne n’a pris ce dossier en charge »', () => {
    signIn(KOSSI);
    renderWithProviders(
      <CaseActionBar detail={caseOf({ allowed: ['claim'] })} backQueue="to_process" />,
      queryClient,
    );
    expect(claimState()).toBe('Personne n’a pris ce dossier en charge.');
  });
});

describe('four-eyes on one’s own proposal: why, and a way out (issue 19)', () => {
  const ownProposal = () =>
    caseOf({
      status: 'pending_signoff',
      signOffRequestedBy: ABLAVI,
      allowed: ['signOffReturn', 'withdrawProposal'],
      blocked: [
        {
          action: 'signOffApprove',
          reason:
            'Règle des quatre yeux : vous avez proposé cette décision, un autre superviseur doit la valider. Vous pouvez retirer votre proposition pour reprendre le dossier.',
        },
      ],
    });

  it('the sign-off dialog says the state machine’s reason and offers to withdraw', () => {
    const onWithdraw = vi.fn();
    renderWithProviders(
      <SignOffDialog
        detail={ownProposal()}
        opened
        onClose={() => {}}
        onConfirm={() => {}}
        onWithdraw={onWithdraw}
        busy={false}
      />,
      queryClient,
    );
    expect(screen.getByTestId('signoff-refused-reason').textContent).toContain(
      'Règle des quatre yeux',
    );
    expect((screen.getByTestId('signoff-approve') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('signoff-withdraw'));
    expect(onWithdraw).toHaveBeenCalledTimes(1);
  });

  it('the action bar says why the sign-off is closed in the interface’s language', async () => {
    signIn(ABLAVI, 'superviseur');
    const detail = ownProposal();
    detail.review.workflow.blockedActions = [
      {
        action: 'signOffApprove',
        reason: detail.review.workflow.blockedActions[0]!.reason,
        refusal: { key: 'fourEyes', params: {} },
      },
    ];
    await i18next.changeLanguage('en');
    try {
      renderWithProviders(
        <CaseActionBar detail={detail} backQueue="pending_signoff" />,
        queryClient,
      );
      const signOff = screen.getByTestId('action-signOff').parentElement!;
      fireEvent.mouseEnter(signOff);
      fireEvent.mouseMove(signOff);
      await waitFor(() => expect(document.body.textContent).toContain('Four-eyes rule'));
      expect(document.body.textContent).not.toContain('Règle des quatre yeux');
    } finally {
      await i18next.changeLanguage('fr');
    }
  });

  it('the action bar withdraws the proposal after saying what happens', async () => {
    signIn(ABLAVI, 'superviseur');
    renderWithProviders(
      <CaseActionBar detail={ownProposal()} backQueue="pending_signoff" />,
      queryClient,
    );
    fireEvent.click(screen.getByTestId('action-withdrawProposal'));
    const confirm = await screen.findByTestId('withdraw-dialog-confirm');
    expect(document.body.textContent).toContain(
      'Le dossier revient en instruction, pris en charge par vous',
    );
    expect(confirm.textContent).toBe('Retirer la proposition');
    fireEvent.click(confirm);
    await waitFor(() => expect(callsOf('cases.withdrawProposal')).toHaveLength(1));
    expect(callsOf('cases.withdrawProposal')[0]![1]).toEqual({ id: 'app-1' });
  });
});
