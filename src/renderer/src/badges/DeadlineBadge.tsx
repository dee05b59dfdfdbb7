import { HoverHint } from '../components/HoverHint';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../shared/api/types';
import { Pill } from './Pill';
import { DEADLINE_COLORS } from './statusColors';

/** « J-3 », « Aujourd’hui », « En retard de 2 j » — working days, as computed by the core. */
export function DeadlineBadge({
  row,
}: {
  row: Pick<InboxRow, 'workingDaysLeft' | 'deadlineState'>;
}) {
  const { t } = useTranslation();
  const days = row.workingDaysLeft;
  if (row.deadlineState === 'paused') {
    return (
      <HoverHint label={t('deadline.hintPaused')} openDelay={300}>
        <Pill color="gray" variant="outline">
          {t('deadline.paused')}
        </Pill>
      </HoverHint>
    );
  }
  if (days === null) return null;
  // The core's rule (shared/domain/deadline.ts): a late case reads late by 1 working day at
  // least, never « Aujourd’hui ».
  const late = row.deadlineState === 'overdue' ? Math.max(1, -days) : 0;
  const [label, hint] =
    late > 0
      ? [t('deadline.overdue', { count: late }), t('deadline.hintOverdue', { count: late })]
      : days > 0
        ? [t('deadline.daysLeft', { count: days }), t('deadline.hintLeft', { count: days })]
        : [t('deadline.today'), t('deadline.hintToday')];
  return (
    <HoverHint label={hint} openDelay={300}>
      <Pill
        color={DEADLINE_COLORS[row.deadlineState]}
        variant={row.deadlineState === 'overdue' ? 'filled' : 'light'}
      >
        {label}
      </Pill>
    </HoverHint>
  );
}
