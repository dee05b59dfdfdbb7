import { Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlarm,
  IconClockHour4,
  IconGauge,
  IconGavel,
  IconInbox,
  type Icon as TablerIcon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DashboardData } from '../../../shared/api/dashboardTypes';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';
import classes from './Dashboard.module.css';
import { formatDecimal, formatPercent } from './dashboardFormat';

interface Kpi {
  id: string;
  label: string;
  value: string;
  /** Written smaller after the value, so « 9,5 j ouvrés » keeps to one line. */
  unit?: string;
  hint: string;
  Icon: TablerIcon;
  color: string;
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={`kpi-${kpi.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text size="sm" c="dimmed" fw={500}>
          {kpi.label}
        </Text>
        <ThemeIcon variant="light" color={kpi.color} size={30} radius="md" aria-hidden>
          <kpi.Icon size={18} stroke={1.7} />
        </ThemeIcon>
      </Group>
      <Text fz={28} fw={700} className={classes.kpiValue}>
        <span data-testid={`kpi-${kpi.id}-value`}>{kpi.value}</span>
        {kpi.unit && (
          <Text span fz="sm" fw={500} c="dimmed" ml={6}>
            {kpi.unit}
          </Text>
        )}
      </Text>
      <Text size="xs" c="dimmed" mt={4} lineClamp={2}>
        {kpi.hint}
      </Text>
    </Paper>
  );
}

export function KpiCardsSkeleton() {
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="md">
      {Array.from({ length: 5 }, (_, index) => (
        <Skeleton key={index} height={118} radius="md" />
      ))}
    </SimpleGrid>
  );
}

/** The five figures a supervisor reads first. */
export function KpiCards({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('dashboard.kpi.none');
  const kpis: Kpi[] = [
    {
      id: 'received',
      label: t('dashboard.kpi.received'),
      value: formatNumber(data.totals.received, language),
      hint: t('dashboard.kpi.receivedHint'),
      Icon: IconInbox,
      color: 'blue',
    },
    {
      id: 'decided',
      label: t('dashboard.kpi.decided'),
      value: formatNumber(data.totals.decided, language),
      hint: t('dashboard.kpi.decidedHint'),
      Icon: IconGavel,
      color: 'togo',
    },
    {
      id: 'compliance',
      label: t('dashboard.kpi.compliance'),
      value:
        data.sla.compliancePercent === null
          ? none
          : formatPercent(data.sla.compliancePercent, language),
      hint:
        data.sla.decided === 0
          ? t('dashboard.kpi.complianceNone')
          : t('dashboard.kpi.complianceHint', {
              onTime: formatNumber(data.sla.onTime, language),
              decided: formatNumber(data.sla.decided, language),
            }),
      Icon: IconGauge,
      color:
        data.sla.compliancePercent === null
          ? 'gray'
          : data.sla.compliancePercent >= 90
            ? 'togo'
            : data.sla.compliancePercent >= 75
              ? 'yellow'
              : 'red',
    },
    {
      id: 'median',
      label: t('dashboard.kpi.median'),
      value:
        data.medianProcessingDays === null
          ? none
          : formatDecimal(data.medianProcessingDays, language),
      ...(data.medianProcessingDays === null ? {} : { unit: t('dashboard.kpi.medianUnit') }),
      hint: t('dashboard.kpi.medianHint'),
      Icon: IconClockHour4,
      color: 'grape',
    },
    {
      id: 'overdue',
      label: t('dashboard.kpi.overdue'),
      value: formatNumber(data.totals.overdue, language),
      hint: t('dashboard.kpi.overdueHint', { open: formatNumber(data.totals.open, language) }),
      Icon: IconAlarm,
      color: data.totals.overdue > 0 ? 'red' : 'togo',
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="md" data-testid="dashboard-kpis">
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} />
      ))}
    </SimpleGrid>
  );
}
