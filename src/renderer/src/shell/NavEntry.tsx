import { NavLink, Tooltip, UnstyledButton } from '@mantine/core';
import type { Icon as TablerIcon } from '@tabler/icons-react';
import { hrefOf, type Route } from '../routing/route';
import classes from './QueueNav.module.css';

/**
 * One link of a navbar section below the queues: a labelled link in the wide navbar, an icon with
 * a tooltip in the compact one.
 */
export function NavEntry(props: {
  route: Route;
  text: string;
  Icon: TablerIcon;
  active: boolean;
  compact: boolean;
  testId: string;
}) {
  const { route, text, Icon, active, testId } = props;
  return props.compact ? (
    <Tooltip label={text} position="right" withArrow>
      <UnstyledButton
        component="a"
        href={hrefOf(route)}
        className={classes.compact}
        data-active={active || undefined}
        aria-current={active ? 'page' : undefined}
        aria-label={text}
      >
        <Icon size={20} stroke={1.6} />
      </UnstyledButton>
    </Tooltip>
  ) : (
    <NavLink
      href={hrefOf(route)}
      label={text}
      title={text}
      leftSection={<Icon size={18} stroke={1.6} />}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
      classNames={{ label: classes.label }}
      data-testid={testId}
    />
  );
}
