import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CaseSignals, LinkedSignal } from '../../../shared/api/linkedTypes';
import type { InboxRow } from '../../../shared/api/types';
import { api } from '../api/api';
import { apiKey } from '../api/queries';

/** Rows asked for at once: a screen and its overscan fit in one or two requests. */
export const SIGNAL_CHUNK = 100;

const NONE: ReadonlyMap<string, readonly LinkedSignal[]> = new Map();

/**
 * The warning signals of the rows in view (issue 20 §2), batched: the list is cut in chunks of
 * 100 rows from its top and each chunk in view (or overscanned) is one `cases.signals` request,
 * cached under its ids like every read (`['cases.signals', { ids }]`) — never a request per row,
 * and scrolling back finds the chunks read. The core's events refetch them with the lists
 * (liveInvalidation's CASE_LIST_METHODS): a card revoked elsewhere shows at the next refresh.
 * A row whose chunk is not read yet has no mark; it never waits for it.
 */
export function useRowSignals(
  rows: readonly InboxRow[],
  firstIndex: number,
  lastIndex: number,
): ReadonlyMap<string, readonly LinkedSignal[]> {
  const chunks = useMemo(() => {
    const list: string[][] = [];
    if (rows.length === 0 || lastIndex < 0) return list;
    const first = Math.floor(Math.max(0, firstIndex) / SIGNAL_CHUNK);
    const last = Math.floor(Math.min(lastIndex, rows.length - 1) / SIGNAL_CHUNK);
    for (let chunk = first; chunk <= last; chunk++) {
      list.push(rows.slice(chunk * SIGNAL_CHUNK, (chunk + 1) * SIGNAL_CHUNK).map((row) => row.id));
    }
    return list;
  }, [rows, firstIndex, lastIndex]);

  return useQueries({
    queries: chunks.map((ids) => ({
      queryKey: apiKey('cases.signals', { ids }),
      queryFn: () => api.call('cases.signals', { ids }),
      // Like the list: never stale by age, only by the core's events and our own changes.
      staleTime: Infinity,
    })),
    combine: combineSignals,
  });
}

// Outside the hook so that TanStack Query keeps the combined map while the answers do not change:
// each row's list stays the same object and the memoised rows do not render again.
function combineSignals(
  results: readonly { data?: CaseSignals }[],
): ReadonlyMap<string, readonly LinkedSignal[]> {
  const found = results.filter((result) => result.data !== undefined);
  if (found.length === 0) return NONE;
  const map = new Map<string, readonly LinkedSignal[]>();
  for (const { data } of found) {
    for (const [id, signals] of Object.entries(data!)) {
      if (signals.length > 0) map.set(id, signals);
    }
  }
  return map;
}
