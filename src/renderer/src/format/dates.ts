import type { Language } from '../i18n/language';
import { cachedByKey } from './cachedFormatter';
import { localeFor } from './locale';

const dayFormat = cachedByKey(
  (locale) =>
    new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }),
);
// Calendar dates ("2025-11-27") carry no time zone: format them as UTC so they never shift a day.
const calendarDayFormat = cachedByKey(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    }),
);
const dateTimeFormat = cachedByKey(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);
const relativeFormat = cachedByKey(
  (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
);

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** DD/MM/YYYY for an ISO instant (local day) or an ISO calendar date. */
export function formatDate(iso: string, language: Language): string {
  const calendarDay = CALENDAR_DAY.exec(iso);
  if (calendarDay) {
    const [, year, month, day] = calendarDay;
    const utc = Date.UTC(Number(year), Number(month) - 1, Number(day));
    return calendarDayFormat(localeFor(language)).format(utc);
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dayFormat(localeFor(language)).format(time);
}

export function formatDateTime(iso: string, language: Language): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormat(localeFor(language)).format(time);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** « il y a 2 min », « il y a 3 h », « hier »; under a minute reads as « maintenant ». */
export function formatRelative(iso: string, now: number, language: Language): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const elapsed = time - now;
  const format = relativeFormat(localeFor(language));
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return format.format(Math.round(elapsed / size), unit);
  }
  return format.format(0, 'second');
}

const timeFormat = cachedByKey(
  (locale) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
);

/**
 * An instant inside a sentence: « le 06/12/2026 à 09:15 » (« 06/12/2026 at 09:15 »), so
 * « expire le 06/12/2026 à 09:15 » reads as French, never « expire à 06/12/2026 09:15 ».
 */
export function formatOnAt(iso: string, language: Language): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const day = dayFormat(localeFor(language)).format(time);
  const hour = timeFormat(localeFor(language)).format(time);
  return language === 'fr' ? `le ${day} à ${hour}` : `${day} at ${hour}`;
}

/** « 14:32 » for an instant earlier today, « 22/11/2025 14:32 » otherwise. */
export function formatSince(iso: string, now: number, language: Language): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const sameDay = new Date(time).toDateString() === new Date(now).toDateString();
  return sameDay
    ? timeFormat(localeFor(language)).format(time)
    : dateTimeFormat(localeFor(language)).format(time);
}
