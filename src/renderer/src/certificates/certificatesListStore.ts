import { create } from 'zustand';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';

const PAGE_SIZE = 50;

interface CertificatesListState {
  /** What the clerk typed (the list follows after a short pause). */
  search: string;
  /** The search the rows on screen answer, for the empty state. */
  shownSearch: string;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  rows: CertificateSummary[];
  total: number | null;
  nextCursor: string | null;
  loadingMore: boolean;
  /** A new search is on its way while the previous rows stay shown. */
  refreshing: boolean;
  error: unknown;
  setSearch(search: string): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

let request = 0;

/** The certificates list: one search, pages by keyset cursor (« Charger plus »). */
export const useCertificatesListStore = create<CertificatesListState>()((set, get) => ({
  search: '',
  shownSearch: '',
  phase: 'idle',
  rows: [],
  total: null,
  nextCursor: null,
  loadingMore: false,
  refreshing: false,
  error: null,
  setSearch(search) {
    set({ search });
  },
  async load() {
    const mine = ++request;
    const search = get().search.trim();
    // Rows of the previous search stay on screen until the answer arrives (no flashing skeleton).
    set((state) =>
      state.phase === 'ready'
        ? { refreshing: true, error: null }
        : { phase: 'loading', refreshing: false, error: null },
    );
    try {
      const page = await api.call('certificates.list', { search, cursor: null, limit: PAGE_SIZE });
      if (mine !== request) return;
      set({
        phase: 'ready',
        refreshing: false,
        rows: page.rows,
        total: page.total,
        nextCursor: page.nextCursor,
        shownSearch: search,
      });
    } catch (error) {
      if (mine === request) set({ phase: 'error', refreshing: false, error });
    }
  },
  async loadMore() {
    const { nextCursor, loadingMore, phase, shownSearch } = get();
    if (!nextCursor || loadingMore || phase !== 'ready') return;
    const mine = request;
    set({ loadingMore: true, error: null });
    try {
      const page = await api.call('certificates.list', {
        search: shownSearch,
        cursor: nextCursor,
        limit: PAGE_SIZE,
      });
      if (mine !== request) return;
      set({
        rows: [...get().rows, ...page.rows],
        total: page.total,
        nextCursor: page.nextCursor,
      });
    } catch (error) {
      if (mine === request) set({ error });
    } finally {
      set({ loadingMore: false });
    }
  },
}));
