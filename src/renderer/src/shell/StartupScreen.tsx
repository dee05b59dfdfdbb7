import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RetryableError } from './RetryableError';

/** What shows before the session is known: a loader, or why Bureau could not start. */
export function StartupScreen({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" p="xl">
      {error ? (
        <RetryableError title={t('app.startFailed')} error={error} onRetry={onRetry} />
      ) : (
        <Stack align="center" gap="sm">
          <Loader />
          <Text c="dimmed" size="sm">
            {t('app.loading')}
          </Text>
        </Stack>
      )}
    </Center>
  );
}
