import { Checkbox, Group, Loader, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { errorMessage } from '../../api/errorMessage';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { useCaseActionBusy, useCaseActionMutation } from '../caseQueries';
import { useLinkedRecords } from '../linked/linkedQueries';
import { PrerequisiteLine } from '../linked/PrerequisiteLine';
import classes from './ChecklistPanel.module.css';

/** How the last tick of one point went, said beside that point. */
type TickFeedback =
  | { itemId: string; state: 'saving' }
  | { itemId: string; state: 'saved' }
  | { itemId: string; state: 'failed'; reason: string };

/**
 * The procedure's checklist; each point shows who ticked it and when. A tick says how it went
 * beside the point it changed (issue 19: one toast per tick stacked over the document being
 * checked) — « Enregistré », or the core's French reason when it was refused.
 */
export function ChecklistPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { mutateAsync } = useCaseActionMutation();
  const busy = useCaseActionBusy();
  const [feedback, setFeedback] = useState<TickFeedback | null>(null);
  const items = detail.procedure.checklist;
  const ticks = new Map(detail.review.checklist.map((tick) => [tick.itemId, tick]));
  const canTick = detail.review.workflow.allowedActions.includes('tickChecklist');
  const done = items.filter((item) => ticks.get(item.id)?.checked).length;
  // A point a prerequisite rule supports shows what Bureau holds of the cited certificate.
  const hasRules = (detail.procedure.prerequisites?.length ?? 0) > 0;
  const linked = useLinkedRecords(detail.row.id, hasRules);
  const prerequisites = hasRules ? (linked.data?.prerequisites ?? []) : [];

  const tick = async (itemId: string, checked: boolean) => {
    setFeedback({ itemId, state: 'saving' });
    try {
      await mutateAsync({
        method: 'cases.tickChecklist',
        input: { id: detail.row.id, itemId, checked },
      });
      setFeedback({ itemId, state: 'saved' });
    } catch (error) {
      const reason = errorMessage(error, String(error));
      setFeedback({ itemId, state: 'failed', reason });
    }
  };

  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('review.checklistEmpty')}
      </Text>
    );
  }
  const savedItem =
    feedback?.state === 'saved' ? items.find((i) => i.id === feedback.itemId) : null;
  return (
    <Stack gap="xs" data-testid="checklist">
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
        const tickState = ticks.get(item.id);
        const own = feedback?.itemId === item.id ? feedback : null;
        return (
          <div key={item.id}>
            <Checkbox
              checked={tickState?.checked ?? false}
              disabled={!canTick || busy !== null}
              label={item.label[language]}
              description={
                tickState || own ? (
                  <>
                    {tickState &&
                      t('review.tickedBy', {
                        name: tickState.by.displayName,
                        date: formatDateTime(tickState.at, language),
                      })}
                    {own && own.state !== 'failed' && <TickState feedback={own} />}
                  </>
                ) : undefined
              }
              onChange={(event) => void tick(item.id, event.currentTarget.checked)}
              data-testid={`checklist-${item.id}`}
            />
            {own?.state === 'failed' && <TickFailure feedback={own} />}
            {prerequisites
              .filter((check) => check.checklistItem === item.id)
              .map((check) => (
                <div key={check.field} className={classes.prerequisite}>
                  <PrerequisiteLine check={check} />
                </div>
              ))}
          </div>
        );
      })}
      {/* Said once, politely, to a screen reader; a refusal is an alert of its own. */}
      <VisuallyHidden role="status">
        {savedItem ? `${savedItem.label[language]} : ${t('layout.tickSaved')}` : ''}
      </VisuallyHidden>
    </Stack>
  );
}

/** « Enregistrement… », then « ✓ Enregistré », after who ticked the point and when. */
function TickState({ feedback }: { feedback: TickFeedback }) {
  const { t } = useTranslation();
  const saving = feedback.state === 'saving';
  return (
    <Text
      span
      size="xs"
      c={saving ? 'dimmed' : 'togo.8'}
      fw={saving ? undefined : 600}
      className={classes.tickState}
      data-testid={`checklist-feedback-${feedback.itemId}`}
      data-state={feedback.state}
    >
      {saving ? <Loader size={10} aria-hidden /> : <IconCheck size={13} aria-hidden />}
      {saving ? t('layout.tickSaving') : t('layout.tickSaved')}
    </Text>
  );
}

/** A refused tick: the core's French reason, under the point, said at once to a screen reader. */
function TickFailure({ feedback }: { feedback: Extract<TickFeedback, { state: 'failed' }> }) {
  const { t } = useTranslation();
  return (
    <Text
      size="xs"
      c="red.8"
      role="alert"
      className={classes.tickFailure}
      data-testid={`checklist-feedback-${feedback.itemId}`}
      data-state="failed"
    >
      <IconAlertTriangle size={14} aria-hidden />
      {t('layout.tickFailed', { reason: feedback.reason })}
    </Text>
  );
}
