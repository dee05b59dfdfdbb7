import { Checkbox, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { useCaseActionBusy } from '../caseQueries';
import { useCaseAction } from './useCaseAction';

/** The procedure's checklist; each point shows who ticked it and when. */
export function ChecklistPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const run = useCaseAction();
  const busy = useCaseActionBusy();
  const items = detail.procedure.checklist;
  const ticks = new Map(detail.review.checklist.map((tick) => [tick.itemId, tick]));
  const canTick = detail.review.workflow.allowedActions.includes('tickChecklist');
  const done = items.filter((item) => ticks.get(item.id)?.checked).length;

  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('review.checklistEmpty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="checklist">
      <Group gap="sm" wrap="nowrap">
        <Progress
          value={(done / items.length) * 100}
          color={done === items.length ? 'togo' : 'yellow'}
          style={{ flex: 1 }}
          aria-label={t('review.checklistProgress', { done, total: items.length })}
        />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('review.checklistProgress', { done, total: items.length })}
        </Text>
      </Group>
      {items.map((item) => {
        const tick = ticks.get(item.id);
        return (
          <Checkbox
            key={item.id}
            checked={tick?.checked ?? false}
            disabled={!canTick || busy !== null}
            label={item.label[language]}
            description={
              tick
                ? t('review.tickedBy', {
                    name: tick.by.displayName,
                    date: formatDateTime(tick.at, language),
                  })
                : undefined
            }
            onChange={(event) =>
              void run(
                'cases.tickChecklist',
                { id: detail.row.id, itemId: item.id, checked: event.currentTarget.checked },
                t('review.historyKinds.checklist_ticked', {
                  item: item.label[language],
                  state: event.currentTarget.checked ? t('review.ticked') : t('review.unticked'),
                }),
              )
            }
            data-testid={`checklist-${item.id}`}
          />
        );
      })}
    </Stack>
  );
}
