import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './QueueNav.module.css';

/**
 * One titled group of the sidebar. Collapsed to icons, the title gives way to a thin rule (the
 * group keeps its accessible name).
 */
export function NavSection(props: {
  title: string;
  compact: boolean;
  /** A landmark of links (`nav`), or a plain group (`section`: the saved views are buttons). */
  component?: 'nav' | 'section';
  children: ReactNode;
}) {
  const { title, compact, component = 'nav', children } = props;
  return (
    <Stack gap={0} className={classes.section} component={component} aria-label={title}>
      {compact ? (
        <div className={classes.compactRule} aria-hidden />
      ) : (
        <div className={classes.sectionTitle}>{title}</div>
      )}
      {children}
    </Stack>
  );
}
