import type { InboxFilters, QueueId } from '../../../shared/api/types';
import { filterConditions } from './listFilters';
import { QUEUE_CONDITIONS } from './queueFilters';
import { orderSql, type ListOrder } from './sortOrder';

export const ROW_COLUMNS = `a.id, a.reference, a.procedure_code, a.status, a.is_open, a.applicant_name,
  a.company_name, a.nif, a.rccm, a.phone, a.email, a.region, a.city, a.office_code, a.submitted_at,
  a.due_date, a.assignee_id, u.display_name AS assignee_name`;

/**
 * bm25 weights per search column: a hit on the reference or a number is nearly always the case
 * the clerk wants; a hit in the e-mail (which repeats the name) weighs least.
 */
const BM25 = 'bm25(inbox_search, 10.0, 5.0, 4.0, 8.0, 8.0, 6.0, 6.0, 1.0, 4.0)';

export interface ListDefinition {
  queue: QueueId;
  filters: InboxFilters;
  /** FTS5 MATCH expression (already sanitised), or null. */
  match: string | null;
}

export interface BuiltQuery {
  sql: string;
  params: Record<string, string | number>;
}

function where(definition: ListDefinition) {
  const filters = filterConditions(definition.filters);
  const conditions = [QUEUE_CONDITIONS[definition.queue], ...filters.conditions];
  const params: Record<string, string | number> = { ...filters.params };
  if (definition.match !== null) params.match = definition.match;
  return { conditions, params };
}

/**
 * Search hits come first (a MATERIALIZED CTE, joined with CROSS JOIN so SQLite cannot turn the
 * plan around and walk a million-row sort index probing each row against the hits — fatal for a
 * no-hit search), then the queue and filters narrow them.
 */
function withHits(match: string | null, withScore: boolean): string {
  if (match === null) return '';
  const score = withScore ? `, ${BM25} AS score` : '';
  return `WITH hits AS MATERIALIZED (
    SELECT rowid${score} FROM inbox_search WHERE inbox_search MATCH @match) `;
}

function source(match: string | null): string {
  return match === null
    ? 'applications a'
    : 'hits CROSS JOIN applications a ON a.rowid = hits.rowid';
}

export function buildPageQuery(
  definition: ListDefinition,
  order: ListOrder,
  afterCursor: boolean,
): BuiltQuery {
  const { conditions, params } = where(definition);
  const { orderBy, after } = orderSql(order);
  if (afterCursor) conditions.push(after);
  const byRelevance = order.tag === 'relevance';
  return {
    sql: `${withHits(definition.match, byRelevance)}
      SELECT ${ROW_COLUMNS}${byRelevance ? ', hits.score AS score' : ''}
      FROM ${source(definition.match)} LEFT JOIN users u ON u.id = a.assignee_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY ${orderBy}
      LIMIT @limit`,
    params,
  };
}

export function buildCountQuery(definition: ListDefinition): BuiltQuery {
  const { conditions, params } = where(definition);
  return {
    sql: `${withHits(definition.match, false)}
      SELECT count(*) AS n FROM ${source(definition.match)} WHERE ${conditions.join(' AND ')}`,
    params,
  };
}
