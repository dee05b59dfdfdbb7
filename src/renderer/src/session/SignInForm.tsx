import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLogin2, IconWifiOff } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { useSessionStore } from '../stores/sessionStore';
import { useSignInFields } from './signInFields';

export function SignInForm() {
  const { t } = useTranslation();
  const { username, password, set } = useSignInFields();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.call('session.signIn', { username, password });
      set({ password: '' });
      await useSessionStore.getState().adopt(session);
    } catch (failure) {
      setError(errorMessage(failure, t('app.unexpectedError')));
      set({ password: '' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form aria-labelledby="sign-in-title" onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Title id="sign-in-title" order={2} size="h3">
          {t('session.signIn.title')}
        </Title>
        {error && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={t('session.signIn.failed')}
            role="alert"
          >
            {error}
          </Alert>
        )}
        <TextInput
          label={t('session.signIn.username')}
          placeholder={t('session.signIn.usernamePlaceholder')}
          value={username}
          onChange={(event) => set({ username: event.currentTarget.value })}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          autoFocus
        />
        <PasswordInput
          label={t('session.signIn.password')}
          value={password}
          onChange={(event) => set({ password: event.currentTarget.value })}
          autoComplete="current-password"
          required
        />
        <Button
          type="submit"
          loading={busy}
          disabled={username.trim() === '' || password === ''}
          leftSection={<IconLogin2 size={18} />}
        >
          {t('session.signIn.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          <IconWifiOff size={12} style={{ verticalAlign: -1, marginRight: 4 }} />
          {t('session.signIn.offlineHint')}
        </Text>
      </Stack>
    </form>
  );
}
