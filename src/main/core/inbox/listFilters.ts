import type { InboxFilters } from '../../../shared/api/types';
import {
  DEADLINE_CONDITIONS,
  indexedColumn,
  unindexedColumn,
  type ColumnRef,
} from './queueFilters';

export interface SqlPart {
  /** Conditions ANDed together; values are always named parameters, never spliced in. */
  conditions: string[];
  params: Record<string, string | number>;
}

const DAY_MS = 86_400_000;
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * Lists bind as one JSON parameter, so the statement text (and cache) does not grow per value.
 * A single value binds as `=`: the planner then knows it can walk (column, due_date, id) in order.
 */
function inList(column: string, name: string, values: readonly string[], part: SqlPart): void {
  if (values.length === 1) {
    part.conditions.push(`${column} = @${name}`);
    part.params[name] = values[0] ?? '';
    return;
  }
  part.conditions.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
  part.params[name] = JSON.stringify(values);
}

/**
 * The user's filters as SQL: AND between filters, OR (IN) within one. `indexed: false` names the
 * columns `+a.column`, so SQLite checks the filters row by row on another index's walk rather
 * than choosing their index (see `walkIndex` in buildListQuery.ts).
 */
export function filterConditions(
  filters: InboxFilters,
  options: { indexed?: boolean } = {},
): SqlPart {
  const col: ColumnRef = options.indexed === false ? unindexedColumn : indexedColumn;
  const part: SqlPart = { conditions: [], params: {} };
  if (filters.procedureCodes?.length) {
    inList(col('procedure_code'), 'procedureCodes', filters.procedureCodes, part);
  }
  if (filters.statuses?.length) inList(col('status'), 'statuses', filters.statuses, part);
  if (filters.officeCodes?.length) {
    inList(col('office_code'), 'officeCodes', filters.officeCodes, part);
  }
  if (filters.regions?.length) inList(col('region'), 'regions', filters.regions, part);
  if (filters.assigneeIds?.length) {
    const ids = filters.assigneeIds.filter((id) => id !== 'none');
    const unassigned = ids.length < filters.assigneeIds.length;
    const alternatives: string[] = [];
    if (ids.length) {
      alternatives.push(`${col('assignee_id')} IN (SELECT value FROM json_each(@assigneeIds))`);
      part.params.assigneeIds = JSON.stringify(ids);
    }
    if (unassigned) alternatives.push(`${col('assignee_id')} IS NULL`);
    part.conditions.push(`(${alternatives.join(' OR ')})`);
  }
  if (filters.submittedFrom) {
    part.conditions.push(`${col('submitted_at')} >= @submittedFrom`);
    part.params.submittedFrom = filters.submittedFrom;
  }
  if (filters.submittedTo) {
    // Inclusive day: everything before the next midnight (Togo is UTC all year).
    part.conditions.push(`${col('submitted_at')} < @submittedBefore`);
    part.params.submittedBefore = nextDay(filters.submittedTo);
  }
  if (filters.deadlineStates?.length) {
    const states = [...new Set(filters.deadlineStates)].sort();
    part.conditions.push(
      `(${states.map((state) => `(${DEADLINE_CONDITIONS[state](col)})`).join(' OR ')})`,
    );
  }
  return part;
}
