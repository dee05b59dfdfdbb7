import { Alert, Badge, Button, Group, Paper, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconCheck,
  IconHandGrab,
  IconLockOpen,
  IconMessageQuestion,
  IconShieldCheck,
  IconUserShare,
  IconX,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { refusalText } from '../../api/errorMessage';
import type { WorkflowAction } from '../../../../shared/domain/caseWorkflow';
import { leaseLabel } from '../../../../shared/domain/leaseLabel';
import { formatDate, formatOnAt } from '../../format/dates';
import { navigate } from '../../routing/useRoute';
import { decisionFor } from '../../shell/shortcuts';
import { isTypingTarget } from '../../shell/typingTarget';
import { useLanguage } from '../../shell/useLanguage';
import { useIssueCertificate } from '../../certificates/useIssueCertificate';
import { useCaseActionBusy } from '../caseQueries';
import { useSessionStore } from '../../stores/sessionStore';
import { ApproveDialog } from './ApproveDialog';
import { DecisionModal } from './DecisionModal';
import { ProvisionalNotice } from './provisionalNotice';
import { nextCaseEnabled, openNextCase, setNextCaseEnabled } from './nextCase';
import { RejectDialog } from './RejectDialog';
import { RequestInfoDialog } from './RequestInfoDialog';
import { SignOffDialog } from './SignOffDialog';
import classes from './CaseActionBar.module.css';
import { useCaseAction } from './useCaseAction';

type Dialog =
  | 'approve'
  | 'reject'
  | 'requestInfo'
  | 'signOff'
  | 'provisional'
  | 'takeColleague'
  | 'withdraw'
  | null;

/** Who holds the case, and the decisions this user may take now (from the shared state machine). */
export function CaseActionBar({ detail, backQueue }: { detail: CaseDetail; backQueue: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useSessionStore((state) => state.user);
  const busy = useCaseActionBusy();
  const run = useCaseAction();
  const [dialog, setDialogState] = useState<Dialog>(null);
  // Each opening gets fresh fields; closing keeps the dialog mounted so the focus returns to the
  // button that opened it (an unmounted dialog drops the focus, and Escape would leave the case).
  const [opening, setOpening] = useState(0);
  const setDialog = (next: Dialog) => {
    if (next) setOpening((count) => count + 1);
    setDialogState(next);
  };
  const [nextCase, setNextCase] = useState(() => nextCaseEnabled(user?.id));
  const { workflow } = detail.review;
  const allowed = new Set(workflow.allowedActions);
  // Why an action is not possible, in the interface's language (the core sends a code too).
  const blocked = new Map(
    workflow.blockedActions.map((entry) => [
      entry.action,
      refusalText(entry.refusal, entry.reason),
    ]),
  );
  // Offline without a lease confirmed by the portal: said on every button and in every dialog.
  const provisional = new Set(workflow.provisionalActions);
  const isProvisional = provisional.size > 0;
  const [direct, setDirect] = useState<'claim' | 'takeOver' | 'release'>('claim');
  const { id, reference } = detail.row;
  const canWork = user?.role === 'agent' || user?.role === 'superviseur';
  // Assigned is not claimed: the case may be someone's without anyone working on it yet.
  const assignee = detail.row.assignee;
  const colleagueAssignee = assignee && assignee.id !== user?.id ? assignee : null;

  const available = (action: WorkflowAction) => allowed.has(action) || blocked.has(action);
  /**
   * Claim, take-over, release: at once, or after the provisional warning when offline; claiming a
   * case assigned to a colleague asks first (`colleagueConfirmed` once they said yes).
   */
  const runDirect = (
    action: 'claim' | 'takeOver' | 'release',
    confirmed = false,
    colleagueConfirmed = false,
  ) => {
    if (action === 'claim' && colleagueAssignee && !colleagueConfirmed && !confirmed) {
      setDialog('takeColleague');
      return;
    }
    const takesCheckOut = action === 'takeOver' && workflow.claim?.lease?.kind === 'checkout';
    if ((provisional.has(action) || takesCheckOut) && !confirmed) {
      setDirect(action);
      setDialog('provisional');
      return;
    }
    const input = { id, ...(provisional.has(action) ? { provisional: true } : {}) };
    const done = { claim: 'claimed', takeOver: 'takenOver', release: 'released' } as const;
    void run(`cases.${action}`, input, t(`review.done.${done[action]}`)).then(() =>
      setDialog(null),
    );
  };
  /** What a decision key does, as its button would; false when the action is not open to the user. */
  const byKey = (action: NonNullable<ReturnType<typeof decisionFor>>): boolean => {
    if (action === 'signOff') {
      if (!allowed.has('signOffApprove') && !allowed.has('signOffReturn')) return false;
      setDialog('signOff');
      return true;
    }
    if (!allowed.has(action)) return false;
    if (action === 'claim' || action === 'takeOver' || action === 'release') runDirect(action);
    else setDialog(action === 'withdrawProposal' ? 'withdraw' : action);
    return true;
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (dialog || busy !== null || document.querySelector('[role="dialog"]')) return;
      const action = decisionFor(event);
      if (action && byKey(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** After a decision: the next case of the queue, or the list when there is none. */
  const afterDecision = () => {
    setDialog(null);
    if (!nextCase) return;
    if (!openNextCase(id)) {
      notifications.show({ message: t('review.noNextCase') });
      navigate({ view: 'inbox', queue: backQueue as never });
    }
  };

  const decide = async (promise: Promise<CaseDetail | null>) => {
    if (await promise) afterDecision();
  };

  const issueCertificate = useIssueCertificate();
  /** Approval flows into issuing: a case that lands in « approuvée » gets its certificate. */
  const thenIssue = async (promise: Promise<CaseDetail | null>) => {
    const decided = await promise;
    if (decided?.row.status === 'approved') {
      setDialog(null);
      await issueCertificate(decided.row.id);
    }
    return decided;
  };

  const provisionalInput = isProvisional ? { provisional: true } : {};
  const claim = workflow.claim;
  const heldByMe = claim?.holder.id === user?.id;

  const actionButton = (
    action: WorkflowAction,
    label: string,
    icon: React.ReactNode,
    onClick: () => void,
    color = 'togo',
    variant: 'filled' | 'light' | 'default' = 'light',
  ) => {
    if (!available(action)) return null;
    const reason = blocked.get(action);
    const button = (
      <Button
        key={action}
        fullWidth
        justify="flex-start"
        leftSection={icon}
        color={color}
        variant={variant}
        disabled={!allowed.has(action) || busy !== null}
        onClick={onClick}
        data-testid={`action-${action}`}
      >
        {provisional.has(action) ? t('review.provisional.label', { label }) : label}
      </Button>
    );
    return reason ? (
      <Tooltip key={action} label={reason} multiline w={280} withArrow>
        <span>{button}</span>
      </Tooltip>
    ) : (
      button
    );
  };

  return (
    <ProvisionalNotice.Provider value={isProvisional}>
      <Paper withBorder p="xs" radius="md" data-testid="case-action-bar">
        <Stack gap="xs">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" data-testid="claim-state" c={claim ? undefined : 'dimmed'}>
              {claim
                ? heldByMe
                  ? t('review.heldByMe', { time: formatOnAt(claim.since, language) })
                  : claim.lease
                    ? // The portal's lease: worded as on every desk and in the inbox (design §8).
                      leaseLabel(
                        {
                          holderName: claim.holder.displayName,
                          kind: claim.lease.kind,
                          expiresAt: claim.expiresAt,
                        },
                        new Date(claim.lease.portalNow),
                        language,
                      )
                    : t('review.heldBy', {
                        name: claim.holder.displayName,
                        time: formatOnAt(claim.since, language),
                      })
                : assignee
                  ? assignee.id === user?.id && allowed.has('claim')
                    ? t('review.assignedToMe')
                    : t('review.assignedNotClaimed', { name: assignee.displayName })
                  : canWork
                    ? t('review.unclaimed')
                    : t('review.readOnlyRole')}
            </Text>
            {canWork && (
              <Switch
                size="xs"
                label={t('review.nextCase')}
                checked={nextCase}
                onChange={(event) => {
                  setNextCase(event.currentTarget.checked);
                  setNextCaseEnabled(user?.id, event.currentTarget.checked);
                }}
              />
            )}
          </Group>
          {/* One decision a line, the strongest first, in a column beside the checklist. */}
          <Stack gap={6} className={classes.actions}>
            {actionButton(
              'claim',
              t('review.claim'),
              <IconHandGrab size={16} />,
              () => runDirect('claim'),
              'togo',
              'filled',
            )}
            {actionButton('takeOver', t('review.takeOver'), <IconUserShare size={16} />, () =>
              runDirect('takeOver'),
            )}
            {actionButton(
              'approve',
              detail.procedure.signOffRequired
                ? t('review.approveForSignOff')
                : t('review.approve'),
              <IconCheck size={16} />,
              () => setDialog('approve'),
              'togo',
              'filled',
            )}
            {(available('signOffApprove') || available('signOffReturn')) && (
              <Tooltip
                label={blocked.get('signOffApprove') ?? ''}
                disabled={!blocked.has('signOffApprove')}
                multiline
                w={280}
              >
                <span>
                  <Button
                    fullWidth
                    justify="flex-start"
                    leftSection={<IconShieldCheck size={16} />}
                    disabled={!allowed.has('signOffApprove') && !allowed.has('signOffReturn')}
                    onClick={() => setDialog('signOff')}
                    data-testid="action-signOff"
                  >
                    {t('review.signOffApprove')}
                  </Button>
                </span>
              </Tooltip>
            )}
            {actionButton(
              'requestInfo',
              t('review.requestInfo'),
              <IconMessageQuestion size={16} />,
              () => setDialog('requestInfo'),
              'orange',
            )}
            {actionButton(
              'reject',
              t('review.reject'),
              <IconX size={16} />,
              () => setDialog('reject'),
              'red',
            )}
            {actionButton(
              'withdrawProposal',
              t('review.withdrawProposal'),
              <IconArrowBackUp size={16} />,
              () => setDialog('withdraw'),
              'orange',
            )}
            {actionButton(
              'release',
              t('review.release'),
              <IconLockOpen size={16} />,
              () => runDirect('release'),
              'gray',
              'default',
            )}
          </Stack>
          {detail.sync.actions.some((action) => action.provisional) && (
            <Badge color="orange" variant="light" data-testid="provisional-pending">
              {t('review.provisional.pending')}
            </Badge>
          )}
          {heldByMe && claim && (
            <Text size="xs" c="dimmed">
              {t('review.claimExpires', { time: formatOnAt(claim.expiresAt, language) })}
            </Text>
          )}
          {!canWork && user && (
            <Alert variant="light" color="gray" p="xs">
              <Text size="xs">{t('review.readOnlyRole')}</Text>
            </Alert>
          )}
        </Stack>

        <DecisionModal
          opened={dialog === 'provisional'}
          onClose={() => setDialog(null)}
          title={
            isProvisional
              ? t('review.provisional.title', { reference })
              : t('review.takeOverCheckout.title', { reference })
          }
          what={
            direct === 'takeOver' && claim?.lease?.kind === 'checkout'
              ? t('review.takeOverCheckout.what', {
                  name: claim.holder.displayName,
                  date: formatDate(claim.expiresAt, language),
                })
              : t('review.provisional.what')
          }
          confirmLabel={t(`review.${direct}`)}
          onConfirm={() => runDirect(direct, true)}
          busy={busy !== null}
          testId="provisional-dialog"
          irreversible={false}
        />
        <DecisionModal
          opened={dialog === 'takeColleague'}
          onClose={() => setDialog(null)}
          title={t('review.takeColleague.title', { name: colleagueAssignee?.displayName ?? '' })}
          what={t('review.takeColleague.what', { name: colleagueAssignee?.displayName ?? '' })}
          confirmLabel={t('review.takeColleague.confirm')}
          onConfirm={() => runDirect('claim', false, true)}
          busy={busy !== null}
          irreversible={false}
          testId="take-colleague-dialog"
        />
        <DecisionModal
          opened={dialog === 'withdraw'}
          onClose={() => setDialog(null)}
          title={t('review.withdrawTitle', { reference })}
          what={t('review.withdrawWhat')}
          confirmLabel={t('review.withdrawConfirm')}
          confirmColor="orange"
          onConfirm={() =>
            void run(
              'cases.withdrawProposal',
              { id, ...provisionalInput },
              t('review.done.proposalWithdrawn', { reference }),
            ).then((done) => {
              if (done) setDialog(null);
            })
          }
          busy={busy === 'cases.withdrawProposal'}
          irreversible={false}
          testId="withdraw-dialog"
        />
        <ApproveDialog
          key={`approve-${opening}`}
          detail={detail}
          opened={dialog === 'approve'}
          onClose={() => setDialog(null)}
          busy={busy === 'cases.approve'}
          onConfirm={(comment) =>
            void decide(
              thenIssue(
                run(
                  'cases.approve',
                  { id, ...(comment ? { comment } : {}), ...provisionalInput },
                  detail.procedure.signOffRequired
                    ? t('review.done.signOffRequested', { reference })
                    : t('review.done.approved', { reference }),
                ),
              ),
            )
          }
        />
        <RejectDialog
          key={`reject-${opening}`}
          detail={detail}
          opened={dialog === 'reject'}
          onClose={() => setDialog(null)}
          busy={busy === 'cases.reject'}
          onConfirm={(reasonCodes, comment) =>
            void decide(
              run(
                'cases.reject',
                { id, reasonCodes, comment, ...provisionalInput },
                t('review.done.rejected', { reference }),
              ),
            )
          }
        />
        <RequestInfoDialog
          key={`info-${opening}`}
          detail={detail}
          opened={dialog === 'requestInfo'}
          onClose={() => setDialog(null)}
          busy={busy === 'cases.requestInfo'}
          onConfirm={(request) =>
            void decide(
              run(
                'cases.requestInfo',
                { id, ...request, ...provisionalInput },
                t('review.done.infoRequested', { reference }),
              ),
            )
          }
        />
        <SignOffDialog
          key={`signoff-${opening}`}
          detail={detail}
          opened={dialog === 'signOff'}
          onClose={() => setDialog(null)}
          busy={busy === 'cases.signOff'}
          onWithdraw={() => setDialog('withdraw')}
          onConfirm={(decision, comment) =>
            void decide(
              thenIssue(
                run(
                  'cases.signOff',
                  { id, decision, ...(comment ? { comment } : {}), ...provisionalInput },
                  decision === 'approve'
                    ? t('review.done.signOffApproved', { reference })
                    : t('review.done.signOffReturned', { reference }),
                ),
              ),
            )
          }
        />
      </Paper>
    </ProvisionalNotice.Provider>
  );
}
