import { Button, Center, Checkbox, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow, InboxSort, ProcedureSummary, SortKey } from '../../../shared/api/types';
import type { Language } from '../i18n/language';
import { gridTemplate, SORTABLE, visibleColumns } from './inboxColumns';
import { DEFAULT_SORT } from './inboxQuery';
import { listMove, listShortcut } from './listShortcuts';
import { InboxRowView } from './InboxRowView';
import { useRowSignals } from './useRowSignals';
import classes from './InboxTable.module.css';

export const ROW_HEIGHT = 50;
const HEADER_HEIGHT = 36;
// Start fetching the next page this many rows before the end, so scrolling rarely waits.
const PREFETCH_ROWS = 40;

interface Props {
  rows: readonly InboxRow[];
  procedures: ReadonlyMap<string, ProcedureSummary>;
  language: Language;
  selectedId: string | null;
  checked: ReadonlySet<string>;
  /** The sort in force; undefined with a search means « by relevance ». */
  sort: InboxSort | undefined;
  searching: boolean;
  /** Rows of the previous query, shown dimmed until the new answer arrives. */
  stale: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  /** Message of a failed next-page fetch, shown under the rows with a retry. */
  moreError: string | null;
  /**
   * The list shown (its query): a new one takes the keyboard as a list shown afresh does. The view
   * keeps the table for a new list while it is scrolled to the top, so the rows both lists share
   * stay as they are drawn.
   */
  listKey: string;
  label: string;
  onLoadMore(): void;
  onOpen(id: string): void;
  onMove(delta: number): void;
  /** Told when the list leaves its top or comes back to it (and once shown). */
  onScrolledAway(away: boolean): void;
  onToggle(id: string, range: boolean): void;
  onToggleAll(on: boolean): void;
  onSort(key: SortKey): void;
}

const rowDomId = (id: string) => `inbox-row-${id}`;

/** PageUp/PageDown move by a screenful of rows, minus one kept in view. */
export function rowsPerPage(grid: HTMLElement | null): number {
  return Math.max(1, Math.floor((grid?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
}

/**
 * A list shown afresh takes the keyboard when nothing holds it, or when the clerk has just
 * followed a link to a queue or a saved view (the link would otherwise keep it: Enter would open
 * the queue again instead of the case, and j/k would do nothing).
 */
function takesFocusOnShow(active: Element | null): boolean {
  return active === null || active === document.body || isInboxLink(active);
}

export function isInboxLink(element: Element | null): boolean {
  return element?.closest('a[href^="#/inbox/"]') != null;
}

/**
 * The list's size when last measured. A list shown afresh (another queue, back from a case) lays
 * out its columns and its rows in view at once: measured only after its first frame, it drew all
 * columns first, then again a frame later without the one that does not fit (issue 18 §3).
 */
const lastSize = { width: 0, height: 0 };

/** The scroller's width, followed as the window changes; a ref callback to put on the element. */
function useListWidth(): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(lastSize.width);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize[0];
      if (!box) return;
      lastSize.width = box.inlineSize;
      lastSize.height = box.blockSize;
      setWidth(box.inlineSize);
    });
    observer.current.observe(element);
  }, []);
  return [ref, width];
}

export function InboxTable(props: Props) {
  const { rows, selectedId, hasMore, loadingMore, onLoadMore, onOpen, onMove } = props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [sizeRef, width] = useListWidth();
  const columns = useMemo(() => visibleColumns(width), [width]);
  const columnIds = useMemo(() => columns.map((column) => column.id), [columns]);
  const template = gridTemplate(columns);

  const selectedIndex = useMemo(
    () => (selectedId ? rows.findIndex((row) => row.id === selectedId) : -1),
    [rows, selectedId],
  );

  // The selected row stays rendered wherever the list is scrolled: the grid names it as its
  // active descendant, which must exist for a screen reader (and axe) to find it.
  const keepSelected = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (selectedIndex < 0 || indexes.includes(selectedIndex)) return indexes;
      return [...indexes, selectedIndex].sort((x, y) => x - y);
    },
    [selectedIndex],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    rangeExtractor: keepSelected,
    scrollMargin: HEADER_HEIGHT,
    // Rows in view from the first render (the virtualizer measures the scroller only once drawn).
    initialRect: { ...lastSize },
  });
  const items = virtualizer.getVirtualItems();
  // The rows in view and around: the selected row kept far off (keepSelected) is not among them.
  const around = items.filter(
    (item, at) =>
      item.index !== selectedIndex ||
      items[at - 1]?.index === item.index - 1 ||
      items[at + 1]?.index === item.index + 1,
  );
  const inView = around.length > 0 ? around : items;
  const lastIndex = inView[inView.length - 1]?.index ?? -1;
  const signals = useRowSignals(rows, inView[0]?.index ?? 0, lastIndex);

  useEffect(() => {
    if (hasMore && !loadingMore && !props.moreError && lastIndex >= rows.length - PREFETCH_ROWS)
      onLoadMore();
  }, [hasMore, loadingMore, props.moreError, lastIndex, rows.length, onLoadMore]);

  const { onScrolledAway } = props;
  const away = useRef(false);
  useEffect(() => onScrolledAway(away.current), [onScrolledAway]);

  // Where the clerk left the list, read as they scroll: a list hidden while another screen is
  // shown (App's Activity) loses its scroll position.
  const scrolledTo = useRef(0);
  function onScroll(event: React.UIEvent<HTMLDivElement>) {
    scrolledTo.current = event.currentTarget.scrollTop;
    const now = event.currentTarget.scrollTop > 0;
    if (now === away.current) return;
    away.current = now;
    onScrolledAway(now);
  }

  // Shown again after being hidden, the list goes back where the clerk left it.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    // Read only when there is a place to go back to: reading it lays the whole list out.
    if (element && scrolledTo.current > 0 && element.scrollTop !== scrolledTo.current)
      element.scrollTop = scrolledTo.current;
  }, []);

  // The row followed last: a list shown again (after a case) is where it was, the row in it.
  const followed = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (selectedIndex < 0 || followed.current === selectedId) return;
    followed.current = selectedId;
    // A row already in view needs no scroll: the virtualizer's scroll forces a layout of the
    // whole list in the middle of the commit, at every queue switch (issue 18 §3).
    const item = virtualizer.measurementsCache[selectedIndex];
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    if (item && height > 0 && item.start >= top + HEADER_HEIGHT && item.end <= top + height) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only follow the selection when it moves, not when rows arrive from a refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  // Land keyboard focus on a list shown afresh so j/k work at once, unless the clerk is typing
  // elsewhere.
  useEffect(() => {
    if (takesFocusOnShow(document.activeElement)) scrollRef.current?.focus({ preventScroll: true });
  }, [props.listKey]);

  const setRefs = useCallback(
    (element: HTMLDivElement | null) => {
      scrollRef.current = element;
      sizeRef(element);
    },
    [sizeRef],
  );

  const effectiveSort = props.sort ?? (props.searching ? undefined : DEFAULT_SORT);
  const checkedCount = props.checked.size;
  const allChecked = rows.length > 0 && checkedCount >= rows.length;

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const action = listShortcut(event);
    if (!action) return;
    const delta = listMove(action, rowsPerPage(scrollRef.current), rows.length);
    if (delta !== null) {
      event.preventDefault();
      onMove(delta);
    } else if (action === 'list.open' && selectedId) {
      event.preventDefault();
      onOpen(selectedId);
    } else if ((action === 'list.toggle' || action === 'list.toggleRange') && selectedId) {
      event.preventDefault();
      props.onToggle(selectedId, action === 'list.toggleRange');
    }
  }

  return (
    <div
      ref={setRefs}
      className={classes.scroller}
      role="grid"
      aria-label={props.label}
      aria-rowcount={hasMore ? -1 : rows.length + 1}
      aria-activedescendant={selectedId ? rowDomId(selectedId) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
      data-testid="inbox-grid"
    >
      <ListHeader
        columns={columns}
        template={template}
        sortKey={effectiveSort?.key}
        direction={effectiveSort?.direction}
        tick={allChecked ? 'all' : checkedCount > 0 ? 'some' : 'none'}
        onToggleAll={props.onToggleAll}
        onSort={props.onSort}
      />
      <div
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        role="rowgroup"
        className={props.stale ? classes.stale : undefined}
        aria-busy={props.stale || undefined}
      >
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <InboxRowView
              key={row.id}
              row={row}
              columns={columnIds}
              procedure={props.procedures.get(row.procedureCode)}
              language={props.language}
              selected={row.id === selectedId}
              checked={props.checked.has(row.id)}
              signals={signals.get(row.id)}
              domId={rowDomId(row.id)}
              top={item.start - HEADER_HEIGHT}
              height={ROW_HEIGHT}
              template={template}
              onOpen={onOpen}
              onToggle={props.onToggle}
            />
          );
        })}
      </div>
      {props.moreError && !loadingMore && (
        <Center py="sm">
          <Group gap="xs">
            <Text size="sm" c="red">
              {props.moreError}
            </Text>
            <Button size="xs" variant="subtle" color="red" onClick={onLoadMore}>
              {t('app.retry')}
            </Button>
          </Group>
        </Center>
      )}
      {loadingMore && (
        <Center py="sm">
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('inbox.loadingMore')}
            </Text>
          </Group>
        </Center>
      )}
    </div>
  );
}

/**
 * The column headers, drawn again only when the columns, the sort or the ticks change — not at
 * every render of the list (a key typed, rows arriving, the selection moving: issue 18 §3).
 */
const ListHeader = memo(function ListHeader({
  columns,
  template,
  sortKey,
  direction,
  tick,
  onToggleAll,
  onSort,
}: {
  columns: ReturnType<typeof visibleColumns>;
  template: string;
  sortKey: SortKey | undefined;
  direction: InboxSort['direction'] | undefined;
  tick: 'all' | 'some' | 'none';
  onToggleAll(on: boolean): void;
  onSort(key: SortKey): void;
}) {
  const { t } = useTranslation();
  return (
    <div className={classes.header} role="row" style={{ gridTemplateColumns: template }}>
      <div role="columnheader" className={classes.check}>
        <Checkbox
          size="xs"
          checked={tick === 'all'}
          indeterminate={tick === 'some'}
          onChange={() => onToggleAll(tick !== 'all')}
          tabIndex={-1}
          aria-label={t('selection.toggleAll')}
        />
      </div>
      {columns.map((column) => {
        const key = SORTABLE[column.id];
        const label = t(`inbox.columns.${column.id}`);
        if (!key) {
          return (
            <div key={column.id} role="columnheader" className={classes.cell}>
              <Text inherit truncate="end">
                {label}
              </Text>
            </div>
          );
        }
        const active = sortKey === key;
        const Arrow = direction === 'desc' ? IconArrowDown : IconArrowUp;
        return (
          <div
            key={column.id}
            role="columnheader"
            className={classes.cell}
            aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            <UnstyledButton
              className={classes.sortable}
              data-active={active || undefined}
              onClick={() => onSort(key)}
              title={t('sort.byColumn', { key: t(`sort.keys.${key}`) })}
              tabIndex={-1}
            >
              <Text inherit truncate="end">
                {label}
              </Text>
              {active && <Arrow size={12} stroke={2.4} style={{ flexShrink: 0 }} />}
            </UnstyledButton>
          </div>
        );
      })}
    </div>
  );
});
