import type { InboxFilters, QueueId } from '../../../shared/api/types';
import { filterConditions } from './listFilters';
import { QUEUE_CONDITIONS } from './queueFilters';
import { orderSql, type ListOrder } from './sortOrder';

export const ROW_COLUMNS = `a.id, a.reference, a.procedure_code, a.status, a.is_open, a.applicant_name,
  a.company_name, a.nif, a.rccm, a.phone, a.email, a.region, a.city, a.office_code, a.submitted_at,
  a.due_date, a.assignee_id, u.display_name AS assignee_name`;

/**
 * Relevance ranks at most this many hits: the best ones by the table's `rank`, which migration
 * 004 sets to bm25 weighted per column (a hit on the reference or a number is nearly always the
 * case the clerk wants; a hit in the e-mail, which repeats the name, weighs least).
 */
export const RELEVANCE_LIMIT = 500;

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
 *
 * Product rule for relevance (no explicit sort) over the whole cache (« Tous », no filter): the
 * list is the RELEVANCE_LIMIT best hits by rank (ties broken by rowid, so the set is the same on every page and the
 * (score, id) keyset has neither gaps nor duplicates), Beyond
 * a few hundred hits bm25 barely separates them (a common family name scores alike on thousands
 * of cases) and ranking them all cost a bm25 and a case lookup per hit (~130 ms at 1M cases).
 * To see every hit of a broad search the clerk picks a sort: sorted lists keep every hit.
 */
type HitMode = 'plain' | 'scored' | 'bestRanked';

function withHits(match: string | null, mode: HitMode): string {
  if (match === null) return '';
  if (mode === 'plain') {
    return `WITH hits AS MATERIALIZED (
    SELECT rowid FROM inbox_search WHERE inbox_search MATCH @match) `;
  }
  const best = mode === 'bestRanked' ? `ORDER BY rank, rowid LIMIT ${RELEVANCE_LIMIT}` : '';
  return `WITH hits AS MATERIALIZED (
    SELECT rowid, rank AS score FROM inbox_search WHERE inbox_search MATCH @match ${best}) `;
}

/**
 * The cap applies only to a search over the whole cache. Inside a queue or under filters every
 * hit is ranked: a clerk searching « Mes dossiers » must find their case even when the name is
 * common across the country.
 */
function hitMode(definition: ListDefinition, byRelevance: boolean): HitMode {
  if (!byRelevance) return 'plain';
  const wholeCache =
    definition.queue === 'all' && filterConditions(definition.filters).conditions.length === 0;
  return wholeCache ? 'bestRanked' : 'scored';
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
    sql: `${withHits(definition.match, hitMode(definition, byRelevance))}
      SELECT ${ROW_COLUMNS}${byRelevance ? ', hits.score AS score' : ''}
      FROM ${source(definition.match)} LEFT JOIN users u ON u.id = a.assignee_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY ${orderBy}
      LIMIT @limit`,
    params,
  };
}

/**
 * The list's size, counted up to `cap + 1` (see TOTAL_CAP): under relevance, the ranked hits only,
 * so the count agrees with the pages.
 */
export function buildCountQuery(
  definition: ListDefinition,
  byRelevance: boolean,
  cap: number,
): BuiltQuery {
  const { conditions, params } = where(definition);
  return {
    sql: `${withHits(definition.match, hitMode(definition, byRelevance))}
      SELECT count(*) AS n FROM (
        SELECT 1 FROM ${source(definition.match)} WHERE ${conditions.join(' AND ')}
        LIMIT ${cap + 1})`,
    params,
  };
}
