import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../../shared/api/adminTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { formatSince } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';
import { MONOSPACE_INPUT } from './monospaceInput';
import { generateTemporaryPassword } from './temporaryPassword';

/** Sets a temporary password: says it replaces the current one, lifts a lock-out, forces a change. */
export function ResetPasswordDialog(props: {
  account: UserAccount;
  onClose: () => void;
  onSaved: (account: UserAccount) => void;
}) {
  const { account } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const [password, setPassword] = useState(generateTemporaryPassword);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const name = account.displayName;
  const canConfirm = password.length >= 10 && !busy;

  const confirm = async () => {
    if (!canConfirm) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.call('admin.users.resetPassword', {
        id: account.id,
        temporaryPassword: password,
      });
      notifications.show({ color: 'teal', message: t('admin.users.reset.done', { name }) });
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
      title={t('admin.users.reset.title', { name })}
      size="lg"
      data-testid="reset-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <Stack gap="md">
          <Alert variant="light" color="orange" icon={<IconAlertTriangle />}>
            <Text size="sm">{t('admin.users.reset.what', { name })}</Text>
            {account.lockedUntil && (
              <Text size="sm" fw={600} mt={4}>
                {t('admin.users.reset.lockLifted', {
                  name,
                  time: formatSince(account.lockedUntil, now, language),
                })}
              </Text>
            )}
          </Alert>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <PasswordInput
              style={{ flex: 1 }}
              label={t('admin.users.form.temporaryPassword')}
              description={t('admin.users.form.temporaryHint')}
              required
              visible
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              styles={MONOSPACE_INPUT}
              autoComplete="new-password"
              data-autofocus
              data-testid="reset-password"
            />
            <Button variant="default" onClick={() => setPassword(generateTemporaryPassword())}>
              {t('admin.users.form.generate')}
            </Button>
          </Group>
          {failure && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{failure}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose} disabled={busy}>
              {t('admin.cancel')}
            </Button>
            <Button
              type="submit"
              color="orange"
              loading={busy}
              disabled={!canConfirm}
              data-testid="reset-confirm"
            >
              {t('admin.users.reset.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
