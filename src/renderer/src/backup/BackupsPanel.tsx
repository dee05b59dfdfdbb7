import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../shared/api/backupTypes';
import { errorMessage } from '../api/errorMessage';
import { apiKey, useApiMutation, useApiQuery } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
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
  const queryClient = useQueryClient();
  const list = useApiQuery('backups.list', {});
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const backup = useApiMutation('backups.create', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('backup.panel.created') });
      return queryClient.invalidateQueries({ queryKey: apiKey('backups.list', {}) });
    },
    onError: (error) =>
      notifications.show({ color: 'red', message: errorMessage(error, t('app.unexpectedError')) }),
  });

  if (list.isError && !list.data) {
    return (
      <RetryableError
        title={t('backup.panel.loadFailed')}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const overview = list.data;
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
          loading={backup.isPending}
          onClick={() => !backup.isPending && backup.mutate({})}
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
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </Stack>
  );
}

/** Confirm → check and schedule → offer « Redémarrer maintenant » where the host can. */
function RestoreDialog({ backup, onClose }: { backup: BackupSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const schedule = useApiMutation('backups.scheduleRestore', {
    // The panel behind says a restore is pending (the dialog need not wait for it).
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKey('backups.list', {}) }),
  });
  const restart = useApiMutation('backups.restartNow', { onSuccess: reloadWhenBureauIsBack });
  const scheduled = schedule.data ?? null;
  const date = formatDateTime(backup.createdAt, language);

  return (
    <ConfirmFormDialog
      title={scheduled ? t('backup.confirm.scheduledTitle') : t('backup.confirm.title')}
      size="md"
      mutation={schedule}
      variables={{ backupId: backup.id }}
      onClose={() => !restart.isPending && onClose()}
      cancelLabel={scheduled ? t('backup.confirm.restartLater') : t('backup.confirm.cancel')}
      submit={scheduled ? null : { label: t('backup.confirm.confirm'), color: 'orange' }}
      actions={
        scheduled?.restartAvailable && (
          <Button loading={restart.isPending} onClick={() => restart.mutate({})}>
            {t('backup.confirm.restartNow')}
          </Button>
        )
      }
    >
      {restart.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(restart.error, t('app.unexpectedError'))}
        </Alert>
      )}
      {!scheduled ? (
        <>
          <Text size="sm">{t('backup.confirm.body', { date })}</Text>
          <Text size="sm">{t('backup.confirm.loss')}</Text>
        </>
      ) : restart.isPending || restart.isSuccess ? (
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">{t('backup.confirm.restarting')}</Text>
        </Group>
      ) : (
        <>
          <Text size="sm">{t('backup.confirm.scheduledBody')}</Text>
          {!scheduled.restartAvailable && (
            <Text size="sm" fw={500}>
              {t('backup.confirm.restartManually')}
            </Text>
          )}
        </>
      )}
    </ConfirmFormDialog>
  );
}
