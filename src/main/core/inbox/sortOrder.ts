import type { InboxSort, SortKey } from '../../../shared/api/types';

/** Column each sort key orders by; each has an index ending in `id` (see migrations 001–002). */
const SORT_COLUMNS: Record<SortKey, string> = {
  deadline: 'a.due_date',
  submitted: 'a.submitted_at',
  reference: 'a.reference',
  applicant: 'a.applicant_name COLLATE NOCASE',
};

/** The row field holding the sort value, to build the next cursor from the page's last row. */
export const SORT_VALUE_COLUMN: Record<
  SortKey,
  'due_date' | 'submitted_at' | 'reference' | 'applicant_name'
> = {
  deadline: 'due_date',
  submitted: 'submitted_at',
  reference: 'reference',
  applicant: 'applicant_name',
};

export interface ListOrder {
  /** Cursor tag: a cursor made for one order is refused by another. */
  tag: string;
  /** SQL expression ordered by, before the `a.id` tie-breaker. */
  expression: string;
  descending: boolean;
}

export const DEFAULT_SORT: InboxSort = { key: 'deadline', direction: 'asc' };

export function listOrder(sort: InboxSort | undefined, searching: boolean): ListOrder {
  if (!sort && searching) return { tag: 'relevance', expression: 'hits.score', descending: false };
  const { key, direction } = sort ?? DEFAULT_SORT;
  return {
    tag: `${key}:${direction}`,
    expression: SORT_COLUMNS[key],
    descending: direction === 'desc',
  };
}

/** ORDER BY and the keyset condition "strictly after the cursor" for the order. */
export function orderSql(order: ListOrder): { orderBy: string; after: string } {
  const direction = order.descending ? 'DESC' : 'ASC';
  return {
    orderBy: `${order.expression} ${direction}, a.id ${direction}`,
    after: `(${order.expression}, a.id) ${order.descending ? '<' : '>'} (@afterValue, @afterId)`,
  };
}
