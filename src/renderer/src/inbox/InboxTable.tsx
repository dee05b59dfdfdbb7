import { Button, Center, Checkbox, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useElementSize } from '@mantine/hooks';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
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
  initialScrollTop: number;
  label: string;
  onLoadMore(): void;
  onOpen(id: string): void;
  onMove(delta: number): void;
  onScrollSave(top: number): void;
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

export function InboxTable(props: Props) {
  const { rows, selectedId, hasMore, loadingMore, onLoadMore, onOpen, onMove, onScrollSave } =
    props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { ref: sizeRef, width } = useElementSize();
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
    initialOffset: props.initialScrollTop,
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

  useLayoutEffect(() => {
    if (selectedIndex < 0) return;
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

  // Land keyboard focus on the list so j/k work at once, unless the clerk is typing elsewhere.
  useEffect(() => {
    if (takesFocusOnShow(document.activeElement)) scrollRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    const element = scrollRef.current;
    return () => {
      if (element) onScrollSave(element.scrollTop);
    };
  }, [onScrollSave]);

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
      data-testid="inbox-grid"
    >
      <div className={classes.header} role="row" style={{ gridTemplateColumns: template }}>
        <div role="columnheader" className={classes.check}>
          <Checkbox
            size="xs"
            checked={allChecked}
            indeterminate={checkedCount > 0 && !allChecked}
            onChange={() => props.onToggleAll(!allChecked)}
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
          const active = effectiveSort?.key === key;
          const Arrow = effectiveSort?.direction === 'desc' ? IconArrowDown : IconArrowUp;
          return (
            <div
              key={column.id}
              role="columnheader"
              className={classes.cell}
              aria-sort={
                active
                  ? effectiveSort.direction === 'asc'
                    ? 'ascending'
                    : 'descending'
                  : undefined
              }
            >
              <UnstyledButton
                className={classes.sortable}
                data-active={active || undefined}
                onClick={() => props.onSort(key)}
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
