import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { create } from 'zustand';
import type { CertificatePage } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';
import { apiKey } from '../api/queries';

const PAGE_SIZE = 50;

/** What the clerk typed in the certificates search (kept when they open a case and come back). */
export const useCertificatesSearchStore = create<{
  search: string;
  setSearch(search: string): void;
}>()((set) => ({
  search: '',
  setSearch: (search) => set({ search }),
}));

interface ListedCertificates extends CertificatePage {
  /** The search this page answers (the rows on screen may be the previous search's). */
  search: string;
}

/**
 * The certificates list for one search, cached under `['certificates.list', { search }]`, pages by
 * keyset cursor (« Charger plus »). Rows of the previous search stay on screen until the answer
 * arrives (no flashing skeleton).
 */
export function useCertificatesList(typed: string) {
  const search = typed.trim();
  const list = useInfiniteQuery({
    queryKey: apiKey('certificates.list', { search }),
    queryFn: async ({ pageParam }): Promise<ListedCertificates> => ({
      ...(await api.call('certificates.list', { search, cursor: pageParam, limit: PAGE_SIZE })),
      search,
    }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.rows) ?? [], [list.data]);
  const pages = list.data?.pages ?? [];
  const last = pages[pages.length - 1];
  return {
    phase:
      list.data !== undefined
        ? 'ready'
        : list.isError
          ? 'error'
          : ('loading' as 'ready' | 'error' | 'loading'),
    error: list.error,
    rows,
    total: last?.total ?? null,
    hasMore: last !== undefined && last.nextCursor !== null,
    /** The search the rows on screen answer, for the empty state. */
    shownSearch: pages[0]?.search ?? search,
    /** A new search is on its way while the previous rows stay shown. */
    refreshing: list.isPlaceholderData,
    loadingMore: list.isFetchingNextPage,
    moreError: list.isFetchNextPageError ? list.error : null,
    retry: () => void list.refetch(),
    loadMore: () => {
      if (!list.isFetching) void list.fetchNextPage();
    },
  };
}
