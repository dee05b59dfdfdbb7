import { ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BalancePlan } from '../../../shared/api/assignmentTypes';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';

/** Rows drawn at once: a plan holds up to 2 000 cases; the rest are counted below the table. */
const SHOWN_ROWS = 300;

/** The plan, case by case: reference, procedure, deadline, and the clerk each one goes to. */
export function PlanTable({ plan }: { plan: BalancePlan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const titles = new Map(
    procedures.map((procedure) => [procedure.code, procedure.shortTitle[language]]),
  );
  const names = new Map(plan.loads.map((load) => [load.userId, load.displayName]));
  const shown = plan.items.slice(0, SHOWN_ROWS);
  const more = plan.items.length - shown.length;
  return (
    <>
      <ScrollArea.Autosize mah={280} type="auto" data-testid="balance-plan">
        <Table striped highlightOnHover stickyHeader verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assignment.balance.reference')}</Table.Th>
              <Table.Th>{t('assignment.balance.procedure')}</Table.Th>
              <Table.Th>{t('assignment.balance.deadline')}</Table.Th>
              <Table.Th>{t('assignment.balance.goesTo')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((item) => (
              <Table.Tr key={item.caseId} data-testid="balance-plan-row">
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {item.reference}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate="end" maw={220} title={titles.get(item.procedureCode)}>
                    {titles.get(item.procedureCode) ?? item.procedureCode}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(item.dueDate, language)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }} fw={600}>
                  {names.get(item.assigneeId) ?? item.assigneeId}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {more > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('assignment.balance.moreRows', {
            count: more,
            formatted: formatNumber(more, language),
          })}
        </Text>
      )}
    </>
  );
}
