import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';

/** Revocation (supervisors): says what will happen, requires the reason the verifier will show. */
export function RevokeDialog({
  certificate,
  opened,
  onClose,
  onRevoked,
}: {
  certificate: CertificateSummary;
  opened: boolean;
  onClose: () => void;
  onRevoked: (certificate: CertificateSummary) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const canConfirm = reason.trim().length > 0 && !busy;

  const confirm = async () => {
    if (!canConfirm) return;
    setBusy(true);
    setFailure(null);
    try {
      const revoked = await api.call('certificates.revoke', {
        id: certificate.id,
        reason: reason.trim(),
      });
      notifications.show({
        color: 'orange',
        message: t('certificates.revoke.done', { number: certificate.number }),
      });
      onRevoked(revoked);
    } catch (error) {
      setFailure(errorMessage(error, t('app.unexpectedError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title={t('certificates.revoke.title', { number: certificate.number })}
      size="lg"
      data-testid="revoke-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <Stack gap="md">
          <Alert variant="light" color="orange" icon={<IconAlertTriangle />}>
            <Text size="sm">{t('certificates.revoke.what', { number: certificate.number })}</Text>
            <Text size="sm" fw={600} mt={4}>
              {t('certificates.revoke.irreversible')}
            </Text>
          </Alert>
          <Textarea
            label={t('certificates.revoke.reason')}
            description={t('certificates.revoke.reasonHint')}
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
            data-testid="revoke-reason"
          />
          {failure && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{failure}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('certificates.cancel')}
            </Button>
            <Button
              type="submit"
              color="red"
              loading={busy}
              disabled={!canConfirm}
              data-testid="revoke-confirm"
            >
              {t('certificates.revoke.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
