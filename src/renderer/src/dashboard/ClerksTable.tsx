import { Badge, Group, Progress, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardData } from '../../../shared/api/dashboardTypes';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { useLanguage } from '../shell/useLanguage';
import classes from './Dashboard.module.css';
import { DashboardPanel } from './DashboardPanel';

/** A count and a bar scaled to the column's largest value. */
function Metered(props: {
  value: number;
  max: number;
  color: string;
  language: Language;
  label: string;
}) {
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Progress
        className={classes.meter}
        value={props.max === 0 ? 0 : (props.value / props.max) * 100}
        color={props.color}
        size="sm"
        radius="xl"
        aria-hidden
      />
      <Text size="sm" className={classes.numeric} miw={28} aria-label={props.label}>
        {formatNumber(props.value, props.language)}
      </Text>
    </Group>
  );
}

/** Decisions of the period and today's load, per active clerk of the office. */
export function ClerksTable({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const maxDecided = Math.max(0, ...data.clerks.map((clerk) => clerk.decided));
  const maxOpen = Math.max(0, ...data.clerks.map((clerk) => clerk.open));
  return (
    <DashboardPanel
      title={t('dashboard.clerks.title')}
      hint={t('dashboard.clerks.hint')}
      table="clerks"
      testId="clerks-panel"
    >
      {data.clerks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.clerks.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={440}>
          <Table verticalSpacing={8} data-testid="clerks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.clerks.name')}</Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('dashboard.clerks.decided')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('dashboard.clerks.open')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numeric}>
                  {t('dashboard.clerks.overdue')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.clerks.map((clerk) => (
                <Table.Tr key={clerk.userId} data-testid="clerk-row" data-user={clerk.userId}>
                  <Table.Th scope="row" fw={500}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500} className={classes.nowrap}>
                        {clerk.displayName}
                      </Text>
                      {clerk.role === 'superviseur' && (
                        <Badge
                          size="xs"
                          variant="light"
                          color="gray"
                          tt="none"
                          style={{ flexShrink: 0 }}
                        >
                          {t('dashboard.clerks.supervisor')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>
                    <Metered
                      value={clerk.decided}
                      max={maxDecided}
                      color="togo.6"
                      language={language}
                      label={`${t('dashboard.clerks.decided')} : ${clerk.decided}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Metered
                      value={clerk.open}
                      max={maxOpen}
                      color="blue.5"
                      language={language}
                      label={`${t('dashboard.clerks.open')} : ${clerk.open}`}
                    />
                  </Table.Td>
                  <Table.Td className={classes.numeric}>
                    <Text
                      size="sm"
                      fw={clerk.overdue > 0 ? 600 : undefined}
                      c={clerk.overdue > 0 ? 'red.7' : 'dimmed'}
                    >
                      {formatNumber(clerk.overdue, language)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </DashboardPanel>
  );
}
