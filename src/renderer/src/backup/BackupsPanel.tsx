import { Alert, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BackupsOverview,
  BackupSummary,
  RestoreScheduled,
} from '../../../shared/api/backupTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { formatDateTime } from '../format/dates';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { formatMegabytes, reloadWhenBureauIsBack } from './backupFormat';

/**
 * The administrator's backups: the list, « Sauvegarder maintenant », and « Restaurer… », which
 * checks the backup and schedules it for the next start (the cache it replaces is open).
 */
export function BackupsPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [overview, setOverview] = useState<BackupsOverview | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);

  const load = useCallback(
    () =>
      api.call('backups.list', {}).then(
        (value) => {
          setLoadError(null);
          setOverview(value);
        },
        (error: unknown) => setLoadError(error),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function backupNow() {
    setBackingUp(true);
    try {
      await api.call('backups.create', {});
      notifications.show({ color: 'green', message: t('backup.panel.created') });
      await load();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t('app.unexpectedError')) });
    } finally {
      setBackingUp(false);
    }
  }

  if (loadError) {
    return (
      <RetryableError
        title={t('backup.panel.loadFailed')}
        error={loadError}
        onRetry={() => void load()}
      />
    );
  }
  if (!overview) return <Loader size="sm" />;
  const pending = overview.pendingRestore;
  const pendingBackup =
    pending && overview.backups.find((backup) => backup.id === pending.backupId);

  return (
    <Stack gap="md" component="section" aria-labelledby="backups-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="backups-title">
          {t('backup.panel.title')}
        </Title>
        <Button
          leftSection={<IconDatabaseExport size={16} />}
          loading={backingUp}
          onClick={() => void backupNow()}
        >
          {t('backup.panel.backupNow')}
        </Button>
      </Group>
      <Text size="sm">{t('backup.panel.intro', { days: overview.retentionDays })}</Text>
      <Text size="xs" c="dimmed">
        {t('backup.panel.folder', { path: overview.directory })}
      </Text>
      {pendingBackup && (
        <Alert variant="light" color="orange">
          {t('backup.panel.pending', { date: formatDateTime(pendingBackup.createdAt, language) })}
        </Alert>
      )}
      {overview.backups.length === 0 ? (
        <Text c="dimmed">{t('backup.panel.none')}</Text>
      ) : (
        <Table striped verticalSpacing={6} aria-labelledby="backups-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.columns.date')}</Table.Th>
              <Table.Th>{t('backup.columns.reason')}</Table.Th>
              <Table.Th ta="right">{t('backup.columns.size')}</Table.Th>
              <Table.Th ta="right">{t('backup.columns.schema')}</Table.Th>
              <Table.Th>{t('backup.columns.check')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.backups.map((backup) => {
              const date = formatDateTime(backup.createdAt, language);
              return (
                <Table.Tr key={backup.id}>
                  <Table.Td>{date}</Table.Td>
                  <Table.Td>{t(`backup.reason.${backup.reason}`)}</Table.Td>
                  <Table.Td ta="right">
                    {t('backup.size', { value: formatMegabytes(backup.sizeBytes, language) })}
                  </Table.Td>
                  <Table.Td ta="right">{backup.schemaVersion}</Table.Td>
                  <Table.Td>
                    {backup.integrity === 'ok' ? t('backup.checkOk') : backup.integrity}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('backup.panel.restoreLabel', { date })}
                      onClick={() => setRestoring(backup)}
                    >
                      {t('backup.panel.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {restoring && (
        <RestoreDialog
          backup={restoring}
          onClose={() => {
            setRestoring(null);
            void load();
          }}
        />
      )}
    </Stack>
  );
}

/** Confirm → check and schedule → offer « Redémarrer maintenant » where the host can. */
function RestoreDialog({ backup, onClose }: { backup: BackupSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [state, setState] = useState<
    | { kind: 'confirm' }
    | { kind: 'checking' }
    | { kind: 'scheduled'; result: RestoreScheduled }
    | { kind: 'restarting' }
    | { kind: 'failed'; error: unknown }
  >({ kind: 'confirm' });
  const date = formatDateTime(backup.createdAt, language);

  async function schedule() {
    setState({ kind: 'checking' });
    try {
      const result = await api.call('backups.scheduleRestore', { backupId: backup.id });
      setState({ kind: 'scheduled', result });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

  async function restartNow() {
    setState({ kind: 'restarting' });
    try {
      await api.call('backups.restartNow', {});
      reloadWhenBureauIsBack();
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

  const scheduled = state.kind === 'scheduled' || state.kind === 'restarting';
  return (
    <Modal
      opened
      onClose={onClose}
      closeOnClickOutside={false}
      title={scheduled ? t('backup.confirm.scheduledTitle') : t('backup.confirm.title')}
    >
      <Stack gap="sm">
        {state.kind === 'failed' && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(state.error, t('app.unexpectedError'))}
          </Alert>
        )}
        {!scheduled ? (
          <>
            <Text size="sm">{t('backup.confirm.body', { date })}</Text>
            <Text size="sm">{t('backup.confirm.loss')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('backup.confirm.cancel')}
              </Button>
              <Button
                color="orange"
                loading={state.kind === 'checking'}
                onClick={() => void schedule()}
              >
                {t('backup.confirm.confirm')}
              </Button>
            </Group>
          </>
        ) : state.kind === 'restarting' ? (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('backup.confirm.restarting')}</Text>
          </Group>
        ) : (
          <>
            <Text size="sm">{t('backup.confirm.scheduledBody')}</Text>
            {!state.result.restartAvailable && (
              <Text size="sm" fw={500}>
                {t('backup.confirm.restartManually')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('backup.confirm.restartLater')}
              </Button>
              {state.result.restartAvailable && (
                <Button onClick={() => void restartNow()}>{t('backup.confirm.restartNow')}</Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
