import { cachedByKey } from '../format/cachedFormatter';
import { localeFor } from '../format/locale';
import type { Language } from '../i18n/language';

const decimalFormat = cachedByKey(
  (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
);
const percentFormat = cachedByKey(
  (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
);
const dayMonthFormat = cachedByKey(
  (locale) =>
    new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }),
);

/** « 3,5 » in French: a median can fall between two whole days. */
export function formatDecimal(value: number, language: Language): string {
  return decimalFormat(localeFor(language)).format(value);
}

/** `80` → « 80 % » (French puts a narrow no-break space before the sign). */
export function formatPercent(percent: number, language: Language): string {
  return percentFormat(localeFor(language)).format(percent / 100);
}

/** « 09/11 » for a chart's axis: the year is in the period shown above. */
export function formatDayMonth(day: string, language: Language): string {
  return dayMonthFormat(localeFor(language)).format(Date.parse(`${day}T00:00:00Z`));
}
