import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RetryableError } from './RetryableError';

/** What shows before the session is known: a loader, or why Bureau could not start. */
export function StartupScreen({
  error,
  onRetry,
  message,
}: {
  error: unknown;
  onRetry: () => void;
  /** What is under way, when not the start itself (« Déconnexion… »). */
  message?: string;
}) {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" p="xl">
      {error ? (
        <RetryableError title={t('app.startFailed')} error={error} onRetry={onRetry} />
      ) : (
        <Stack align="center" gap="sm">
          <Loader />
          <Text c="dimmed" size="sm">
            {message ?? t('app.loading')}
          </Text>
        </Stack>
      )}
    </Center>
  );
}
