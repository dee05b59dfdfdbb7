import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';
import { useSessionStore } from '../stores/sessionStore';
import { newPasswordProblem } from './passwordRules';
import { useSessionChange } from './useSessionChange';

/** Forced after an administrator's reset, or chosen from the user menu (`onDone` closes it). */
export function ChangePasswordForm({
  forced,
  newAccount = false,
  onDone,
}: {
  forced?: boolean;
  /** The first password of a new account, not a reset: the person is welcomed, not warned. */
  newAccount?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = newPasswordProblem(next, confirm);
  const change = useSessionChange('session.changePassword', {
    onSuccess: () => {
      notifications.show({ color: 'togo', message: t('session.changePassword.done') });
      onDone?.();
    },
  });
  const error = change.isError ? errorMessage(change.error, t('app.unexpectedError')) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || current === '' || change.isPending) return;
    change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <form aria-labelledby="change-password-title" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title id="change-password-title" order={2} size="h3">
          {t('session.changePassword.title')}
        </Title>
        {forced && (
          <Text size="sm">
            {newAccount ? t('session.changePassword.welcome') : t('session.changePassword.forced')}
          </Text>
        )}
        {error && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={t('session.changePassword.failed')}
            role="alert"
          >
            {error}
          </Alert>
        )}
        <PasswordInput
          label={t('session.changePassword.current')}
          value={current}
          onChange={(event) => setCurrent(event.currentTarget.value)}
          autoComplete="current-password"
          required
          autoFocus
        />
        <PasswordInput
          label={t('session.changePassword.next')}
          description={t('session.changePassword.rule')}
          value={next}
          onChange={(event) => setNext(event.currentTarget.value)}
          autoComplete="new-password"
          error={touched && problem === 'tooShort' ? t('session.validation.tooShort') : undefined}
          required
        />
        <PasswordInput
          label={t('session.changePassword.confirm')}
          value={confirm}
          onChange={(event) => setConfirm(event.currentTarget.value)}
          autoComplete="new-password"
          error={touched && problem === 'mismatch' ? t('session.validation.mismatch') : undefined}
          required
        />
        <Group justify="flex-end" gap="sm">
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t('session.changePassword.cancel')}
            </Button>
          )}
          <Button type="submit" loading={change.isPending} leftSection={<IconKey size={18} />}>
            {t('session.changePassword.submit')}
          </Button>
        </Group>
        {forced && (
          <Button variant="subtle" onClick={() => void useSessionStore.getState().signOut()}>
            {t('session.menu.signOut')}
          </Button>
        )}
      </Stack>
    </form>
  );
}
