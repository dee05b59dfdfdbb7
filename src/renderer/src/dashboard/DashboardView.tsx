import '@mantine/charts/styles.css';
import { Box, Grid, Group, Loader, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OFFICES } from '../../../shared/domain/offices';
import { formatDate } from '../format/dates';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { ClerksTable } from './ClerksTable';
import classes from './Dashboard.module.css';
import { BacklogByAgeChart, BacklogByProcedureChart, InflowChart } from './DashboardCharts';
import { DashboardFilters } from './DashboardFilters';
import { useDashboardSummary } from './dashboardStore';
import { KpiCards, KpiCardsSkeleton } from './KpiCards';
import { OverdueTable } from './OverdueTable';

function DashboardSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" data-testid="dashboard-loading">
      <KpiCardsSkeleton />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Skeleton height={330} radius="md" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Skeleton height={330} radius="md" />
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Skeleton height={340} radius="md" />
        <Skeleton height={340} radius="md" />
      </SimpleGrid>
    </Stack>
  );
}

/** The supervisor's dashboard (issue 7): the office's flow, delays and workload over a period. */
export function DashboardView() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useSessionStore((state) => state.user);
  const { period, data, error, refreshing, retry } = useDashboardSummary();
  const office = OFFICES.find((candidate) => candidate.code === user?.officeCode)?.name;

  const empty = data !== null && data.totals.received === 0 && data.totals.decided === 0;

  return (
    <div className={classes.screen} data-testid="dashboard-view">
      <Box px="md" pt="md" pb="sm">
        <Group justify="space-between" align="flex-end" gap="md" wrap="wrap">
          <div>
            <Title order={2} size="h3" fw={650}>
              {t('dashboard.title')}
            </Title>
            <Group gap="xs" mih={22}>
              <Text size="sm" c="dimmed" data-testid="dashboard-subtitle">
                {t('dashboard.subtitle', {
                  office: office ?? user?.officeCode ?? '',
                  from: formatDate(period.from, language),
                  to: formatDate(period.to, language),
                })}
              </Text>
              {refreshing && <Loader size={12} aria-label={t('dashboard.updating')} />}
            </Group>
          </div>
          <DashboardFilters />
        </Group>
      </Box>
      <div className={classes.scroll}>
        <Box px="md" pb="xl" pt="xs">
          {error !== null && !data ? (
            <RetryableError
              title={t('dashboard.loadFailed')}
              error={error}
              onRetry={retry}
              testId="dashboard-error"
            />
          ) : !data ? (
            <DashboardSkeleton />
          ) : (
            <Stack gap="md" data-testid="dashboard-content" data-empty={empty}>
              {error !== null && (
                <RetryableError title={t('dashboard.loadFailed')} error={error} onRetry={retry} />
              )}
              <KpiCards data={data} />
              <Grid gap="md">
                <Grid.Col span={{ base: 12, lg: 7 }}>
                  <InflowChart data={data} empty={empty} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 5 }}>
                  <BacklogByAgeChart data={data} />
                </Grid.Col>
              </Grid>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <BacklogByProcedureChart data={data} />
                <ClerksTable data={data} />
              </SimpleGrid>
              <OverdueTable data={data} />
            </Stack>
          )}
        </Box>
      </div>
    </div>
  );
}
