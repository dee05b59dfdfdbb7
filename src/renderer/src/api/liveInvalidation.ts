import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../shared/api/client';
import type { MethodName } from '../../../shared/api/contract';
import { apiKey, methodKey } from './queries';
import { queryClient as appQueryClient } from './queryClient';

/** The reads that follow every case: refetched together when cases change, whatever their input. */
export const CASE_LIST_METHODS: readonly MethodName[] = [
  'inbox.list',
  'inbox.total',
  'inbox.counts',
  'certificates.list',
  'dashboard.summary',
  // « À régulariser » and the outbox view follow every case change (issue 17).
  'sync.worklist',
  'sync.worklistCount',
  'sync.outbox',
  // The inbox rows' warning signals rest on other cases (issue 20 §2).
  'cases.signals',
];

/**
 * Our own change moved cases (an assignment, a bulk issue): the lists and counts follow at once,
 * without waiting for the `cases.changed` event.
 */
export function invalidateCaseLists(queryClient: QueryClient = appQueryClient): void {
  for (const method of CASE_LIST_METHODS) {
    void queryClient.invalidateQueries({ queryKey: methodKey(method) });
  }
}

export interface LiveInvalidationOptions {
  /** The signed-in user: a `notifications.changed` naming them refetches their notifications. */
  userId?: string | null;
  /** A burst of changes is refetched once it has been quiet this long… */
  quietMs?: number;
  /** …or after this long at most, so a long sync still shows progress every few seconds. */
  maxWaitMs?: number;
}

/**
 * The one place where the core's events become cache updates and invalidations. A sync status is
 * written as it comes (the indicator needs no request). An open case that changed
 * (the applicant replied, a colleague claimed it) is refetched at once; a sync pours in many
 * changes at once, so the lists are refetched after a pause, with a ceiling. Only reads on screen
 * are refetched; the others are marked stale and refetched when next shown.
 */
export function connectLiveInvalidation(
  client: Pick<ApiClient, 'on'>,
  queryClient: QueryClient,
  options: LiveInvalidationOptions = {},
): () => void {
  const quietMs = options.quietMs ?? 600;
  const maxWaitMs = options.maxWaitMs ?? 3_000;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt: number | null = null;

  const flush = () => {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    firstPendingAt = null;
    invalidateCaseLists(queryClient);
  };
  const schedule = () => {
    const now = Date.now();
    firstPendingAt ??= now;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(
      flush,
      Math.min(quietMs, Math.max(0, firstPendingAt + maxWaitMs - now)),
    );
  };

  let lastPulled: number | null = null;
  let lastPhase: string | null = null;
  let lastCutOff: boolean | null = null;
  const offProgress = client.on('sync.progress', (status) => {
    // The status itself is the sync indicator's answer: no request needed.
    queryClient.setQueryData(apiKey('sync.status', {}), status);
    // Cut off from the portal, or back: what a case allows changes without the case changing (an
    // enrolled desk's claims and decisions become provisional), so every case is read again —
    // the one on screen at once, the others when next shown.
    const cutOff = status.phase === 'offline' || status.phase === 'paused';
    if (lastCutOff !== null && cutOff !== lastCutOff) {
      void queryClient.invalidateQueries({ queryKey: methodKey('cases.get') });
    }
    lastCutOff = cutOff;
    // New records pulled, or a sync just ended: the lists may have changed.
    if (status.pulled !== lastPulled || (lastPhase === 'syncing' && status.phase !== 'syncing')) {
      schedule();
    }
    lastPulled = status.pulled;
    lastPhase = status.phase;
  });
  const offChanged = client.on('cases.changed', ({ ids }) => {
    for (const id of ids) {
      void queryClient.invalidateQueries({ queryKey: apiKey('cases.get', { id }) });
      // An open case's certificate changes with it (issued, revoked, reprinted elsewhere).
      void queryClient.invalidateQueries({
        queryKey: apiKey('certificates.forCase', { caseId: id }),
      });
      // And its letters: a decision taken here or on another desk adds one.
      void queryClient.invalidateQueries({ queryKey: apiKey('letters.forCase', { caseId: id }) });
    }
    // What an open case's linked records say rests on other cases (a card revoked, a duplicate
    // marked, a case decided): any change may concern it. Only the one on screen is read again.
    void queryClient.invalidateQueries({ queryKey: methodKey('cases.linked') });
    schedule();
  });
  // Attachments downloaded: only the cases that show them are read again, not the lists.
  const offDocuments = client.on('documents.changed', ({ caseIds }) => {
    const ids = new Set(caseIds);
    void queryClient.invalidateQueries({
      queryKey: methodKey('cases.get'),
      predicate: (query) => ids.has((query.queryKey[1] as { id?: string } | undefined)?.id ?? ''),
    });
  });
  const offNotifications = client.on('notifications.changed', ({ userIds }) => {
    if (options.userId && userIds.includes(options.userId)) {
      void queryClient.invalidateQueries({ queryKey: apiKey('notifications.list', {}) });
    }
  });
  return () => {
    clearTimeout(quietTimer);
    offProgress();
    offChanged();
    offDocuments();
    offNotifications();
  };
}
