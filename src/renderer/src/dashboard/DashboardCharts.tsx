import { BarChart, LineChart } from '@mantine/charts';
import { Box, Center, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DashboardData } from '../../../shared/api/dashboardTypes';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';
import { DashboardPanel } from './DashboardPanel';
import { formatDayMonth } from './dashboardFormat';

const CHART_HEIGHT = 260;

function EmptyChart({ message, testId }: { message: string; testId: string }) {
  return (
    <Center h={CHART_HEIGHT} data-testid={testId}>
      <Stack align="center" gap="xs" maw={420}>
        <ThemeIcon size={48} radius="xl" variant="light" color="gray" aria-hidden>
          <IconCalendarOff size={26} stroke={1.5} />
        </ThemeIcon>
        <Text size="sm" c="dimmed" ta="center">
          {message}
        </Text>
      </Stack>
    </Center>
  );
}

/** Intake against decisions, one point per day of the period. */
export function InflowChart({ data, empty }: { data: DashboardData; empty: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const from = formatDate(data.period.from, language);
  const to = formatDate(data.period.to, language);
  const points = data.daily.map((day) => ({ ...day, label: formatDayMonth(day.day, language) }));
  return (
    <DashboardPanel title={t('dashboard.charts.inflow')} table="daily" testId="chart-inflow">
      {empty ? (
        <EmptyChart
          testId="dashboard-empty"
          message={`${t('dashboard.empty.title')}. ${t('dashboard.empty.body', { from, to })}`}
        />
      ) : (
        <Box role="img" aria-label={t('dashboard.charts.inflowLabel', { from, to })}>
          <LineChart
            h={CHART_HEIGHT}
            data={points}
            dataKey="label"
            curveType="monotone"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 36 }}
            tickLine="y"
            gridAxis="y"
            withDots={points.length <= 31}
            valueFormatter={(value) => formatNumber(value, language)}
            yAxisProps={{ allowDecimals: false, width: 40 }}
            xAxisProps={{ minTickGap: 16 }}
            series={[
              { name: 'received', label: t('dashboard.charts.received'), color: 'blue.6' },
              { name: 'decided', label: t('dashboard.charts.decided'), color: 'togo.6' },
            ]}
          />
        </Box>
      )}
    </DashboardPanel>
  );
}

/** Today's open cases per procedure: on time, and past their deadline, stacked. */
export function BacklogByProcedureChart({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = data.backlogByProcedure.map((row) => ({
    label: row.shortTitle,
    onTime: row.open - row.overdue,
    late: row.overdue,
  }));
  const hasBacklog = data.backlogByProcedure.some((row) => row.open > 0);
  return (
    <DashboardPanel
      title={t('dashboard.charts.backlogByProcedure')}
      hint={t('dashboard.asOf', { day: formatDate(data.asOf, language) })}
      table="backlogByProcedure"
      testId="chart-backlog-procedure"
    >
      {hasBacklog ? (
        <Box role="img" aria-label={t('dashboard.charts.backlogByProcedureLabel')}>
          <BarChart
            h={Math.max(CHART_HEIGHT, rows.length * 34 + 60)}
            data={rows}
            dataKey="label"
            type="stacked"
            orientation="vertical"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 36 }}
            gridAxis="x"
            tickLine="x"
            maxBarWidth={22}
            valueFormatter={(value) => formatNumber(value, language)}
            yAxisProps={{ width: 190, interval: 0 }}
            xAxisProps={{ allowDecimals: false }}
            series={[
              { name: 'onTime', label: t('dashboard.charts.onTime'), color: 'togo.5' },
              { name: 'late', label: t('dashboard.charts.late'), color: 'red.6' },
            ]}
          />
        </Box>
      ) : (
        <EmptyChart message={t('dashboard.charts.noBacklog')} testId="backlog-procedure-empty" />
      )}
    </DashboardPanel>
  );
}

/** Today's open cases by working days since submission. */
export function BacklogByAgeChart({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = data.backlogByAge.map((row) => ({
    label: t(`dashboard.charts.ages.${row.bucket as '0-2'}`),
    open: row.open,
  }));
  const hasBacklog = data.backlogByAge.some((row) => row.open > 0);
  return (
    <DashboardPanel
      title={t('dashboard.charts.backlogByAge')}
      hint={t('dashboard.charts.ageUnit')}
      table="backlogByAge"
      testId="chart-backlog-age"
    >
      {hasBacklog ? (
        <Box role="img" aria-label={t('dashboard.charts.backlogByAgeLabel')}>
          <BarChart
            h={CHART_HEIGHT}
            data={rows}
            dataKey="label"
            gridAxis="y"
            tickLine="y"
            withBarValueLabel
            maxBarWidth={48}
            valueFormatter={(value) => formatNumber(value, language)}
            yAxisProps={{ allowDecimals: false, width: 40 }}
            xAxisProps={{ interval: 0 }}
            series={[{ name: 'open', label: t('dashboard.charts.open'), color: 'blue.6' }]}
          />
        </Box>
      ) : (
        <EmptyChart message={t('dashboard.charts.noBacklog')} testId="backlog-age-empty" />
      )}
    </DashboardPanel>
  );
}
