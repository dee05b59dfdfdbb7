import type {
  InboxFilters,
  InboxQuery,
  InboxSort,
  SortKey,
  SortDirection,
} from '../../../shared/api/types';

export type ListFilterKey =
  'procedureCodes' | 'statuses' | 'officeCodes' | 'regions' | 'assigneeIds' | 'deadlineStates';

export const LIST_FILTER_KEYS: readonly ListFilterKey[] = [
  'procedureCodes',
  'statuses',
  'officeCodes',
  'regions',
  'assigneeIds',
  'deadlineStates',
];

/** One removable chip: a single value of a list filter, or one bound of the date range. */
export type FilterChip =
  | { kind: 'list'; key: ListFilterKey; value: string }
  | { kind: 'date'; bound: 'submittedFrom' | 'submittedTo'; value: string };

/** Drops empty lists and blank dates, so « no filter » has exactly one shape (and one cache key). */
export function normalizeFilters(filters: InboxFilters): InboxFilters {
  const out: InboxFilters = {};
  for (const key of LIST_FILTER_KEYS) {
    const values = filters[key];
    if (values && values.length > 0) (out as Record<string, unknown>)[key] = [...values];
  }
  if (filters.submittedFrom) out.submittedFrom = filters.submittedFrom;
  if (filters.submittedTo) out.submittedTo = filters.submittedTo;
  return out;
}

export function hasFilters(filters: InboxFilters): boolean {
  return filterChips(filters).length > 0;
}

export function filterChips(filters: InboxFilters): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const key of LIST_FILTER_KEYS) {
    for (const value of filters[key] ?? []) chips.push({ kind: 'list', key, value });
  }
  if (filters.submittedFrom)
    chips.push({ kind: 'date', bound: 'submittedFrom', value: filters.submittedFrom });
  if (filters.submittedTo)
    chips.push({ kind: 'date', bound: 'submittedTo', value: filters.submittedTo });
  return chips;
}

export function withoutChip(filters: InboxFilters, chip: FilterChip): InboxFilters {
  if (chip.kind === 'date') return normalizeFilters({ ...filters, [chip.bound]: undefined });
  const remaining = (filters[chip.key] ?? []).filter((value) => value !== chip.value);
  return normalizeFilters({ ...filters, [chip.key]: remaining });
}

/** The direction a column sorts in on first click: the useful end first. */
export const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  deadline: 'asc',
  submitted: 'desc',
  reference: 'asc',
  applicant: 'asc',
};

/** The core's default order when no sort is given: relevance when searching, else deadline. */
export const DEFAULT_SORT: InboxSort = { key: 'deadline', direction: 'asc' };

/** Clicking a column header: a new key starts at its first direction, the same key flips. */
export function nextSort(current: InboxSort | undefined, search: string, key: SortKey): InboxSort {
  const effective = current ?? (search.trim() ? undefined : DEFAULT_SORT);
  if (effective?.key === key)
    return { key, direction: effective.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: FIRST_DIRECTION[key] };
}

/** A stable text form of a query, to compare a saved view with what is on screen. */
export function queryKey(query: InboxQuery): string {
  const filters = normalizeFilters(query.filters);
  const sorted = Object.fromEntries(
    Object.entries(filters)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, Array.isArray(value) ? [...value].sort() : value]),
  );
  return JSON.stringify([query.queue, sorted, query.sort ?? null, query.search.trim()]);
}
