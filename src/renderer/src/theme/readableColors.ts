import {
  luminance,
  parseThemeColor,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine's light theme writes coloured text in two places with shades that fail WCAG AA (4.5:1)
 * for small text on some hues: a `light` badge or button (shade 9 on shade 1: orange 3.6:1, teal
 * 4.3:1, yellow 2.7:1) and an `outline` one (shade 6 on white: gray 3.3:1, orange 2.6:1). Here,
 * in the light theme only, each such text takes the nearest darker shade of the same hue that
 * reaches 4.5:1 (or shade 9 mixed with black when none does), so every badge keeps its colour.
 */
const AA = 4.5;
// axe-core and the eye round nothing away: a little margin above the threshold.
const TARGET = AA + 0.05;

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function mixWithBlack(hex: string, percent: number): string {
  const channel = (offset: number) =>
    Math.round((parseInt(hex.slice(offset, offset + 2), 16) * percent) / 100)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** The first of the shades `from`…9, else shade 9 darkened, that reads at 4.5:1 on `background`. */
export function readableShade(
  shades: MantineColorsTuple,
  from: number,
  background: string,
): { shade: number } | { value: string } {
  for (let shade = from; shade <= 9; shade++) {
    if (contrast(shades[shade]!, background) >= TARGET) return { shade };
  }
  for (let percent = 95; percent > 0; percent -= 5) {
    const value = mixWithBlack(shades[9]!, percent);
    if (contrast(value, background) >= TARGET) return { value };
  }
  return { value: '#000000' };
}

const asCss = (name: string, found: { shade: number } | { value: string }) =>
  'shade' in found ? `var(--mantine-color-${name}-${found.shade})` : found.value;

/** Light theme: `--mantine-color-<hue>-light-color` darkened where shade 9 fails on shade 1. */
export function readableLightVariables(
  colors: Record<string, MantineColorsTuple>,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark' || shades.length < 10) continue;
    const found = readableShade(shades, 9, shades[1]!);
    if ('value' in found) variables[`--mantine-color-${name}-light-color`] = found.value;
  }
  return variables;
}

/**
 * Light theme: placeholder grey. Mantine's gray.5 (2.1:1) is unreadable where the placeholder is
 * the control's only prompt (« Choisir un fichier PDF » in a file picker); gray.6 darkened just
 * to 4.5:1 stays lighter than typed text (and than « dimmed », gray.7), so it still reads as a hint.
 */
export function readablePlaceholder(gray: MantineColorsTuple): string {
  for (let percent = 100; percent > 0; percent -= 5) {
    const value = mixWithBlack(gray[6]!, percent);
    if (contrast(value, '#ffffff') >= TARGET) return value;
  }
  return 'var(--mantine-color-gray-7)';
}

/**
 * Wraps a variant resolver: in the light theme, an `outline` text whose shade fails on white is
 * written in the nearest darker shade; its border keeps the original shade, so the badge looks
 * the same, only its letters are darker.
 */
export function withReadableOutline(
  resolver: VariantColorsResolver,
  colors: Record<string, MantineColorsTuple>,
  lightShade: number,
): VariantColorsResolver {
  const readable = new Map<string, string>();
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark' || shades.length < 10) continue;
    if (contrast(shades[lightShade]!, '#ffffff') >= TARGET) continue;
    readable.set(name, asCss(name, readableShade(shades, lightShade + 1, '#ffffff')));
  }
  return (input) => {
    const base = resolver(input);
    if (input.variant !== 'outline') return base;
    const parsed = parseThemeColor({
      color: input.color || input.theme.primaryColor,
      theme: input.theme,
    });
    const text = parsed.isThemeColor && parsed.shade === undefined && readable.get(parsed.color);
    if (!text) return base;
    return { ...base, color: `light-dark(${text}, ${base.color})` };
  };
}
