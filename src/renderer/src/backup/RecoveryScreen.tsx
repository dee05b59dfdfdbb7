import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Code,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus } from '../../../shared/api/backupTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { formatDateTime } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { formatMegabytes, reloadWhenBureauIsBack } from './backupFormat';

type Step =
  | { kind: 'choosing' }
  | { kind: 'working' }
  | { kind: 'done' }
  | { kind: 'failed'; error: unknown };

/**
 * Shown instead of Bureau when its cache could not be opened: what happened, where the damaged
 * file is, and the way out — restore a backup, start from an empty cache, or quit. Nothing is
 * ever deleted: the damaged file is moved aside.
 */
export function RecoveryScreen({ status }: { status: RecoveryStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [step, setStep] = useState<Step>({ kind: 'choosing' });
  const [confirmFresh, setConfirmFresh] = useState(false);
  const busy = step.kind === 'working' || step.kind === 'done';

  async function act(call: () => Promise<unknown>) {
    setStep({ kind: 'working' });
    try {
      await call();
      setStep({ kind: 'done' });
      reloadWhenBureauIsBack();
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  }

  return (
    <Center mih="100dvh" p="xl">
      <Stack maw={760} w="100%" gap="lg" component="main" aria-labelledby="recovery-title">
        <Group gap="sm" wrap="nowrap">
          <IconDatabaseExclamation size={36} color="var(--mantine-color-red-7)" aria-hidden />
          <Title order={1} size="h2" id="recovery-title">
            {t('backup.recovery.title')}
          </Title>
        </Group>
        <Stack gap="xs">
          <Text>{t(`backup.recovery.what.${status.reason}`)}</Text>
          <Text fw={500}>{t('backup.recovery.safe')}</Text>
          <Text size="sm">
            {t('backup.recovery.damagedFile')} : <Code>{status.damagedFile}</Code>
          </Text>
          <Text size="xs" c="dimmed">
            {t('backup.recovery.details')} : {status.detail}
          </Text>
        </Stack>

        {step.kind === 'failed' && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(step.error, t('app.unexpectedError'))}
          </Alert>
        )}
        {step.kind === 'working' && <Alert variant="light">{t('backup.recovery.working')}</Alert>}
        {step.kind === 'done' && (
          <Alert color="green" variant="light" role="status">
            {t('backup.recovery.done')}
          </Alert>
        )}

        <Title order={2} size="h4">
          {t('backup.recovery.choose')}
        </Title>
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('backup.recovery.restoreTitle')}
            </Title>
            <Text size="sm">{t('backup.recovery.restoreHelp')}</Text>
            {status.backups.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('backup.recovery.noBackup')}
              </Text>
            ) : (
              <Table verticalSpacing={6} aria-label={t('backup.panel.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('backup.columns.date')}</Table.Th>
                    <Table.Th>{t('backup.columns.reason')}</Table.Th>
                    <Table.Th>{t('backup.columns.size')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {status.backups.map((backup, index) => {
                    const date = formatDateTime(backup.createdAt, language);
                    return (
                      <Table.Tr key={backup.id}>
                        <Table.Td>
                          {date}{' '}
                          {index === 0 && (
                            <Badge size="xs" variant="light">
                              {t('backup.recovery.latest')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{t(`backup.reason.${backup.reason}`)}</Table.Td>
                        <Table.Td>
                          {t('backup.size', { value: formatMegabytes(backup.sizeBytes, language) })}
                        </Table.Td>
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant={index === 0 ? 'filled' : 'default'}
                            disabled={busy}
                            aria-label={t('backup.recovery.restoreLabel', { date })}
                            onClick={() =>
                              void act(() => api.call('recovery.restore', { backupId: backup.id }))
                            }
                          >
                            {t('backup.recovery.restore')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            <Text size="xs" c="dimmed">
              {t('backup.recovery.aside')}
            </Text>
          </Stack>
        </Card>

        <Card withBorder padding="md">
          <Stack gap="xs" align="flex-start">
            <Title order={3} size="h5">
              {t('backup.recovery.freshTitle')}
            </Title>
            <Text size="sm">{t('backup.recovery.freshHelp')}</Text>
            <Button
              size="xs"
              variant={confirmFresh ? 'filled' : 'default'}
              color={confirmFresh ? 'orange' : undefined}
              disabled={busy}
              onClick={() =>
                confirmFresh
                  ? void act(() => api.call('recovery.startFresh', {}))
                  : setConfirmFresh(true)
              }
            >
              {confirmFresh ? t('backup.recovery.freshConfirm') : t('backup.recovery.fresh')}
            </Button>
          </Stack>
        </Card>

        <Card withBorder padding="md">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('backup.recovery.quitTitle')}
            </Title>
            <Text size="sm">{t('backup.recovery.quitHelp')}</Text>
            {window.bureau && (
              <Button size="xs" variant="default" w="fit-content" onClick={() => window.close()}>
                {t('backup.recovery.quit')}
              </Button>
            )}
          </Stack>
        </Card>
      </Stack>
    </Center>
  );
}
