import { Box, Center, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Wordmark } from '../shell/Wordmark';
import { useSessionStore } from '../stores/sessionStore';
import { ChangePasswordForm } from './ChangePasswordForm';
import { FirstAdministratorForm } from './FirstAdministratorForm';
import { LockForm } from './LockForm';
import { SignInForm } from './SignInForm';
import { TrainingAccounts } from './TrainingAccounts';

/** Everything before the application: sign-in, first start, lock screen, forced password change. */
export function SessionScreen() {
  const { t } = useTranslation();
  const session = useSessionStore((state) => state.session);
  const training = useSessionStore((state) => state.trainingAccounts);
  const signedOut = !session || session.status === 'signed_out';
  return (
    <Center mih="100dvh" p="xl" bg="var(--mantine-color-body)">
      <Stack gap="lg" w="100%" maw={signedOut && training.length > 0 ? 880 : 440}>
        <Stack gap={4} align="center">
          <Wordmark />
          <Text size="sm" c="dimmed" ta="center">
            {t('session.tagline')}
          </Text>
        </Stack>
        <Box
          style={{
            display: 'grid',
            gap: 'var(--mantine-spacing-lg)',
            gridTemplateColumns:
              signedOut && training.length > 0 ? 'repeat(auto-fit, minmax(320px, 1fr))' : '1fr',
            alignItems: 'start',
          }}
        >
          <Paper withBorder shadow="sm" radius="md" p="xl">
            {!session || session.status === 'signed_out' ? (
              session?.needsFirstAdministrator ? (
                <FirstAdministratorForm />
              ) : (
                <SignInForm />
              )
            ) : session.status === 'locked' ? (
              <LockForm user={session.user} />
            ) : (
              <ChangePasswordForm forced newAccount={session.newAccount ?? false} />
            )}
          </Paper>
          {signedOut && training.length > 0 && <TrainingAccounts accounts={training} />}
        </Box>
      </Stack>
    </Center>
  );
}
