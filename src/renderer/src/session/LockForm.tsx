import { Alert, Avatar, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLockOpen } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/api/types';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { initialsOf } from '../format/initials';
import { useSessionStore } from '../stores/sessionStore';
import { useSessionChange } from './useSessionChange';

/** Only the locked session's owner gets back in; anyone else signs out and in as themself. */
export function LockForm({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const unlock = useSessionChange('session.unlock', {
    onError: async () => {
      setPassword('');
      // A lock-out ends the session: show the sign-in screen with its explanation.
      const session = await api.call('session.current', {}).catch(() => null);
      if (session?.status === 'signed_out') await useSessionStore.getState().adopt(session);
    },
  });
  const error = unlock.isError ? errorMessage(unlock.error, t('app.unexpectedError')) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!unlock.isPending) unlock.mutate({ password });
  };

  return (
    <form aria-labelledby="lock-title" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title id="lock-title" order={2} size="h3">
          {t('session.lock.title')}
        </Title>
        <Group gap="sm" wrap="nowrap">
          <Avatar color="togo" radius="xl">
            {initialsOf(user.displayName)}
          </Avatar>
          <Text size="sm">{t('session.lock.intro', { name: user.displayName })}</Text>
        </Group>
        {error && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={t('session.lock.failed')}
            role="alert"
          >
            {error}
          </Alert>
        )}
        <PasswordInput
          label={t('session.lock.password')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          autoComplete="current-password"
          autoFocus
          required
        />
        <Button
          type="submit"
          loading={unlock.isPending}
          disabled={password === ''}
          leftSection={<IconLockOpen size={18} />}
        >
          {t('session.lock.submit')}
        </Button>
        <Button variant="subtle" onClick={() => void useSessionStore.getState().signOut()}>
          {t('session.lock.switchUser')}
        </Button>
      </Stack>
    </form>
  );
}
