import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';

/** A failure the user can do something about: what happened (in French) and « Réessayer ». */
export function RetryableError(props: {
  title: string;
  error: unknown;
  onRetry: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={props.title}
      maw={560}
      w="100%"
      data-testid={props.testId}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(props.error, t('app.unexpectedError'))}</Text>
        <Button size="xs" variant="light" color="red" onClick={props.onRetry}>
          {t('app.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
