import { Divider } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueId, SortKey } from '../../../shared/api/types';
import { errorMessage } from '../api/errorMessage';
import { navigate } from '../routing/useRoute';
import { useLanguage } from '../shell/useLanguage';
import { currentQuery, useInboxStore } from '../stores/inboxStore';
import { useSessionStore } from '../stores/sessionStore';
import { useShellStore } from '../stores/shellStore';
import { SaveViewModal } from '../views/SaveViewModal';
import { FilterBar } from './FilterBar';
import { FilterChips } from './FilterChips';
import { hasFilters, nextSort, queryKey } from './inboxQuery';
import { InboxError, InboxEmpty, InboxSkeleton } from './InboxStates';
import { InboxTable } from './InboxTable';
import { InboxToolbar } from './InboxToolbar';
import { SelectionBar } from './SelectionBar';
import { useInboxUrl } from './useInboxUrl';

export function InboxView({ queue }: { queue: QueueId }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const inbox = useInboxStore();
  const [saving, setSaving] = useState(false);

  useInboxUrl(queue);

  useEffect(() => {
    if (!useInboxStore.getState().filterOptions) void useInboxStore.getState().loadFilterOptions();
  }, []);

  const procedureMap = useMemo(
    () => new Map(procedures.map((procedure) => [procedure.code, procedure])),
    [procedures],
  );

  const open = useCallback((id: string) => {
    useInboxStore.getState().select(id);
    navigate({ view: 'case', id });
  }, []);
  const loadMore = useCallback(() => void useInboxStore.getState().loadMore(), []);
  const move = useCallback((delta: number) => useInboxStore.getState().moveSelection(delta), []);
  const saveScroll = useCallback((top: number) => useInboxStore.getState().saveScroll(top), []);
  const toggle = useCallback(
    (id: string, range: boolean) => useInboxStore.getState().toggleChecked(id, range),
    [],
  );
  const toggleAll = useCallback((on: boolean) => useInboxStore.getState().setAllChecked(on), []);
  const sortBy = useCallback((key: SortKey) => {
    const state = useInboxStore.getState();
    state.setSort(nextSort(state.sort, state.search, key));
  }, []);
  const searchAll = useCallback(() => navigate({ view: 'inbox', queue: 'all' }), []);

  // The route may already point at the new queue while the store still holds the old one.
  const current = inbox.queue === queue;
  const ready = current && inbox.phase === 'ready';
  const liveKey = queryKey(currentQuery(inbox));
  const total = !ready
    ? null
    : inbox.total && (inbox.total.key === liveKey || inbox.stale)
      ? {
          exact: true,
          value: inbox.total.value,
          // Only searched or filtered lists are counted up to a cap (queues use tallies); the
          // cap is the one of the query counted, which may still be on screen while another loads.
          ...(inbox.total.cap === null
            ? {}
            : { cap: inbox.total.cap, capped: inbox.total.value > inbox.total.cap }),
        }
      : { exact: inbox.nextCursor === null, value: inbox.rows.length };
  const shownSearch = inbox.shownQuery?.search ?? '';
  const shownFiltered = inbox.shownQuery ? hasFilters(inbox.shownQuery.filters) : false;
  const searching = inbox.search.trim() !== '';

  return (
    <>
      <InboxToolbar
        queue={queue}
        language={language}
        total={total}
        search={shownSearch}
        busy={ready && (inbox.stale || inbox.total?.key !== liveKey)}
        onSearchAll={searchAll}
        onHelp={() => useShellStore.getState().setHelpOpen(true)}
      />
      <FilterBar
        filters={inbox.filters}
        sort={inbox.sort}
        searching={searching}
        broadSearch={searching && !inbox.sort && inbox.rankedBy === 'deadline'}
        procedures={procedures}
        options={inbox.filterOptions}
        language={language}
        onFiltersChange={inbox.setFilters}
        onSortChange={inbox.setSort}
        onSaveView={() => setSaving(true)}
      />
      <FilterChips
        filters={inbox.filters}
        options={inbox.filterOptions}
        procedures={procedures}
        language={language}
        onChange={inbox.setFilters}
      />
      <SelectionBar count={inbox.checked.size} language={language} onClear={inbox.clearChecked} />
      <Divider />
      {!current || inbox.phase === 'loading' || inbox.phase === 'idle' ? (
        <InboxSkeleton />
      ) : inbox.phase === 'error' ? (
        <InboxError error={inbox.error} onRetry={() => void inbox.reload()} />
      ) : inbox.rows.length === 0 ? (
        <InboxEmpty
          queue={queue}
          search={shownSearch}
          filtered={shownFiltered}
          onClearFilters={inbox.clearFilters}
          onSearchAll={shownSearch && queue !== 'all' ? searchAll : null}
        />
      ) : (
        <InboxTable
          key={`${queue}:${inbox.listVersion}`}
          rows={inbox.rows}
          procedures={procedureMap}
          language={language}
          selectedId={inbox.selectedId}
          checked={inbox.checked}
          sort={inbox.shownQuery?.sort}
          searching={shownSearch !== ''}
          stale={inbox.stale}
          hasMore={inbox.nextCursor !== null}
          loadingMore={inbox.loadingMore}
          moreError={inbox.error ? errorMessage(inbox.error, t('app.unexpectedError')) : null}
          initialScrollTop={inbox.scrollTop}
          label={t('inbox.listLabel', { queue: t(`queues.${queue}`) })}
          onLoadMore={loadMore}
          onOpen={open}
          onMove={move}
          onScrollSave={saveScroll}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onSort={sortBy}
        />
      )}
      <SaveViewModal opened={saving} query={currentQuery(inbox)} onClose={() => setSaving(false)} />
    </>
  );
}
