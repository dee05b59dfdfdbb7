import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../shared/api/types';
import { cachedByKey } from '../format/cachedFormatter';
import { formatDate, formatRelative, formatSince } from '../format/dates';
import { localeFor } from '../format/locale';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';

export type SyncTone = 'ok' | 'busy' | 'offline' | 'error';

/** The one-line summary of a sync status, and the tone the indicator takes for it. */
export function syncLabel(
  status: SyncStatus,
  now: number,
  language: Language,
  t: TFunction,
): { tone: SyncTone; text: string } {
  switch (status.phase) {
    case 'syncing':
      return {
        tone: 'busy',
        text:
          status.remaining !== null
            ? t('sync.syncingRemaining', {
                count: status.remaining,
                formatted: formatNumber(status.remaining, language),
              })
            : t('sync.syncing', { count: status.pulled }),
      };
    case 'offline':
      return {
        tone: 'offline',
        text: status.offlineSince
          ? t('sync.offlineSince', { when: formatSince(status.offlineSince, now, language) })
          : t('sync.offline'),
      };
    case 'paused':
      return { tone: 'offline', text: t('sync.paused') };
    case 'error':
      return {
        tone: 'error',
        text: t('sync.error', { message: status.errorMessage ?? t('app.unexpectedError') }),
      };
    case 'idle':
      return {
        tone: 'ok',
        text: status.lastSuccessAt
          ? t('sync.upToDate', { when: formatRelative(status.lastSuccessAt, now, language) })
          : t('sync.neverSynced'),
      };
  }
}

/** Share of the current pull already applied (0–100), when the portal says how much is left. */
export function syncProgress(status: SyncStatus): number | null {
  if (status.phase !== 'syncing' || status.remaining === null) return null;
  const total = status.pulled + status.remaining;
  return total === 0 ? 100 : Math.round((status.pulled / total) * 100);
}

const clockTime = cachedByKey(
  (locale) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
);

/** The local calendar day `days` before the one holding `now`, as `Date.toDateString()` says it. */
function dayBefore(now: number, days: number): string {
  const day = new Date(now);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - days).toDateString();
}

/**
 * When the portal last answered: « Dernier contact : aujourd’hui 10:42 », « … hier 16:05 », or
 * the date before that. Days are the desk's own (local) calendar days.
 */
export function lastContactLabel(
  lastContactAt: string | null | undefined,
  now: number,
  language: Language,
  t: TFunction,
): string {
  const time = lastContactAt ? Date.parse(lastContactAt) : NaN;
  if (!lastContactAt || Number.isNaN(time)) return t('sync.lastContactNever');
  const at = clockTime(localeFor(language)).format(time);
  const day = new Date(time).toDateString();
  if (day === dayBefore(now, 0)) return t('sync.lastContactToday', { time: at });
  if (day === dayBefore(now, 1)) return t('sync.lastContactYesterday', { time: at });
  return t('sync.lastContactOn', { date: formatDate(lastContactAt, language), time: at });
}
