import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { CommentField } from './CommentField';

/** The supervisor's sign-off: confirm the proposed approval, or send it back with a comment. */
export function SignOffDialog({
  detail,
  opened,
  onClose,
  onConfirm,
  busy,
}: {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
  onConfirm: (decision: 'approve' | 'return', comment: string | undefined) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [comment, setComment] = useState('');
  const { allowedActions, lastDecision, signOffRequestedBy } = detail.review.workflow;
  const trimmed = comment.trim();
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
          minRows={2}
          data-autofocus
        />
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
