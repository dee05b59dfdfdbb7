import {
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  luminance,
  parseThemeColor,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * White text on a filled colour (a badge « En retard », a count, a red button) must reach WCAG
 * AA (4.5:1) in the dark theme too. Mantine fills dark-theme components with the dark primary
 * shade (4 here, so the Togo green stays bright), on which white text is unreadable. In the dark
 * theme only, each filled colour therefore uses its lightest shade from 6 on that carries white
 * text at 4.5:1 — or shade 9 mixed with black when none does (orange, yellow) — through CSS
 * `light-dark()`, so the light theme is unchanged and no colour is hard-coded.
 */
const AA = 4.5;
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

function mixWithBlack(hex: string, percent: number): string {
  const channel = (offset: number) =>
    Math.round((parseInt(hex.slice(offset, offset + 2), 16) * percent) / 100)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

export function darkFilled(
  name: string,
  shades: MantineColorsTuple,
): { background: string; hover: string } {
  const variable = (shade: number) => `var(--mantine-color-${name}-${shade})`;
  const mixed = (percent: number) =>
    `color-mix(in srgb, ${variable(9)} ${percent}%, var(--mantine-color-black))`;
  for (const shade of [6, 7, 8] as const) {
    if (contrastWithWhite(shades[shade]) >= AA)
      return { background: variable(shade), hover: variable(shade + 1) };
  }
  for (const percent of [100, 90, 80, 70, 60, 50]) {
    if (contrastWithWhite(mixWithBlack(shades[9], percent)) >= AA) {
      return {
        background: percent === 100 ? variable(9) : mixed(percent),
        hover: mixed(percent - 10),
      };
    }
  }
  return { background: mixed(40), hover: mixed(30) };
}

export function makeVariantColorResolver(
  colors: Record<string, MantineColorsTuple>,
): VariantColorsResolver {
  const palette: Record<string, MantineColorsTuple> = { ...DEFAULT_THEME.colors, ...colors };
  const dark = new Map(
    Object.entries(palette)
      // Yellow is worn with black text (the « Mode formation » badge): its bright fill stays.
      .filter(([name]) => name !== 'yellow')
      .map(([name, shades]) => [name, darkFilled(name, shades)]),
  );
  return (input) => {
    const base = defaultVariantColorsResolver(input);
    if (input.variant !== 'filled') return base;
    const parsed = parseThemeColor({
      color: input.color || input.theme.primaryColor,
      theme: input.theme,
    });
    const accessible =
      parsed.isThemeColor && parsed.shade === undefined ? dark.get(parsed.color) : null;
    if (!accessible || base.color !== 'var(--mantine-color-white)') return base;
    return {
      ...base,
      background: `light-dark(${base.background}, ${accessible.background})`,
      hover: `light-dark(${base.hover}, ${accessible.hover})`,
    };
  };
}
