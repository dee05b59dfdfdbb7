import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLogin2, IconWifiOff } from '@tabler/icons-react';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../../../shared/api/client';
import { errorMessage } from '../api/errorMessage';
import { useApiQuery } from '../api/queries';
import { useSignInFields } from './signInFields';
import { useSessionChange } from './useSessionChange';

export function SignInForm() {
  const { t } = useTranslation();
  const { username, password, set } = useSignInFields();
  // The password is not kept once sent, whatever the answer.
  const signIn = useSessionChange('session.signIn', { onSettled: () => set({ password: '' }) });
  const error = signIn.isError ? errorMessage(signIn.error, t('app.unexpectedError')) : null;
  // An enrolled desk may not have received an account created elsewhere yet: asked only then.
  const unknownAccount =
    signIn.error instanceof ApiCallError && signIn.error.code === 'unauthenticated';
  const desk = useApiQuery('office.desk', {}, { enabled: unknownAccount, retry: false });
  const officeHint =
    unknownAccount && desk.data?.mode === 'office'
      ? t('session.signIn.officeHint', { office: desk.data.officeCode })
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!signIn.isPending) signIn.mutate({ username, password });
  };

  return (
    <form aria-labelledby="sign-in-title" onSubmit={submit} noValidate>
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
        {officeHint && (
          <Text size="xs" c="dimmed" data-testid="sign-in-office-hint">
            {officeHint}
          </Text>
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
          loading={signIn.isPending}
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
