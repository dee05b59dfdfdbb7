import type { CSSVariablesResolver } from '@mantine/core';
import { readableLightVariables, readablePlaceholder } from './readableColors';

/**
 * Mantine's default « dimmed » grey (gray.6 on white, 3.3:1) fails WCAG AA for small text, and
 * the app uses it for every secondary line: one step darker (light) or lighter (dark) passes 4.5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // A field's error and its text (red.6, 3.3:1 by default): red.8 reads at 4.5:1 on white.
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    // `light` badges and buttons: orange, teal, yellow… text darkened to 4.5:1 on their tint.
    ...readableLightVariables(theme.colors),
    '--mantine-color-placeholder': readablePlaceholder(theme.colors.gray),
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
