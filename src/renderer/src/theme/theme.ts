import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { makeVariantColorResolver } from './darkFilledColors';
import { modalComponents } from './modalDefaults';
import { notificationComponents } from './notificationDefaults';
import { withReadableOutline } from './readableColors';

// The green of Togo's flag (#006a4e) at index 6, lighter and darker shades around it.
const togo: MantineColorsTuple = [
  '#e7f5ef',
  '#d2e9df',
  '#a5d3bf',
  '#74bc9c',
  '#4aa87f',
  '#2e9a6c',
  '#006a4e',
  '#005c43',
  '#004d38',
  '#003d2c',
];

export const theme = createTheme({
  primaryColor: 'togo',
  primaryShade: { light: 6, dark: 4 },
  colors: { togo },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  // Filled colours keep white text readable (4.5:1) in the dark theme as in the light one;
  // outline text (a grey procedure code) reads at 4.5:1 on white in the light theme.
  variantColorResolver: withReadableOutline(
    makeVariantColorResolver({ togo }),
    { ...DEFAULT_THEME.colors, togo },
    6,
  ),
  components: { ...modalComponents, ...notificationComponents },
});
