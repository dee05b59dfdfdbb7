import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../../shared/api/adminTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';

/** Deactivates or reactivates an account, after saying what that changes for the person. */
export function AccountActiveDialog(props: {
  account: UserAccount;
  onClose: () => void;
  onSaved: (account: UserAccount) => void;
}) {
  const { account } = props;
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const deactivating = account.active;
  const name = account.displayName;
  const messages = deactivating
    ? {
        title: t('admin.users.deactivateDialog.title', { name }),
        what: t('admin.users.deactivateDialog.what', { name }),
        confirm: t('admin.users.deactivateDialog.confirm'),
        done: t('admin.users.deactivateDialog.done', { name }),
      }
    : {
        title: t('admin.users.reactivateDialog.title', { name }),
        what: t('admin.users.reactivateDialog.what', { name, role: t(`roles.${account.role}`) }),
        confirm: t('admin.users.reactivateDialog.confirm'),
        done: t('admin.users.reactivateDialog.done', { name }),
      };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.call('admin.users.update', {
        id: account.id,
        active: !deactivating,
      });
      notifications.show({ color: deactivating ? 'orange' : 'teal', message: messages.done });
      props.onSaved(saved);
    } catch (error) {
      setFailure(errorMessage(error, t('app.unexpectedError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={busy ? () => undefined : props.onClose}
      title={messages.title}
      size="lg"
      data-testid="active-dialog"
    >
      <Stack gap="md">
        <Alert
          variant="light"
          color={deactivating ? 'orange' : 'blue'}
          icon={deactivating ? <IconAlertTriangle /> : <IconInfoCircle />}
        >
          <Text size="sm">{messages.what}</Text>
          {deactivating && (
            <Text size="sm" mt={4}>
              {t('admin.users.deactivateDialog.reversible')}
            </Text>
          )}
        </Alert>
        {failure && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose} disabled={busy} data-autofocus>
            {t('admin.cancel')}
          </Button>
          <Button
            color={deactivating ? 'red' : 'teal'}
            loading={busy}
            onClick={() => void confirm()}
            data-testid="active-confirm"
          >
            {messages.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
