import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { useSessionStore } from '../stores/sessionStore';
import { newPasswordProblem } from './passwordRules';

/** Forced after an administrator's reset, or chosen from the user menu (`onDone` closes it). */
export function ChangePasswordForm({ forced, onDone }: { forced?: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = newPasswordProblem(next, confirm);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || current === '') return;
    setBusy(true);
    setError(null);
    try {
      const session = await api.call('session.changePassword', {
        currentPassword: current,
        newPassword: next,
      });
      notifications.show({ color: 'togo', message: t('session.changePassword.done') });
      await useSessionStore.getState().adopt(session);
      onDone?.();
    } catch (failure) {
      setError(errorMessage(failure, t('app.unexpectedError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-labelledby="change-password-title"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <Stack gap="md">
        <Title id="change-password-title" order={2} size="h3">
          {t('session.changePassword.title')}
        </Title>
        {forced && <Text size="sm">{t('session.changePassword.forced')}</Text>}
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
          <Button type="submit" loading={busy} leftSection={<IconKey size={18} />}>
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
