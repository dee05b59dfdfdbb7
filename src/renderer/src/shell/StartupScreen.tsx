import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';

/** What shows before the session is known: a loader, or why Bureau could not start. */
export function StartupScreen({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" p="xl">
      {error ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle />}
          title={t('app.startFailed')}
          maw={520}
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{errorMessage(error, t('app.unexpectedError'))}</Text>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('app.retry')}
            </Button>
          </Stack>
        </Alert>
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
