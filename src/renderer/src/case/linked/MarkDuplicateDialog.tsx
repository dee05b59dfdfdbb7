import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SameApplicantCase } from '../../../../shared/api/linkedTypes';
import type { CaseDetail } from '../../../../shared/api/types';
import { errorMessage } from '../../api/errorMessage';
import { CommentField } from '../review/CommentField';
import { markDuplicate } from './linkedQueries';

/**
 * « Marquer comme doublon »: the case read is linked to `other` as its duplicate, with a reason
 * (required, the contract's limit). The core's refusal is said in the dialog.
 */
export function MarkDuplicateDialog({
  opened,
  detail,
  other,
  onClose,
  onMarked,
}: {
  opened: boolean;
  detail: CaseDetail;
  other: SameApplicantCase;
  onClose: () => void;
  onMarked: (reference: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const missing = reason.trim().length === 0;

  const submit = async () => {
    setTried(true);
    if (missing || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await markDuplicate(detail.row.id, other.id, reason.trim());
      onMarked(other.reference);
    } catch (error) {
      setFailure(errorMessage(error, String(error)));
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('linked.markTitle', { reference: detail.row.reference })}
      data-testid="linked-mark-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Alert variant="light" color="blue" icon={<IconInfoCircle />} p="xs">
            <Text size="sm">
              {t('linked.markIntro', { own: detail.row.reference, other: other.reference })}
            </Text>
          </Alert>
          <CommentField
            label={t('linked.reason')}
            placeholder={t('linked.reasonPlaceholder')}
            withAsterisk
            aria-required
            value={reason}
            onChange={setReason}
            error={tried && missing ? t('linked.reasonRequired') : undefined}
            data-autofocus
            data-testid="linked-mark-reason"
          />
          {failure && (
            <Text size="sm" c="red.8" role="alert" data-testid="linked-mark-failure">
              {failure}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('linked.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="linked-mark-confirm">
              {t('linked.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
