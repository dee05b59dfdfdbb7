import { Divider } from '@mantine/core';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow, QueueId, SortKey } from '../../../shared/api/types';
import { errorMessage } from '../api/errorMessage';
import { CASE_AHEAD, prefetchCase } from '../case/caseQueries';
import { useApiQuery } from '../api/queries';
import { parseRoute } from '../routing/route';
import { navigate } from '../routing/useRoute';
import { focusInboxGrid } from '../search/HeaderSearch';
import { useLanguage } from '../shell/useLanguage';
import { currentQuery, useInboxStore } from '../stores/inboxStore';
import { useSessionStore } from '../stores/sessionStore';
import { useShellStore } from '../stores/shellStore';
import { CachePreparationBanner } from '../sync/CachePreparationBanner';
import { SaveViewModal } from '../views/SaveViewModal';
import { FilterBar } from './FilterBar';
import { FilterChips } from './FilterChips';
import { openCaseFromList } from './caseSequence';
import { hasFilters, nextSort, queryKey } from './inboxQuery';
import { useInboxList } from './inboxList';
import { InboxError, InboxEmpty, InboxSkeleton } from './InboxStates';
import { InboxTable, isInboxLink } from './InboxTable';
import { InboxToolbar } from './InboxToolbar';
import { SelectionBar } from './SelectionBar';
import { useInboxUrl } from './useInboxUrl';

/**
 * A click on the queue already shown (in the sidebar, or a saved view of it) hands the keyboard to
 * its list, as opening another queue does (InboxTable): j/k, x and Enter work at once.
 */
function useFocusListOnQueueClick(queue: QueueId) {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || !isInboxLink(link)) return;
      const route = parseRoute(link.getAttribute('href') ?? '');
      if (route.view === 'inbox' && route.queue === queue) focusInboxGrid();
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [queue]);
}

/**
 * Memoised: App draws it (hidden while a case is open) at every change of the address, and a
 * case opened or the next case shown must not draw the whole inbox again.
 */
export const InboxView = memo(function InboxView({ queue }: { queue: QueueId }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const inbox = useInboxStore();
  const list = useInboxList(queue);
  const { rows } = list;
  // The menus stay empty if this fails; procedure, status and deadline filters still work.
  const filterOptions =
    useApiQuery('inbox.filterOptions', {}, { staleTime: Infinity }).data ?? null;
  const [saving, setSaving] = useState(false);

  useInboxUrl(queue);

  // Fresh rows (a refetch after an event, a new query): keep the current row and ticks coherent.
  const shownRows = useRef<readonly InboxRow[]>([]);
  const fresh = list.phase === 'ready' && !list.stale;
  useEffect(() => {
    if (!fresh) return;
    useInboxStore.getState().reconcile(rows, shownRows.current);
    shownRows.current = rows;
  }, [fresh, rows]);

  // The case the clerk rests on is asked for ahead: Enter then shows it in its first frame.
  const selectedId = inbox.selectedId;
  useEffect(() => {
    if (!selectedId) return;
    const timer = setTimeout(
      () => prefetchCase(selectedId, CASE_AHEAD.freshForMs),
      CASE_AHEAD.restMs,
    );
    return () => clearTimeout(timer);
  }, [selectedId]);

  const procedureMap = useMemo(
    () => new Map(procedures.map((procedure) => [procedure.code, procedure])),
    [procedures],
  );

  // The rows' and the header's handlers stay the same functions when new rows arrive, so that a
  // row drawn for the previous list and still in the new one is not drawn again (InboxRowView).
  const rowsNow = useRef(rows);
  useLayoutEffect(() => {
    rowsNow.current = rows;
  }, [rows]);
  const open = useCallback((id: string) => openCaseFromList(id, rowsNow.current), []);
  useFocusListOnQueueClick(queue);
  const move = useCallback(
    (delta: number) => useInboxStore.getState().moveSelection(rows, delta),
    [rows],
  );
  const toggle = useCallback(
    (id: string, range: boolean) =>
      useInboxStore.getState().toggleChecked(rowsNow.current, id, range),
    [],
  );
  const toggleAll = useCallback(
    (on: boolean) => useInboxStore.getState().setAllChecked(rowsNow.current, on),
    [],
  );
  const sortBy = useCallback((key: SortKey) => {
    const state = useInboxStore.getState();
    state.setSort(nextSort(state.sort, state.search, key));
  }, []);
  const searchAll = useCallback(() => navigate({ view: 'inbox', queue: 'all' }), []);
  const openHelp = useCallback(() => useShellStore.getState().setHelpOpen(true), []);
  const startSaving = useCallback(() => setSaving(true), []);

  // A new list starts again from the top. The table stays for it while the clerk has not scrolled
  // it, so the rows both lists share are not drawn again (a search typed further, a filter added:
  // issue 18 §3); a scrolled table gives way to a new one. A refetch of the same list keeps its
  // place.
  const listKey = list.shownQuery ? queryKey(list.shownQuery) : queue;
  const [scrolledAway, setScrolledAway] = useState(false);
  const [table, setTable] = useState({ listKey, key: listKey });
  if (table.listKey !== listKey) setTable({ listKey, key: scrolledAway ? listKey : table.key });

  const shownSearch = list.shownQuery?.search ?? '';
  const shownFiltered = list.shownQuery ? hasFilters(list.shownQuery.filters) : false;
  const searching = inbox.search.trim() !== '';

  return (
    <>
      <CachePreparationBanner language={language} />
      <InboxToolbar
        queue={queue}
        language={language}
        total={list.total}
        search={shownSearch}
        busy={list.busy}
        onSearchAll={searchAll}
        onHelp={openHelp}
      />
      <FilterBar
        filters={inbox.filters}
        sort={inbox.sort}
        searching={searching}
        broadSearch={searching && !inbox.sort && list.rankedBy === 'deadline'}
        procedures={procedures}
        options={filterOptions}
        language={language}
        onFiltersChange={inbox.setFilters}
        onSortChange={inbox.setSort}
        onSaveView={startSaving}
      />
      <FilterChips
        filters={inbox.filters}
        options={filterOptions}
        procedures={procedures}
        language={language}
        onChange={inbox.setFilters}
      />
      <SelectionBar
        count={inbox.checked.size}
        rows={rows}
        language={language}
        onClear={inbox.clearChecked}
      />
      <Divider />
      {list.phase === 'loading' ? (
        <InboxSkeleton />
      ) : list.phase === 'error' ? (
        <InboxError error={list.error} onRetry={list.retry} />
      ) : rows.length === 0 ? (
        <InboxEmpty
          queue={queue}
          search={shownSearch}
          filtered={shownFiltered}
          onClearFilters={inbox.clearFilters}
          onSearchAll={shownSearch && queue !== 'all' ? searchAll : null}
        />
      ) : (
        <InboxTable
          key={table.key}
          listKey={listKey}
          rows={rows}
          procedures={procedureMap}
          language={language}
          selectedId={inbox.selectedId}
          checked={inbox.checked}
          sort={list.shownQuery?.sort}
          searching={shownSearch !== ''}
          stale={list.stale}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          moreError={list.moreError ? errorMessage(list.moreError, t('app.unexpectedError')) : null}
          label={t('inbox.listLabel', { queue: t(`queues.${queue}`) })}
          onLoadMore={list.loadMore}
          onOpen={open}
          onMove={move}
          onScrolledAway={setScrolledAway}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onSort={sortBy}
        />
      )}
      {/* Mounted while open only: closed, it would render again with every change of the list. */}
      {saving && (
        <SaveViewModal opened query={currentQuery(inbox)} onClose={() => setSaving(false)} />
      )}
    </>
  );
});
