import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type InfiniteData,
} from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { InboxPage, InboxQuery, InboxRow, QueueId } from '../../../shared/api/types';
import { totalCapFor } from '../../../shared/api/types';
import { api } from '../api/api';
import { apiKey } from '../api/queries';
import { queryClient } from '../api/queryClient';
import { currentQuery, listQuery, useInboxStore } from '../stores/inboxStore';
import { hasFilters, queryKey } from './inboxQuery';

const FIRST_PAGE = 100;
const NEXT_PAGE = 250;

/** A page of the list, with the query it answers (the rows on screen may be the previous one's). */
export interface ListedPage extends InboxPage {
  query: InboxQuery;
}

/** The size of a list (`inbox.total`), with the query it counts and where counting stops. */
export interface ListedTotal {
  query: InboxQuery;
  value: number;
  /** The count stops past it (searched or filtered lists); null for a queue's exact tally. */
  cap: number | null;
}

interface PageParam {
  cursor: string | null;
  limit: number;
}

/**
 * The inbox's pages, cached under `['inbox.list', query]` and fetched by keyset cursor. While
 * another query loads, the previous rows stay on screen (dimmed) instead of flashing empty. The
 * core's events refetch it (`liveInvalidation.ts`); a refetch reloads as many pages as were
 * loaded, so the list does not shrink under the clerk's eyes. Never stale by age: only events
 * and our own changes make it so, like the queue counts.
 */
export function inboxListOptions(query: InboxQuery) {
  return infiniteQueryOptions({
    queryKey: apiKey('inbox.list', query),
    queryFn: async ({ pageParam }): Promise<ListedPage> => ({
      ...(await api.call('inbox.list', { ...query, ...pageParam })),
      query,
    }),
    initialPageParam: { cursor: null, limit: FIRST_PAGE } as PageParam,
    getNextPageParam: (last): PageParam | undefined =>
      last.nextCursor === null ? undefined : { cursor: last.nextCursor, limit: NEXT_PAGE },
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function inboxTotalOptions(query: InboxQuery) {
  return queryOptions({
    queryKey: apiKey('inbox.total', query),
    queryFn: async (): Promise<ListedTotal> => {
      const value = await api.call('inbox.total', query);
      const counted = query.search.trim() !== '' || hasFilters(query.filters);
      return { query, value, cap: counted ? totalCapFor(query) : null };
    },
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

const flatten = (data: InfiniteData<ListedPage> | undefined): InboxRow[] =>
  data ? data.pages.flatMap((page) => page.rows) : [];

/**
 * The rows the inbox shows now, for code outside React (keyboard shortcuts, the next case after
 * a decision). Empty while a new query's first page is on its way.
 */
export function shownInboxRows(): InboxRow[] {
  return shownInboxList().rows;
}

/** The rows the inbox shows now, and whether the list goes on past them (more pages to load). */
export function shownInboxList(): { rows: InboxRow[]; hasMore: boolean } {
  const query = listQuery(useInboxStore.getState());
  const data = queryClient.getQueryData(inboxListOptions(query).queryKey);
  const last = data?.pages[data.pages.length - 1];
  return { rows: flatten(data), hasMore: last !== undefined && last.nextCursor !== null };
}

/** The count line above the list: exact, capped, or what is loaded so far. */
export interface InboxTotal {
  exact: boolean;
  value: number;
  cap?: number;
  capped?: boolean;
}

/** The inbox list of the queue in the address, as the view shows it. */
export function useInboxList(routeQueue: QueueId) {
  const query = useInboxStore(useShallow(listQuery));
  const typedKey = useInboxStore((state) => queryKey(currentQuery(state)));
  const typing = useInboxStore((state) => state.search.trim() !== state.listedSearch.trim());
  // The address may already point at another queue while the store still holds the old one.
  const current = query.queue === routeQueue;
  const list = useInfiniteQuery({ ...inboxListOptions(query), enabled: current });
  const totalQuery = useQuery({ ...inboxTotalOptions(query), enabled: current });

  const rows = useMemo(() => flatten(list.data), [list.data]);
  const lastPage = list.data?.pages[list.data.pages.length - 1];
  const hasMore = lastPage !== undefined && lastPage.nextCursor !== null;
  const shownQuery = list.data?.pages[0]?.query ?? null;
  // Another queue's rows are not shown while this one loads (filters and search keep them).
  // The render in which the address already names the new queue but the store does not yet is
  // never painted (useInboxUrl follows the address before paint): it keeps the table as it is,
  // so that a queue already loaded is drawn into the same table (issue 18 §3).
  const otherQueue = shownQuery !== null && shownQuery.queue !== query.queue;
  const phase: 'loading' | 'error' | 'ready' = otherQueue
    ? 'loading'
    : list.data === undefined
      ? list.isError
        ? 'error'
        : 'loading'
      : 'ready';
  const stale = list.isPlaceholderData || typing;

  const canLoadMore = hasMore && !list.isFetching && !list.isPlaceholderData;
  const { fetchNextPage, refetch } = list;
  // A new function once a refetch ends, so the table asks again for a page it was refused.
  const loadMore = useCallback(() => {
    if (canLoadMore) void fetchNextPage({ cancelRefetch: false });
  }, [canLoadMore, fetchNextPage]);
  const retry = useCallback(() => void refetch(), [refetch]);

  const counted = totalQuery.data;
  const countsTyped = counted !== undefined && queryKey(counted.query) === typedKey;
  const total: InboxTotal | null =
    phase !== 'ready'
      ? null
      : counted && (countsTyped || stale)
        ? {
            exact: true,
            value: counted.value,
            // Only searched or filtered lists are counted up to a cap (queues use tallies); the
            // cap is the one of the query counted, which may still be on screen while another loads.
            ...(counted.cap === null
              ? {}
              : { cap: counted.cap, capped: counted.value > counted.cap }),
          }
        : { exact: !hasMore, value: rows.length };

  return {
    query,
    phase,
    error: list.error,
    rows,
    /** The query the rows on screen answer (empty states quote its search). */
    shownQuery,
    rankedBy: list.data?.pages[0]?.rankedBy ?? null,
    /** The query changed and the previous rows stay on screen until the answer arrives. */
    stale,
    hasMore,
    loadingMore: list.isFetchingNextPage,
    /** A next page that failed: shown under the rows with a retry. */
    moreError: list.isFetchNextPageError ? list.error : null,
    total,
    /** The count or the rows do not answer what the clerk typed yet. */
    busy: phase === 'ready' && (stale || !countsTyped),
    loadMore,
    retry,
  };
}
