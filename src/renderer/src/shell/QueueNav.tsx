import { memo } from 'react';
import { Badge, NavLink, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QUEUE_IDS, type QueueId } from '../../../shared/api/types';
import { useApiQuery } from '../api/queries';
import { formatNumber } from '../format/numbers';
import { hrefOf } from '../routing/route';
import { WorklistNavEntry } from '../sync/WorklistNavEntry';
import classes from './QueueNav.module.css';
import { NavSection } from './NavSection';
import { QUEUE_ICONS } from './queueIcons';
import { useLanguage } from './useLanguage';

const ALERT_QUEUES: ReadonlySet<QueueId> = new Set(['overdue', 'due_soon']);

/**
 * Alert counts stand out in a filled badge whose figures read at 4.5:1 (WCAG AA): white on a deep
 * red for « En retard »; on orange, whose every shade is too light for white, Mantine's
 * `autoContrast` writes them in black.
 */
function countColor(queue: QueueId, count: number | undefined) {
  const alert = ALERT_QUEUES.has(queue) && (count ?? 0) > 0;
  if (!alert) return { variant: 'light', color: 'gray' } as const;
  return queue === 'overdue'
    ? ({ variant: 'filled', color: 'red.8' } as const)
    : ({ variant: 'filled', color: 'orange', autoContrast: true } as const);
}

export const QueueNav = memo(function QueueNav({
  active,
  compact,
}: {
  active: QueueId | null;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Refetched with the lists whenever cases change (`cases.changed`, a sync's progress: see
  // liveInvalidation.ts), never merely for being old; a failure only hides them.
  const counts = useApiQuery('inbox.counts', {}, { staleTime: Infinity }).data ?? null;
  return (
    <NavSection title={t('queues.title')} compact={compact}>
      {QUEUE_IDS.map((queue) => {
        const Icon = QUEUE_ICONS[queue];
        const count = counts?.[queue];
        const label = t(`queues.${queue}`);
        const isActive = queue === active;
        const badge =
          count === undefined ? null : (
            <Badge size="xs" radius="sm" className={classes.count} {...countColor(queue, count)}>
              {formatNumber(count, language)}
            </Badge>
          );
        if (compact) {
          return (
            <Tooltip key={queue} label={label} position="right" withArrow>
              <UnstyledButton
                component="a"
                href={hrefOf({ view: 'inbox', queue })}
                className={classes.compact}
                data-active={isActive || undefined}
                aria-current={isActive ? 'page' : undefined}
                aria-label={
                  count === undefined ? label : `${label} ${formatNumber(count, language)}`
                }
              >
                <Icon size={20} stroke={1.6} />
                {badge}
              </UnstyledButton>
            </Tooltip>
          );
        }
        return (
          <NavLink
            key={queue}
            href={hrefOf({ view: 'inbox', queue })}
            label={label}
            title={label}
            leftSection={<Icon size={18} stroke={1.6} />}
            rightSection={badge}
            active={isActive}
            aria-current={isActive ? 'page' : undefined}
            variant="light"
            classNames={{ label: classes.label }}
            data-active-queue={isActive || undefined}
          />
        );
      })}
      <WorklistNavEntry compact={compact} />
    </NavSection>
  );
});
