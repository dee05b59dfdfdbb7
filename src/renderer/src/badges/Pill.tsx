import { useMantineTheme, type MantineTheme } from '@mantine/core';
import type { ComponentPropsWithRef, CSSProperties } from 'react';
import classes from './Pill.module.css';

export type PillVariant = 'light' | 'filled' | 'outline';

const styles = new WeakMap<MantineTheme, Map<string, CSSProperties>>();

/** The theme's own colours for a badge of that colour and variant (its readable-contrast rules). */
function colorStyle(theme: MantineTheme, color: string, variant: PillVariant): CSSProperties {
  let forTheme = styles.get(theme);
  if (!forTheme) styles.set(theme, (forTheme = new Map()));
  const key = `${color}|${variant}`;
  let style = forTheme.get(key);
  if (!style) {
    const colors = theme.variantColorResolver({ color, theme, variant });
    const variables: Record<`--pill-${string}`, string> = {
      '--pill-bg': colors.background,
      '--pill-color': colors.color,
      '--pill-bd': colors.border,
    };
    style = variables as CSSProperties;
    forTheme.set(key, style);
  }
  return style;
}

/**
 * A badge as Mantine's Badge looks (size sm or md, small radius, label as written), as one plain
 * element. The inbox shows two or three per row and dozens of rows per screen: Mantine's
 * component resolves its theme, props and styles at every mount, which weighed on every queue
 * switch (issue 18 §3). The colours come from the theme's own resolver (once per colour and
 * variant), so its contrast rules and the dark scheme still apply; a tooltip still finds the
 * element (React 19 passes `ref` as a prop).
 */
export function Pill({
  color,
  variant = 'light',
  size = 'sm',
  monospace,
  children,
  ...rest
}: Omit<ComponentPropsWithRef<'span'>, 'className' | 'style'> & {
  color: string;
  variant?: PillVariant;
  size?: 'sm' | 'md';
  monospace?: boolean;
  'data-testid'?: string;
}) {
  const theme = useMantineTheme();
  return (
    <span
      className={classes.pill}
      data-variant={variant}
      data-size={size}
      data-monospace={monospace || undefined}
      style={colorStyle(theme, color, variant)}
      {...rest}
    >
      <span className={classes.label}>{children}</span>
    </span>
  );
}
