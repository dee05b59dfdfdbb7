/**
 * French formatting of what a certificate prints: « 1er décembre 2026 », « 1 250 000 FCFA »,
 * « 2710.19 ». Applied once, when the certificate is issued; the results are stored with it, so a
 * later ICU or locale change never alters a certificate rendered again.
 */

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** Thousands separator of French typography: a narrow no-break space. */
const GROUP = '\u202f';

/** `2026-11-23` → « 23 novembre 2026 »; the first of the month is « 1er ». */
export function frenchDate(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const [, year, month, day] = match;
  const dayNumber = Number(day);
  return `${dayNumber === 1 ? '1er' : dayNumber} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** Digits grouped by three with narrow no-break spaces; decimals with a comma. */
export function frenchNumber(value: number): string {
  const negative = value < 0;
  const [whole, fraction] = Math.abs(value)
    .toFixed(value % 1 === 0 ? 0 : 2)
    .split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  const decimals = fraction ? `,${fraction.replace(/0+$/, '')}` : '';
  return `${negative ? '-' : ''}${grouped}${decimals === ',' ? '' : decimals}`;
}

/** « 1 250 000 FCFA » (no-break space before the currency). */
export function frenchAmount(value: number): string {
  return `${frenchNumber(Math.round(value))}\u00a0FCFA`;
}

/** Harmonized System codes: `271019` → « 2710.19 », `0901110000` → « 0901.11.00.00 ». */
export function hsCode(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 4) return value;
  const groups = [digits.slice(0, 4)];
  for (let index = 4; index < digits.length; index += 2)
    groups.push(digits.slice(index, index + 2));
  return groups.join('.');
}

/** The calendar day (UTC, which is Togo's time) of an instant. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * The last day of validity: the same day `months` later, minus one (a card issued on 23 November
 * 2026 for 12 months is valid until 22 November 2027). A day past the end of the target month is
 * clamped to its last day (31 January + 1 month → 28 or 29 February, then minus one).
 */
export function lastValidDay(issuedOn: string, months: number): string {
  const [year, month, day] = issuedOn.split('-').map(Number) as [number, number, number];
  const targetMonthIndex = month - 1 + months;
  const lastOfTarget = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, targetMonthIndex, Math.min(day, lastOfTarget)));
  end.setUTCDate(end.getUTCDate() - 1);
  return isoDay(end);
}

/**
 * French typography for template text (data values are left alone): typographic apostrophes,
 * and no-break spaces inside guillemets and before « : ; ! ? » so that a line never starts with
 * one of them.
 */
export function typographic(text: string): string {
  return text
    .replace(/'/g, '’')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([»:;!?])/g, '\u00a0$1');
}
