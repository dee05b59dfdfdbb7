import { RANKED_HITS_MAX, type InboxFilters, type QueueId } from '../../../shared/api/types';
import { filterConditions } from './listFilters';
import { QUEUE_CONDITIONS } from './queueFilters';
import { orderSql, type ListOrder } from './sortOrder';

export const ROW_COLUMNS = `a.id, a.reference, a.procedure_code, a.status, a.is_open, a.applicant_name,
  a.company_name, a.nif, a.rccm, a.phone, a.email, a.region, a.city, a.office_code, a.submitted_at,
  a.due_date, a.assignee_id, u.display_name AS assignee_name,
  a.portal_changes_json IS NOT NULL AS portal_changes_pending, a.conflict_json IS NOT NULL AS in_conflict`;

/**
 * From this many hits a sorted search walks the list's index (see `withHits`). Below, reading
 * every hit costs at most ~12 ms at 1M cases; above, the walk fills a page after ~N / hits × 50
 * entries, while a queue that holds few of the hits would be walked to its end.
 */
export const WALK_HITS_MIN = 4_000;

/** The probe's count stops past this many hits: enough to choose the order and the plan. */
export const PROBE_HITS_MAX = Math.max(WALK_HITS_MIN, RANKED_HITS_MAX);

/** Counts the search's hits up to PROBE_HITS_MAX + 1. */
export const PROBE_HITS_SQL = `SELECT count(*) AS n FROM (
  SELECT 1 FROM inbox_search WHERE inbox_search MATCH @match LIMIT ${PROBE_HITS_MAX + 1})`;

export interface ListDefinition {
  queue: QueueId;
  filters: InboxFilters;
  /** FTS5 MATCH expression (already sanitised), or null. */
  match: string | null;
  /**
   * Walk the list's own index, probing each entry against the hits (a search with more than
   * WALK_HITS_MIN hits under a column order); otherwise the hits come first.
   */
  walkIndex?: boolean;
  /**
   * Count by reading the hits in the search index's order, each looked up once, until the cap:
   * for a queue holding most of the office's cases (see `streamsSearchCount`).
   */
  streamHits?: boolean;
}

export interface BuiltQuery {
  sql: string;
  params: Record<string, string | number>;
}

function where(definition: ListDefinition, order?: ListOrder) {
  // Walking for a search under another order than the deadline's: the filters' own indexes
  // (column, due_date, id) would need a sort of every hit they hold (~150 ms for a common name
  // and a procedure at 1M cases); the order's index, filters checked row by row, fills a page
  // after a few thousand entries (~17 ms).
  const filters = filterConditions(definition.filters, {
    indexed: !(definition.walkIndex && order !== undefined && !order.tag.startsWith('deadline:')),
  });
  const conditions = [QUEUE_CONDITIONS[definition.queue], ...filters.conditions];
  const params: Record<string, string | number> = { ...filters.params };
  if (definition.match !== null) params.match = definition.match;
  return { conditions, params };
}

/**
 * Two plans for a search, chosen by its number of hits:
 * - hits first: a MATERIALIZED CTE joined with CROSS JOIN, so SQLite cannot turn the plan around
 *   and walk a million-row sort index probing each row against a handful of hits (fatal for a
 *   no-hit search); at most WALK_HITS_MIN cases are then read and sorted (relevance always takes
 *   this plan: bm25 comes from the FTS cursor);
 * - walk (`walkIndex`): the list's own index is walked in order (as without a search) and each entry is probed
 *   against the hits (`+rowid` keeps SQLite from reaching the cases through the hits instead);
 *   with thousands of hits the page fills after a few thousand entries, where reading and sorting
 *   every hit would cost a case lookup each (~150 ms for a common name at 1M cases).
 */
function withHits(definition: ListDefinition, scored: boolean): string {
  const { match } = definition;
  if (match === null || definition.walkIndex) return '';
  return `WITH hits AS MATERIALIZED (
    SELECT rowid${scored ? ', rank AS score' : ''} FROM inbox_search WHERE inbox_search MATCH @match) `;
}

function source(definition: ListDefinition): string {
  return definition.match === null || definition.walkIndex
    ? 'applications a'
    : 'hits CROSS JOIN applications a ON a.rowid = hits.rowid';
}

function conditionsOf(definition: ListDefinition, order?: ListOrder) {
  const built = where(definition, order);
  if (definition.match !== null && definition.walkIndex) {
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
  const { conditions, params } = conditionsOf(definition, order);
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
 * The list's size, counted up to `cap + 1` (see TOTAL_CAP). Even « Tous » is one office's cases
 * (`QUEUE_CONDITIONS`), so a search is always counted through the cases, never by the FTS index
 * alone (it would count every office's hits).
 */
export function buildCountQuery(definition: ListDefinition, cap: number): BuiltQuery {
  if (definition.streamHits && definition.match !== null) {
    const { conditions, params } = where(definition);
    return {
      sql: `SELECT count(*) AS n FROM (
        SELECT 1 FROM inbox_search hits CROSS JOIN applications a ON a.rowid = hits.rowid
        WHERE hits.inbox_search MATCH @match AND ${conditions.join(' AND ')}
        LIMIT ${cap + 1})`,
      params,
    };
  }
  const { conditions, params } = conditionsOf(definition);
  return {
    sql: `${withHits(definition, false)}
      SELECT count(*) AS n FROM (
        SELECT 1 FROM ${source(definition)} WHERE ${conditions.join(' AND ')}
        LIMIT ${cap + 1})`,
    params,
  };
}
