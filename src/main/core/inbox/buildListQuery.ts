import { RANKED_HITS_MAX, type InboxFilters, type QueueId } from '../../../shared/api/types';
import { filterConditions } from './listFilters';
import { QUEUE_CONDITIONS } from './queueFilters';
import { orderSql, type ListOrder } from './sortOrder';

export const ROW_COLUMNS = `a.id, a.reference, a.procedure_code, a.status, a.is_open, a.applicant_name,
  a.company_name, a.nif, a.rccm, a.phone, a.email, a.region, a.city, a.office_code, a.submitted_at,
  a.due_date, a.assignee_id, u.display_name AS assignee_name`;

/** Counts the search's hits up to RANKED_HITS_MAX + 1: enough to tell a broad search. */
export const PROBE_HITS_SQL = `SELECT count(*) AS n FROM (
  SELECT 1 FROM inbox_search WHERE inbox_search MATCH @match LIMIT ${RANKED_HITS_MAX + 1})`;

export interface ListDefinition {
  queue: QueueId;
  filters: InboxFilters;
  /** FTS5 MATCH expression (already sanitised), or null. */
  match: string | null;
  /** The search hits more than RANKED_HITS_MAX cases across the cache (see `PROBE_HITS_SQL`). */
  broad?: boolean;
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
 * Two plans for a search, chosen by its breadth:
 * - narrow: the hits come first (a MATERIALIZED CTE joined with CROSS JOIN, so SQLite cannot turn
 *   the plan around and walk a million-row sort index probing each row against a handful of
 *   hits — fatal for a no-hit search); at most RANKED_HITS_MAX cases are then read and sorted;
 * - broad: the list's own index is walked in order (as without a search) and each entry is probed
 *   against the hits (`+rowid` keeps SQLite from reaching the cases through the hits instead);
 *   with thousands of hits the page fills after a few thousand entries, where reading and sorting
 *   every hit would cost a case lookup each (~150 ms for a common name at 1M cases).
 */
function withHits(definition: ListDefinition, scored: boolean): string {
  const { match } = definition;
  if (match === null || definition.broad) return '';
  return `WITH hits AS MATERIALIZED (
    SELECT rowid${scored ? ', rank AS score' : ''} FROM inbox_search WHERE inbox_search MATCH @match) `;
}

function source(definition: ListDefinition): string {
  return definition.match === null || definition.broad
    ? 'applications a'
    : 'hits CROSS JOIN applications a ON a.rowid = hits.rowid';
}

function conditionsOf(definition: ListDefinition) {
  const built = where(definition);
  if (definition.match !== null && definition.broad) {
    built.conditions.push(
      '+a.rowid IN (SELECT rowid FROM inbox_search WHERE inbox_search MATCH @match)',
    );
  }
  return built;
}

export function buildPageQuery(
  definition: ListDefinition,
  order: ListOrder,
  afterCursor: boolean,
): BuiltQuery {
  const { conditions, params } = conditionsOf(definition);
  const { orderBy, after } = orderSql(order);
  if (afterCursor) conditions.push(after);
  const byRelevance = order.tag === 'relevance';
  return {
    sql: `${withHits(definition, byRelevance)}
      SELECT ${ROW_COLUMNS}${byRelevance ? ', hits.score AS score' : ''}
      FROM ${source(definition)} LEFT JOIN users u ON u.id = a.assignee_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY ${orderBy}
      LIMIT @limit`,
    params,
  };
}

/**
 * The list's size, counted up to `cap + 1` (see TOTAL_CAP). A search over the whole cache counts
 * its hits in the FTS index alone.
 */
export function buildCountQuery(definition: ListDefinition, cap: number): BuiltQuery {
  const { conditions, params } = conditionsOf(definition);
  const wholeCache =
    definition.queue === 'all' && filterConditions(definition.filters).conditions.length === 0;
  if (definition.match !== null && wholeCache) {
    return {
      sql: `SELECT count(*) AS n FROM (
        SELECT 1 FROM inbox_search WHERE inbox_search MATCH @match LIMIT ${cap + 1})`,
      params,
    };
  }
  return {
    sql: `${withHits(definition, false)}
      SELECT count(*) AS n FROM (
        SELECT 1 FROM ${source(definition)} WHERE ${conditions.join(' AND ')}
        LIMIT ${cap + 1})`,
    params,
  };
}
