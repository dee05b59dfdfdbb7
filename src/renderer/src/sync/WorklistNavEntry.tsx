import { Badge, NavLink, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertSquareRounded } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/queries';
import { formatNumber } from '../format/numbers';
import { hrefOf } from '../routing/route';
import { useRoute } from '../routing/useRoute';
import classes from '../shell/QueueNav.module.css';
import { useLanguage } from '../shell/useLanguage';

const WORKLIST = { view: 'worklist' } as const;

/**
 * « À régulariser » among the queues, with its count: red and filled while something waits for a
 * person (white on red.8 reads at 4.5:1), grey at zero. Refetched with the case lists.
 */
export function WorklistNavEntry({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const active = useRoute().view === 'worklist';
  const count = useApiQuery('sync.worklistCount', {}, { staleTime: Infinity }).data;
  const label = t('syncWork.nav');
  const badge =
    count === undefined ? null : (
      <Badge
        size="xs"
        radius="sm"
        className={classes.count}
        variant={count > 0 ? 'filled' : 'light'}
        color={count > 0 ? 'red.8' : 'gray'}
        data-testid="worklist-count"
      >
        {formatNumber(count, language)}
      </Badge>
    );
  if (compact) {
    return (
      <Tooltip label={label} position="right" withArrow>
        <UnstyledButton
          component="a"
          href={hrefOf(WORKLIST)}
          className={classes.compact}
          data-active={active || undefined}
          aria-current={active ? 'page' : undefined}
          aria-label={count === undefined ? label : `${label} ${formatNumber(count, language)}`}
          data-testid="nav-worklist"
        >
          <IconAlertSquareRounded size={20} stroke={1.6} />
          {badge}
        </UnstyledButton>
      </Tooltip>
    );
  }
  return (
    <NavLink
      href={hrefOf(WORKLIST)}
      label={label}
      leftSection={<IconAlertSquareRounded size={18} stroke={1.6} />}
      rightSection={badge}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
      classNames={{ label: classes.label }}
      data-active-queue={active || undefined}
      data-testid="nav-worklist"
    />
  );
}
