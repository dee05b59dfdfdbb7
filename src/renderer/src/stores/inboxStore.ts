import { create } from 'zustand';
import type {
  InboxFilters,
  InboxQuery,
  InboxRow,
  InboxSort,
  QueueId,
} from '../../../shared/api/types';
import { normalizeFilters } from '../inbox/inboxQuery';
import { DEFAULT_QUEUE } from '../routing/route';

/**
 * Typing pauses shorter than this are one search, not one request per key. Shorter than the gap
 * between two keys of a quick typist, so the list follows each letter read: the core answers a
 * search in 10–38 ms at 1M, and the pause was most of what a keystroke felt (150 ms: p50 182 ms
 * against 88 ms at 60, BENCH_ONLY=felt at 100k).
 */
export const SEARCH_DEBOUNCE_MS = 60;

/**
 * What the clerk chose to see in the inbox and where they are in it. UI state only: the rows,
 * totals and counts are server state, cached by TanStack Query (`inbox/inboxList.ts`).
 */
interface InboxState {
  queue: QueueId;
  filters: InboxFilters;
  /** Undefined: the core's default (relevance when searching, else deadline). */
  sort: InboxSort | undefined;
  /** What the search box shows. */
  search: string;
  /** The search the list asks for: follows `search` after a short pause. */
  listedSearch: string;
  selectedId: string | null;
  /** Rows ticked for a bulk action. */
  checked: ReadonlySet<string>;
  /** Last row ticked or unticked: one end of a shift-click range. */
  anchorId: string | null;

  show(queue: QueueId): void;
  setFilters(filters: InboxFilters): void;
  clearFilters(): void;
  setSort(sort: InboxSort | undefined): void;
  setSearch(text: string): void;
  applyQuery(query: InboxQuery): void;
  select(id: string | null): void;
  /** Moves the current row within the rows on screen. */
  moveSelection(rows: readonly InboxRow[], delta: number): void;
  toggleChecked(rows: readonly InboxRow[], id: string, range?: boolean): void;
  setAllChecked(rows: readonly InboxRow[], on: boolean): void;
  clearChecked(): void;
  /**
   * Fresh rows arrived: a current row that left the list gives way to the one now at its place
   * (the first row for a new list), and a ticked case that left (assigned away, closed) is no
   * longer ticked. `before` is the list the clerk saw until now.
   */
  reconcile(rows: readonly InboxRow[], before: readonly InboxRow[]): void;
}

/** The query the address and saved views describe: what the clerk sees typed. */
export function currentQuery(state: Pick<InboxState, 'queue' | 'filters' | 'sort' | 'search'>) {
  const query: InboxQuery = {
    queue: state.queue,
    filters: state.filters,
    search: state.search.trim(),
  };
  if (state.sort) query.sort = state.sort;
  return query;
}

/** The query the list is fetched for: the search only once the clerk paused typing. */
export function listQuery(
  state: Pick<InboxState, 'queue' | 'filters' | 'sort' | 'listedSearch'>,
): InboxQuery {
  return currentQuery({ ...state, search: state.listedSearch });
}

// The search box's pause before the list follows: a UI timer, not a request counter (answers
// are cached per query, so a late one can never land on another query's rows).
let searchTimer: ReturnType<typeof setTimeout> | undefined;

function cancelPendingSearch() {
  clearTimeout(searchTimer);
  searchTimer = undefined;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

export const useInboxStore = create<InboxState>()((set, get) => {
  /** A change of what the list shows: back to the top, selection cleared, the typed search applied. */
  function changeQuery(patch: Partial<InboxState>) {
    cancelPendingSearch();
    const search = patch.search ?? get().search;
    set({
      ...patch,
      listedSearch: search,
      selectedId: null,
      checked: EMPTY_SET,
      anchorId: null,
    });
  }

  return {
    queue: DEFAULT_QUEUE,
    filters: {},
    sort: undefined,
    search: '',
    listedSearch: '',
    selectedId: null,
    checked: EMPTY_SET,
    anchorId: null,

    show(queue) {
      if (get().queue === queue) return;
      // Filters and search follow the clerk from queue to queue; the chips say so.
      changeQuery({ queue });
    },

    setFilters(filters) {
      changeQuery({ filters: normalizeFilters(filters) });
    },

    clearFilters() {
      changeQuery({ filters: {} });
    },

    setSort(sort) {
      changeQuery({ sort });
    },

    setSearch(text) {
      set({ search: text });
      cancelPendingSearch();
      if (text.trim() === get().listedSearch.trim()) return;
      searchTimer = setTimeout(() => {
        searchTimer = undefined;
        changeQuery({});
      }, SEARCH_DEBOUNCE_MS);
    },

    applyQuery(query) {
      changeQuery({
        queue: query.queue,
        filters: normalizeFilters(query.filters),
        sort: query.sort,
        search: query.search,
      });
    },

    select(id) {
      set({ selectedId: id });
    },

    moveSelection(rows, delta) {
      if (rows.length === 0) return;
      const { selectedId } = get();
      const index = selectedId ? rows.findIndex((row) => row.id === selectedId) : -1;
      const next = Math.min(Math.max(index + delta, 0), rows.length - 1);
      // Moving onto the last loaded rows scrolls the list there, which fetches the next page.
      set({ selectedId: rows[next]?.id ?? null });
    },

    toggleChecked(rows, id, range = false) {
      const { checked, anchorId } = get();
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

    setAllChecked(rows, on) {
      set({ checked: on ? new Set(rows.map((row) => row.id)) : EMPTY_SET, anchorId: null });
    },

    clearChecked() {
      set({ checked: EMPTY_SET, anchorId: null });
    },

    reconcile(rows, before) {
      const { selectedId, checked } = get();
      const ids = new Set(rows.map((row) => row.id));
      const patch: Partial<InboxState> = {};
      if (selectedId === null || !ids.has(selectedId)) {
        const oldIndex = selectedId ? before.findIndex((row) => row.id === selectedId) : -1;
        const next = rows[Math.min(Math.max(oldIndex, 0), rows.length - 1)]?.id ?? null;
        if (next !== selectedId) patch.selectedId = next;
      }
      const stillChecked = [...checked].filter((id) => ids.has(id));
      if (stillChecked.length !== checked.size) patch.checked = new Set(stillChecked);
      if (Object.keys(patch).length > 0) set(patch);
    },
  };
});
