import { create } from 'zustand';
import type { InboxPage, InboxRow, QueueCounts, QueueId } from '../../../shared/api/types';
import { api } from '../api/api';
import { DEFAULT_QUEUE } from '../routing/route';

const FIRST_PAGE = 100;
const NEXT_PAGE = 250;
const REFRESH_PAGE = 500;

interface InboxState {
  queue: QueueId;
  procedureCode: string | null;
  rows: InboxRow[];
  nextCursor: string | null;
  /** State of the first page; later pages only toggle `loadingMore`. */
  phase: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: unknown;
  selectedId: string | null;
  /** Kept so that coming back from a case lands where the clerk left the list. */
  scrollTop: number;
  counts: QueueCounts | null;

  show(queue: QueueId): void;
  setProcedure(code: string | null): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  select(id: string | null): void;
  moveSelection(delta: number): void;
  loadCounts(): Promise<void>;
  setCounts(counts: QueueCounts): void;
  saveScroll(top: number): void;
}

// Every list request carries the generation it was made for; a queue or filter change, or a
// refresh, starts a new generation and answers from older ones are dropped.
let generation = 0;

const listInput = (
  queue: QueueId,
  procedureCode: string | null,
  cursor: string | null,
  limit: number,
) => ({ queue, cursor, limit, ...(procedureCode ? { procedureCode } : {}) });

export const useInboxStore = create<InboxState>()((set, get) => ({
  queue: DEFAULT_QUEUE,
  procedureCode: null,
  rows: [],
  nextCursor: null,
  phase: 'idle',
  loadingMore: false,
  error: null,
  selectedId: null,
  scrollTop: 0,
  counts: null,

  show(queue) {
    const state = get();
    if (state.queue === queue && state.phase !== 'idle') return;
    set({ queue, selectedId: null, scrollTop: 0 });
    void get().reload();
  },

  setProcedure(code) {
    if (get().procedureCode === code) return;
    set({ procedureCode: code, selectedId: null, scrollTop: 0 });
    void get().reload();
  },

  async reload() {
    const mine = ++generation;
    const { queue, procedureCode } = get();
    set({ phase: 'loading', rows: [], nextCursor: null, error: null, loadingMore: false });
    try {
      const page = await api.call('inbox.list', listInput(queue, procedureCode, null, FIRST_PAGE));
      if (mine !== generation) return;
      set({
        phase: 'ready',
        rows: page.rows,
        nextCursor: page.nextCursor,
        selectedId: get().selectedId ?? page.rows[0]?.id ?? null,
      });
    } catch (error) {
      if (mine === generation) set({ phase: 'error', error });
    }
  },

  async loadMore() {
    const { queue, procedureCode, nextCursor, loadingMore, phase } = get();
    if (!nextCursor || loadingMore || phase !== 'ready') return;
    const mine = generation;
    set({ loadingMore: true, error: null });
    try {
      const page = await api.call(
        'inbox.list',
        listInput(queue, procedureCode, nextCursor, NEXT_PAGE),
      );
      if (mine !== generation) return;
      set({ rows: [...get().rows, ...page.rows], nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (mine === generation) set({ loadingMore: false, error });
    }
  },

  async refresh() {
    const { queue, procedureCode, rows, phase, selectedId } = get();
    if (phase !== 'ready') return;
    const mine = ++generation;
    // Reload as deep as the clerk had scrolled, so the list does not shrink under their eyes.
    const depth = Math.max(rows.length, FIRST_PAGE);
    const fresh: InboxRow[] = [];
    let cursor: string | null = null;
    try {
      do {
        const limit = Math.min(REFRESH_PAGE, Math.max(depth - fresh.length, FIRST_PAGE));
        const page: InboxPage = await api.call(
          'inbox.list',
          listInput(queue, procedureCode, cursor, limit),
        );
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
    const stillThere = selectedId !== null && fresh.some((row) => row.id === selectedId);
    const nextSelected = stillThere
      ? selectedId
      : (fresh[Math.min(Math.max(oldIndex, 0), fresh.length - 1)]?.id ?? null);
    set({
      rows: fresh,
      nextCursor: cursor,
      loadingMore: false,
      error: null,
      selectedId: nextSelected,
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
}));
