import { useIsMutating, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SyncStatus } from '../../../shared/api/types';
import { apiKey, methodKey, useApiMutation, useApiQuery } from '../api/queries';

/** The sync status, cached under `['sync.status', {}]`; `sync.progress` events write it directly. */
export const SYNC_STATUS_KEY = apiKey('sync.status', {});

/**
 * The sync status the header shows: fetched once when the desk opens, then kept current by the
 * core's `sync.progress` events (`liveInvalidation.ts`) and by the answer to « Synchroniser
 * maintenant ».
 */
export function useSyncStatus() {
  return useApiQuery('sync.status', {});
}

/** A status pushed by the core or returned by a run replaces the cached one, without a request. */
export function adoptSyncStatus(client: QueryClient, status: SyncStatus): void {
  client.setQueryData(SYNC_STATUS_KEY, status);
}

/**
 * A change that moves the sync counters (a conflict resolved, its queued actions cancelled): the
 * indicator fetches them afresh.
 */
export function refreshSyncStatus(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: SYNC_STATUS_KEY });
}

/** « Synchroniser maintenant »: resolves with the status after the run (the cache takes it too). */
export function useSyncNow() {
  const client = useQueryClient();
  return useApiMutation('sync.now', {
    onSuccess: (status) => adoptSyncStatus(client, status),
  });
}

/** A « Synchroniser maintenant » is under way, from whichever button asked. */
export function useSyncRequested(): boolean {
  return useIsMutating({ mutationKey: methodKey('sync.now') }) > 0;
}
