import { Anchor, Badge, Center, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DashboardData } from '../../../shared/api/dashboardTypes';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { hrefOf } from '../routing/route';
import { navigate } from '../routing/useRoute';
import { useLanguage } from '../shell/useLanguage';
import classes from './Dashboard.module.css';
import { DashboardPanel } from './DashboardPanel';

/** The office's most overdue open cases, worst first; a row opens its case. */
export function OverdueTable({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const total = data.totals.overdue;
  const count = t('dashboard.overdueList.count', {
    count: total,
    formatted: formatNumber(total, language),
  });
  const hint =
    data.overdue.length < total
      ? `${count} — ${t('dashboard.overdueList.shown', {
          shown: formatNumber(data.overdue.length, language),
          total: formatNumber(total, language),
        })}`
      : `${count} — ${t('dashboard.asOf', { day: formatDate(data.asOf, language) })}`;
  return (
    <DashboardPanel
      title={t('dashboard.overdueList.title')}
      hint={hint}
      table="overdue"
      testId="overdue-panel"
    >
      {data.overdue.length === 0 ? (
        <Center py="lg">
          <Stack align="center" gap="xs">
            <ThemeIcon size={44} radius="xl" variant="light" color="togo" aria-hidden>
              <IconCircleCheck size={26} stroke={1.5} />
            </ThemeIcon>
            <Text size="sm" c="dimmed" data-testid="overdue-empty">
              {t('dashboard.overdueList.empty')}
            </Text>
          </Stack>
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={820} maxHeight={440}>
          <Table verticalSpacing={6} highlightOnHover stickyHeader data-testid="overdue-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.overdueList.reference')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.overdueList.procedure')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.overdueList.applicant')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.overdueList.assignee')}</Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('dashboard.overdueList.due')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('dashboard.overdueList.late')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.overdue.map((entry) => {
                const route = { view: 'case', id: entry.id } as const;
                return (
                  <Table.Tr
                    key={entry.id}
                    className={classes.row}
                    onClick={() => navigate(route)}
                    data-testid="overdue-row"
                    data-id={entry.id}
                  >
                    <Table.Td className={classes.nowrap}>
                      <Anchor
                        href={hrefOf(route)}
                        ff="monospace"
                        size="sm"
                        fw={600}
                        onClick={(event) => event.stopPropagation()}
                        aria-label={t('dashboard.overdueList.open', { reference: entry.reference })}
                      >
                        {entry.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color="gray" radius="sm" tt="none" ff="monospace">
                        {entry.procedureCode}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} lineClamp={1}>
                        {entry.companyName ?? entry.applicantName}
                      </Text>
                      {entry.companyName && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {entry.applicantName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={entry.assigneeName ? undefined : 'dimmed'}
                        fs={entry.assigneeName ? undefined : 'italic'}
                        className={classes.nowrap}
                      >
                        {entry.assigneeName ?? t('dashboard.overdueList.unassigned')}
                      </Text>
                    </Table.Td>
                    <Table.Td className={classes.numeric}>
                      <Text size="sm">{formatDate(entry.dueDate, language)}</Text>
                    </Table.Td>
                    <Table.Td className={classes.numeric}>
                      <Badge color="red" variant="light" tt="none">
                        {t('dashboard.overdueList.lateDays', { count: entry.workingDaysLate })}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </DashboardPanel>
  );
}
