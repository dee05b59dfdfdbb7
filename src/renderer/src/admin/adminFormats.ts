import { cachedByKey } from '../format/cachedFormatter';
import { localeFor } from '../format/locale';
import type { Language } from '../i18n/language';

const weekdayFormat = cachedByKey(
  (locale) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
);
// The audit trail is evidence: seconds matter, and the office's time (Togo is on UTC).
const auditTimeFormat = cachedByKey(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZone: 'Africa/Lome',
    }),
);

/** « jeudi » for a calendar date `YYYY-MM-DD`; empty when the date is not one. */
export function formatWeekday(date: string, language: Language): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? '' : weekdayFormat(localeFor(language)).format(time);
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** « 09/11/2026 08:00:12 » */
export function formatAuditTime(iso: string, language: Language): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : auditTimeFormat(localeFor(language)).format(time);
}

/** « 1,3 s » or « 420 ms » */
export function formatDuration(ms: number, language: Language): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${new Intl.NumberFormat(localeFor(language), { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}
