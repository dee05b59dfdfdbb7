import { Alert, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { useApiMutation } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';

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
  const revoke = useApiMutation('certificates.revoke');
  const [reason, setReason] = useState('');

  return (
    <ConfirmFormDialog
      opened={opened}
      title={t('certificates.revoke.title', { number: certificate.number })}
      testId="revoke-dialog"
      mutation={revoke}
      variables={reason.trim() ? { id: certificate.id, reason: reason.trim() } : null}
      onDone={(revoked) => {
        notifications.show({
          color: 'orange',
          message: t('certificates.revoke.done', { number: certificate.number }),
        });
        onRevoked(revoked);
      }}
      onClose={onClose}
      cancelLabel={t('certificates.cancel')}
      submit={{ label: t('certificates.revoke.confirm'), color: 'red', testId: 'revoke-confirm' }}
    >
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
    </ConfirmFormDialog>
  );
}
