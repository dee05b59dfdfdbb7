import { useQuery } from '@tanstack/react-query';
import type { DocumentContent } from '../../../../shared/api/caseTypes';
import { ApiCallError } from '../../../../shared/api/client';
import type { DocumentStatus } from '../../../../shared/api/syncTypes';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';
import { api } from '../../api/api';
import { apiKey } from '../../api/queries';

export type ContentState =
  /** Still syncing (by its status, or the API said `not_ready`): not an error for the clerk. */
  | { kind: 'downloading'; lastError: string | null }
  /** The download gave up (the sync engine does not retry a failed attachment). */
  | { kind: 'failed'; reason: string | null }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; content: DocumentContent };

/** While the API says « not ready » although the case said « ready », ask again this often. */
const NOT_READY_POLL_MS = 5000;

function isNotReady(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'not_ready';
}

/**
 * The bytes of one attachment through `documents.content`, once its download is done. A status
 * change (pending → ready, pushed by live updates) loads it without the clerk doing anything.
 *
 * Cached under `['documents.content', { id }, sha256]`: the bytes of an id never change unless its
 * checksum does, so they are never fetched again while cached (going back to a file shows it at
 * once), and are let go two minutes after no viewer shows them.
 */
export function useDocumentContent(
  attachment: PortalDocument,
  status: DocumentStatus | undefined,
): { state: ContentState; retry: () => void } {
  // No status row means the case predates download tracking: ask the API, it knows.
  const syncState = status?.state ?? 'ready';
  const { id } = attachment;
  const content = useQuery({
    queryKey: [...apiKey('documents.content', { id }), attachment.sha256] as const,
    queryFn: () => api.call('documents.content', { id }),
    enabled: syncState === 'ready',
    staleTime: Infinity,
    // A few MB each: not kept long once no viewer shows them (the core answers from disk).
    gcTime: 2 * 60_000,
    refetchInterval: (query) => (isNotReady(query.state.error) ? NOT_READY_POLL_MS : false),
  });

  const retry = () => void content.refetch();
  if (content.data) return { state: { kind: 'ready', content: content.data }, retry };
  if (syncState === 'failed') {
    return { state: { kind: 'failed', reason: status?.lastError ?? null }, retry };
  }
  if (syncState !== 'ready' || (content.isError && isNotReady(content.error))) {
    return { state: { kind: 'downloading', lastError: status?.lastError ?? null }, retry };
  }
  // A retry shows as loading again, not as the previous failure.
  if (content.isError && !content.isFetching) {
    return { state: { kind: 'error', error: content.error }, retry };
  }
  return { state: { kind: 'loading' }, retry };
}
