import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../shared/api/types';
import { formatRelative, formatSince } from '../format/dates';
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
