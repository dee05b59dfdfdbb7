import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { CommentField } from './CommentField';
import { refusalText } from '../../api/errorMessage';

/**
 * The supervisor's sign-off: confirm the proposed approval, or send it back with a comment. When
 * validating is refused (four-eyes on one's own proposal, changes to check), the state machine's
 * reason is said above the buttons, and the proposer is offered to withdraw the proposal.
 */
export function SignOffDialog({
  detail,
  opened,
  onClose,
  onConfirm,
  onWithdraw,
  busy,
}: {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
  onConfirm: (decision: 'approve' | 'return', comment: string | undefined) => void;
  /** The proposer takes the proposal back (shown when the state machine allows it). */
  onWithdraw: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [comment, setComment] = useState('');
  const { allowedActions, blockedActions, lastDecision, signOffRequestedBy } =
    detail.review.workflow;
  const trimmed = comment.trim();
  const approveRefused = blockedActions.find((entry) => entry.action === 'signOffApprove');
  const canWithdraw = allowedActions.includes('withdrawProposal');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('review.signOffTitle', { reference: detail.row.reference })}
      data-testid="signoff-dialog"
    >
      <Stack gap="md">
        <Text size="sm">{t('review.signOffWhat')}</Text>
        {signOffRequestedBy && lastDecision && (
          <Text size="sm" c="dimmed">
            {t('review.signOffRequestedBy', {
              name: signOffRequestedBy.displayName,
              date: formatDateTime(lastDecision.at, language),
            })}
            {lastDecision.comment ? ` — « ${lastDecision.comment} »` : ''}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {t('review.irreversible')}
        </Text>
        <CommentField
          label={t('review.comment')}
          hint={t('review.commentForReturn')}
          value={comment}
          onChange={setComment}
          textModules={{ detail, context: 'note' }}
          minRows={2}
          data-autofocus
        />
        {approveRefused && (
          <Alert color="orange" variant="light" p="xs" data-testid="signoff-refused-reason">
            <Stack gap={6}>
              <Text size="sm">{refusalText(approveRefused.refusal, approveRefused.reason)}</Text>
              {canWithdraw && (
                <Group gap="sm" justify="flex-end">
                  <Button
                    size="xs"
                    color="orange"
                    variant="outline"
                    onClick={onWithdraw}
                    disabled={busy}
                    data-testid="signoff-withdraw"
                  >
                    {t('review.withdrawProposal')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('review.cancel')}
          </Button>
          <Button
            color="orange"
            variant="light"
            disabled={!allowedActions.includes('signOffReturn') || trimmed === '' || busy}
            onClick={() => onConfirm('return', trimmed)}
            data-testid="signoff-return"
          >
            {t('review.signOffReturnConfirm')}
          </Button>
          <Button
            color="togo"
            loading={busy}
            disabled={!allowedActions.includes('signOffApprove')}
            onClick={() => onConfirm('approve', trimmed || undefined)}
            data-testid="signoff-approve"
          >
            {t('review.signOffApproveConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
