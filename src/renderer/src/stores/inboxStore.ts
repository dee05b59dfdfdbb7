import { create } from 'zustand';
import type {
  InboxFilterOptions,
  InboxFilters,
  InboxPage,
  InboxQuery,
  InboxRow,
  InboxSort,
  QueueCounts,
  QueueId,
} from '../../../shared/api/types';
import { totalCapFor } from '../../../shared/api/types';
import { api } from '../api/api';
import { hasFilters, normalizeFilters, queryKey } from '../inbox/inboxQuery';
import { DEFAULT_QUEUE } from '../routing/route';

const FIRST_PAGE = 100;
const NEXT_PAGE = 250;
const REFRESH_PAGE = 500;
/** Typing pauses shorter than this are one search, not one request per key. */
export const SEARCH_DEBOUNCE_MS = 150;

interface InboxState {
  queue: QueueId;
  filters: InboxFilters;
  /** Undefined: the core's default (relevance when searching, else deadline). */
  sort: InboxSort | undefined;
  /** What the search box shows; requests follow it after a short pause. */
  search: string;
  /** The query the rows on screen answer (empty states quote its search). */
  shownQuery: InboxQuery | null;
  rows: InboxRow[];
  nextCursor: string | null;
  /** How a search without a sort is ordered (the core lists a broad search by deadline). */
  rankedBy: InboxPage['rankedBy'] | null;
  /** State of the first page; later pages only toggle `loadingMore`. */
  phase: 'idle' | 'loading' | 'ready' | 'error';
  /** The query changed and rows of the previous one stay on screen until the answer arrives. */
  stale: boolean;
  /** Bumped each time page 1 replaces the rows, so the table starts again from the top. */
  listVersion: number;
  loadingMore: boolean;
  error: unknown;
  selectedId: string | null;
  /** Rows ticked for a bulk action. */
  checked: ReadonlySet<string>;
  /** Last row ticked or unticked: one end of a shift-click range. */
  anchorId: string | null;
  /** Kept so that coming back from a case lands where the clerk left the list. */
  scrollTop: number;
  counts: QueueCounts | null;
  /** Exact size of the list for a query (`inbox.total`), keyed by that query. */
  /** `cap`: the count stops past it (searched or filtered lists); null for an exact tally. */
  total: { key: string; value: number; cap: number | null } | null;
  /** Offices, regions and agents the filter menus offer. */
  filterOptions: InboxFilterOptions | null;

  loadFilterOptions(): Promise<void>;
  show(queue: QueueId): void;
  setFilters(filters: InboxFilters): void;
  clearFilters(): void;
  setSort(sort: InboxSort | undefined): void;
  setSearch(text: string): void;
  applyQuery(query: InboxQuery): void;
  reload(options?: { keepRows?: boolean }): Promise<void>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  select(id: string | null): void;
  moveSelection(delta: number): void;
  toggleChecked(id: string, range?: boolean): void;
  setAllChecked(on: boolean): void;
  clearChecked(): void;
  loadCounts(): Promise<void>;
  setCounts(counts: QueueCounts): void;
  saveScroll(top: number): void;
}

export function currentQuery(state: Pick<InboxState, 'queue' | 'filters' | 'sort' | 'search'>) {
  const query: InboxQuery = {
    queue: state.queue,
    filters: state.filters,
    search: state.search.trim(),
  };
  if (state.sort) query.sort = state.sort;
  return query;
}

// Every list request carries the generation it was made for; a query change or a refresh starts a
// new generation and answers from older ones are dropped, so a slow answer to « ko » never
// overwrites the answer to « kodjo ».
let generation = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;

function cancelPendingSearch() {
  clearTimeout(searchTimer);
  searchTimer = undefined;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

export const useInboxStore = create<InboxState>()((set, get) => {
  /** A change of what the list shows: back to the top, selection cleared, page 1 fetched. */
  function changeQuery(patch: Partial<InboxState>, keepRows: boolean) {
    cancelPendingSearch();
    set({ ...patch, selectedId: null, scrollTop: 0, checked: EMPTY_SET, anchorId: null });
    void get().reload({ keepRows });
  }

  async function loadTotal(query: InboxQuery) {
    const key = queryKey(query);
    try {
      const value = await api.call('inbox.total', query);
      const counted = query.search.trim() !== '' || hasFilters(query.filters);
      const cap = counted ? totalCapFor(query) : null;
      if (queryKey(currentQuery(get())) === key) set({ total: { key, value, cap } });
    } catch {
      // The count line falls back to the loaded rows; the list reports errors itself.
    }
  }

  return {
    queue: DEFAULT_QUEUE,
    filters: {},
    sort: undefined,
    search: '',
    shownQuery: null,
    rows: [],
    nextCursor: null,
    rankedBy: null,
    phase: 'idle',
    stale: false,
    listVersion: 0,
    loadingMore: false,
    error: null,
    selectedId: null,
    checked: EMPTY_SET,
    anchorId: null,
    scrollTop: 0,
    counts: null,
    total: null,
    filterOptions: null,

    async loadFilterOptions() {
      try {
        set({ filterOptions: await api.call('inbox.filterOptions', {}) });
      } catch {
        // The menus stay empty; procedure, status and deadline filters still work.
      }
    },

    show(queue) {
      const state = get();
      if (state.queue === queue && state.phase !== 'idle') return;
      // Filters and search follow the clerk from queue to queue; the chips say so.
      changeQuery({ queue }, false);
    },

    setFilters(filters) {
      changeQuery({ filters: normalizeFilters(filters) }, true);
    },

    clearFilters() {
      changeQuery({ filters: {} }, true);
    },

    setSort(sort) {
      changeQuery({ sort }, true);
    },

    setSearch(text) {
      const before = get().search.trim();
      set({ search: text });
      if (text.trim() === before && !searchTimer) return;
      cancelPendingSearch();
      set({ stale: get().phase === 'ready' });
      searchTimer = setTimeout(() => {
        searchTimer = undefined;
        const shown = get().shownQuery;
        if (shown && queryKey(shown) === queryKey(currentQuery(get()))) {
          set({ stale: false });
          return;
        }
        changeQuery({}, true);
      }, SEARCH_DEBOUNCE_MS);
    },

    applyQuery(query) {
      changeQuery(
        {
          queue: query.queue,
          filters: normalizeFilters(query.filters),
          sort: query.sort,
          search: query.search,
        },
        false,
      );
    },

    async reload(options) {
      const mine = ++generation;
      const query = currentQuery(get());
      const keepRows = options?.keepRows === true && get().phase === 'ready';
      set(
        keepRows
          ? { stale: true, error: null, loadingMore: false }
          : {
              phase: 'loading',
              stale: false,
              rows: [],
              nextCursor: null,
              error: null,
              loadingMore: false,
            },
      );
      void loadTotal(query);
      try {
        const page = await api.call('inbox.list', { ...query, cursor: null, limit: FIRST_PAGE });
        if (mine !== generation) return;
        set({
          phase: 'ready',
          stale: false,
          shownQuery: query,
          rows: page.rows,
          nextCursor: page.nextCursor,
          rankedBy: page.rankedBy ?? null,
          listVersion: get().listVersion + 1,
          selectedId: get().selectedId ?? page.rows[0]?.id ?? null,
        });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', stale: false, error });
      }
    },

    async loadMore() {
      const { nextCursor, loadingMore, phase, stale, shownQuery } = get();
      if (!nextCursor || loadingMore || phase !== 'ready' || stale || !shownQuery) return;
      const mine = generation;
      set({ loadingMore: true, error: null });
      try {
        const page = await api.call('inbox.list', {
          ...shownQuery,
          cursor: nextCursor,
          limit: NEXT_PAGE,
        });
        if (mine !== generation) return;
        set({
          rows: [...get().rows, ...page.rows],
          nextCursor: page.nextCursor,
          loadingMore: false,
        });
      } catch (error) {
        if (mine === generation) set({ loadingMore: false, error });
      }
    },

    async refresh() {
      const { rows, phase, selectedId, stale, shownQuery, checked } = get();
      // A pending query change will fetch fresh rows anyway.
      if (phase !== 'ready' || stale || searchTimer || !shownQuery) return;
      const mine = ++generation;
      void loadTotal(shownQuery);
      // Reload as deep as the clerk had scrolled, so the list does not shrink under their eyes.
      const depth = Math.max(rows.length, FIRST_PAGE);
      const fresh: InboxRow[] = [];
      let cursor: string | null = null;
      try {
        do {
          const limit = Math.min(REFRESH_PAGE, Math.max(depth - fresh.length, FIRST_PAGE));
          const page: InboxPage = await api.call('inbox.list', { ...shownQuery, cursor, limit });
          if (mine !== generation) return;
          fresh.push(...page.rows);
          cursor = page.nextCursor;
        } while (cursor && fresh.length < depth);
      } catch {
        // Keep what is on screen; the sync indicator already tells why the data may be stale.
        if (mine === generation) set({ loadingMore: false });
        return;
      }
      const oldIndex = selectedId ? rows.findIndex((row) => row.id === selectedId) : -1;
      const freshIds = new Set(fresh.map((row) => row.id));
      const nextSelected =
        selectedId !== null && freshIds.has(selectedId)
          ? selectedId
          : (fresh[Math.min(Math.max(oldIndex, 0), fresh.length - 1)]?.id ?? null);
      // A ticked case that left the list (assigned away, closed) is no longer ticked.
      const stillChecked = [...checked].filter((id) => freshIds.has(id));
      set({
        rows: fresh,
        nextCursor: cursor,
        loadingMore: false,
        error: null,
        selectedId: nextSelected,
        ...(stillChecked.length === checked.size ? {} : { checked: new Set(stillChecked) }),
      });
    },

    select(id) {
      set({ selectedId: id });
    },

    moveSelection(delta) {
      const { rows, selectedId } = get();
      if (rows.length === 0) return;
      const index = selectedId ? rows.findIndex((row) => row.id === selectedId) : -1;
      const next = Math.min(Math.max(index + delta, 0), rows.length - 1);
      set({ selectedId: rows[next]?.id ?? null });
      // Moving onto the last loaded rows fetches the next page, as scrolling would.
      if (next >= rows.length - 5) void get().loadMore();
    },

    toggleChecked(id, range = false) {
      const { rows, checked, anchorId } = get();
      const on = !checked.has(id);
      const next = new Set(checked);
      const to = rows.findIndex((row) => row.id === id);
      const from = range && anchorId ? rows.findIndex((row) => row.id === anchorId) : -1;
      if (from >= 0 && to >= 0) {
        for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
          const rowId = rows[index]?.id;
          if (rowId === undefined) continue;
          if (on) next.add(rowId);
          else next.delete(rowId);
        }
      } else if (on) next.add(id);
      else next.delete(id);
      set({ checked: next, anchorId: id });
    },

    setAllChecked(on) {
      set({ checked: on ? new Set(get().rows.map((row) => row.id)) : EMPTY_SET, anchorId: null });
    },

    clearChecked() {
      set({ checked: EMPTY_SET, anchorId: null });
    },

    async loadCounts() {
      try {
        set({ counts: await api.call('inbox.counts', {}) });
      } catch {
        // Counts are a convenience; the list itself reports errors.
      }
    },

    setCounts(counts) {
      set({ counts });
    },

    saveScroll(top) {
      set({ scrollTop: top });
    },
  };
});
