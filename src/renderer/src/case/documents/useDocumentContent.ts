import { useEffect, useState } from 'react';
import type { DocumentContent } from '../../../../shared/api/caseTypes';
import { ApiCallError } from '../../../../shared/api/client';
import type { DocumentStatus } from '../../../../shared/api/syncTypes';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';
import { api } from '../../api/api';

export type ContentState =
  /** Still syncing (by its status, or the API said `not_ready`): not an error for the clerk. */
  | { kind: 'downloading'; lastError: string | null }
  /** The download gave up (the sync engine does not retry a failed attachment). */
  | { kind: 'failed'; reason: string | null }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; content: DocumentContent };

/** Opened attachments of the case on screen, so going back to one does not fetch it again. */
export class ContentCache {
  private readonly entries = new Map<string, DocumentContent>();
  constructor(private readonly capacity: number) {}
  /** The bytes of an id never change unless its checksum does. */
  static keyOf(attachment: PortalDocument): string {
    return `${attachment.id}:${attachment.sha256}`;
  }
  get(key: string): DocumentContent | undefined {
    return this.entries.get(key);
  }
  put(key: string, content: DocumentContent): void {
    this.entries.delete(key);
    this.entries.set(key, content);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** While the API says « not ready » although the case said « ready », ask again this often. */
const NOT_READY_POLL_MS = 5000;

type Outcome = { kind: 'ready'; content: DocumentContent } | { kind: 'error'; error: unknown };

function isNotReady(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'not_ready';
}

/**
 * The bytes of one attachment through `documents.content`, once its download is done. A status
 * change (pending → ready, pushed by live updates) loads it without the clerk doing anything.
 */
export function useDocumentContent(
  attachment: PortalDocument,
  status: DocumentStatus | undefined,
  cache: ContentCache,
): { state: ContentState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; outcome: Outcome } | null>(null);
  // No status row means the case predates download tracking: ask the API, it knows.
  const syncState = status?.state ?? 'ready';
  const { id } = attachment;
  const cacheKey = ContentCache.keyOf(attachment);
  const cached = cache.get(cacheKey);
  const shouldLoad = syncState === 'ready' && !cached;
  const key = `${cacheKey}:${syncState}:${attempt}`;

  useEffect(() => {
    if (!shouldLoad) return;
    let cancelled = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    api.call('documents.content', { id }).then(
      (content) => {
        if (cancelled) return;
        cache.put(cacheKey, content);
        setResult({ key, outcome: { kind: 'ready', content } });
      },
      (error: unknown) => {
        if (cancelled) return;
        setResult({ key, outcome: { kind: 'error', error } });
        if (isNotReady(error)) poll = setTimeout(() => setAttempt((n) => n + 1), NOT_READY_POLL_MS);
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(poll);
    };
  }, [cache, cacheKey, id, key, shouldLoad]);

  const retry = () => setAttempt((n) => n + 1);
  if (cached) return { state: { kind: 'ready', content: cached }, retry };
  if (syncState === 'failed') {
    return { state: { kind: 'failed', reason: status?.lastError ?? null }, retry };
  }
  if (syncState !== 'ready') {
    return { state: { kind: 'downloading', lastError: status?.lastError ?? null }, retry };
  }
  // A result for an earlier attempt or state still shows as loading, never as stale content.
  if (!result || result.key !== key) {
    // Keep the « downloading » state on screen while polling after `not_ready`.
    if (result && result.outcome.kind === 'error' && isNotReady(result.outcome.error)) {
      return { state: { kind: 'downloading', lastError: null }, retry };
    }
    return { state: { kind: 'loading' }, retry };
  }
  if (result.outcome.kind === 'ready') return { state: result.outcome, retry };
  if (isNotReady(result.outcome.error)) {
    return { state: { kind: 'downloading', lastError: null }, retry };
  }
  return { state: { kind: 'error', error: result.outcome.error }, retry };
}
