import type { Language } from '../i18n/language';
import { cachedByKey } from './cachedFormatter';
import { localeFor } from './locale';

const integerFormat = cachedByKey((locale) => new Intl.NumberFormat(locale));
const oneDecimalFormat = cachedByKey(
  (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
);

/** « 1 234 » in French (narrow no-break space), « 1,234 » in English. */
export function formatNumber(value: number, language: Language): string {
  return integerFormat(localeFor(language)).format(value);
}

/** « 1 250 000 FCFA »: the unit as Togolese forms write it, not Intl's « F CFA » symbol. */
export function formatAmount(value: number, language: Language): string {
  return `${integerFormat(localeFor(language)).format(value)}\u00a0FCFA`;
}

/** Document sizes in kilobytes (1 Ko = 1 024 octets), one decimal at most. */
export function formatKilobytes(bytes: number, language: Language): string {
  const kilobytes = bytes / 1024;
  return oneDecimalFormat(localeFor(language)).format(kilobytes < 0.1 ? 0.1 : kilobytes);
}
