import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeCsv, IconFileTypeXls } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '../../../shared/api/dashboardTypes';
import { errorMessage } from '../api/errorMessage';
import { useDashboardStore } from './dashboardStore';
import { exportDashboardTable } from './exportDownload';

const FORMATS = [
  { format: 'csv', label: 'dashboard.export.csv', name: 'CSV', Icon: IconFileTypeCsv },
  { format: 'xlsx', label: 'dashboard.export.xlsx', name: 'Excel', Icon: IconFileTypeXls },
] as const;

/** « Exporter CSV » / « Exporter Excel » for one of the dashboard's tables, with its filters. */
export function ExportButtons({ table }: { table: DashboardTable }) {
  const { t } = useTranslation();
  const tableName = t(`dashboard.export.tables.${table}`);
  const download = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => {
      const { period, procedureCodes } = useDashboardStore.getState();
      return exportDashboardTable(table, format, period(), procedureCodes);
    },
    onSuccess: (file) =>
      notifications.show({
        color: 'togo',
        message: t('dashboard.export.done', { fileName: file.fileName }),
      }),
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('dashboard.export.failed'),
        message: errorMessage(error, t('app.unexpectedError')),
      }),
  });
  /** The format being exported: its button turns, the other waits. */
  const busy = download.isPending ? download.variables : null;

  return (
    <Group gap={6} wrap="nowrap">
      {FORMATS.map(({ format, label, name, Icon }) => (
        <Button
          key={format}
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<Icon size={15} stroke={1.6} aria-hidden />}
          loading={busy === format}
          disabled={busy !== null && busy !== format}
          onClick={() => busy === null && download.mutate(format)}
          aria-label={t('dashboard.export.label', { table: tableName, format: name })}
          data-testid={`export-${table}-${format}`}
        >
          {t(label)}
        </Button>
      ))}
    </Group>
  );
}
