import type Database from 'better-sqlite3';
import type {
  DeadlineState,
  InboxFilterOptions,
  InboxPage,
  InboxQuery,
  InboxRow,
  QueueCounts,
} from '../../../shared/api/types';
import { RANKED_HITS_MAX, totalCapFor } from '../../../shared/api/types';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import { OFFICES } from '../../../shared/domain/offices';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { deadlineStanding, dueSoonUntil } from '../../../shared/domain/deadline';
import { DomainError } from '../api/domainError';
import {
  buildCountQuery,
  buildPageQuery,
  PROBE_HITS_MAX,
  PROBE_HITS_SQL,
  WALK_HITS_MIN,
  ROW_COLUMNS,
  type ListDefinition,
} from './buildListQuery';
import { highlightMatch } from './highlightMatch';
import { decodeCursor, encodeCursor } from './keysetCursor';
import { countQueues, createQueueCounters } from './queueCounts';
import type { QueueScope } from './queueFilters';
import { createRowHolders } from './rowHolders';
import { planSearch, type SearchPlan } from './searchExpression';
import { DEFAULT_SORT, listOrder, SORT_VALUE_COLUMN, type ListOrder } from './sortOrder';
import { createStatementCache } from './statementCache';

interface RowRecord {
  id: string;
  reference: string;
  procedure_code: string;
  status: CaseStatus;
  is_open: number;
  applicant_name: string;
  company_name: string | null;
  nif: string | null;
  rccm: string | null;
  phone: string;
  email: string;
  region: string;
  city: string;
  office_code: string;
  submitted_at: string;
  due_date: string;
  assignee_id: string | null;
  assignee_name: string | null;
  portal_changes_pending: number;
  in_conflict: number;
  score?: number;
}

export interface ListQuery extends InboxQuery {
  cursor: string | null;
  limit: number;
}

function definitionOf(query: InboxQuery) {
  const plan = planSearch(query.search);
  const definition: ListDefinition = {
    queue: query.queue,
    filters: query.filters,
    match: plan.match,
  };
  return { plan, definition, searching: plan.match !== null };
}

function hasFilters(query: InboxQuery): boolean {
  return Object.values(query.filters).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined,
  );
}

/**
 * A searched total of a queue that holds most of the office's cases (« Tous », « Traités »), no
 * filter: the hits are read in the search index's order, each case looked up once, until the
 * cap. Among them the office's cases come soon (1,001 in ~1,600 hits), where walking the queue
 * probes every entry against all the hits gathered first (a common name at 1M cases: 1.9–4.6
 * instead of 33–49 ms). A narrow queue or a filter would leave most hits outside the list: there
 * the walk (or the hits first, when few) stays.
 */
function streamsSearchCount(query: InboxQuery): boolean {
  return (query.queue === 'all' || query.queue === 'done') && !hasFilters(query);
}

export function createInboxQueries(
  db: Database.Database,
  calendar: WorkingCalendar,
  /** The portal's clock on an enrolled desk (leases name the holders), else null. */
  portalNow: () => Date | null = () => null,
) {
  const statements = createStatementCache(db);
  const counters = createQueueCounters(db);
  const holders = createRowHolders(db);

  /** Each row's holder, from the portal's leases: one lookup for the page. */
  function withHolders(rows: InboxRow[]): InboxRow[] {
    const now = rows.length > 0 ? portalNow() : null;
    if (!now) return rows;
    const held = holders.of(
      rows.map((row) => row.id),
      now,
    );
    for (const row of rows) row.holder = held.get(row.id) ?? null;
    return rows;
  }

  function toRow(record: RowRecord, today: string, plan: SearchPlan | null): InboxRow {
    const open = record.is_open === 1;
    const standing = open ? deadlineStanding(calendar, today, record.due_date) : null;
    const workingDaysLeft = standing?.workingDaysLeft ?? null;
    const deadlineState: DeadlineState =
      record.status === 'info_requested' ? 'paused' : (standing?.state ?? 'none');
    const row: InboxRow = {
      id: record.id,
      reference: record.reference,
      procedureCode: record.procedure_code,
      status: record.status,
      applicantName: record.applicant_name,
      companyName: record.company_name,
      region: record.region,
      city: record.city,
      officeCode: record.office_code,
      submittedAt: record.submitted_at,
      dueDate: record.due_date,
      workingDaysLeft,
      deadlineState,
      portalChangesToConfirm: record.portal_changes_pending === 1,
      inConflict: record.in_conflict === 1,
      assignee:
        record.assignee_id && record.assignee_name
          ? { id: record.assignee_id, displayName: record.assignee_name }
          : null,
    };
    if (plan?.match) {
      row.searchMatch = highlightMatch(
        {
          reference: record.reference,
          applicantName: record.applicant_name,
          companyName: record.company_name,
          nif: record.nif,
          rccm: record.rccm,
          phone: record.phone,
          email: record.email,
        },
        plan,
      );
    }
    return row;
  }

  const getRow = db.prepare<[string], RowRecord>(
    `SELECT ${ROW_COLUMNS} FROM applications a LEFT JOIN users u ON u.id = a.assignee_id WHERE a.id = ?`,
  );
  const nextRegion = db.prepare<[string], { region: string | null }>(
    'SELECT min(region) AS region FROM applications WHERE region > ?',
  );
  const activeUsers = db.prepare<[], { id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name',
  );

  /**
   * The search's hits across the cache, counted up to the larger threshold + 1. The words taken
   * whole first: when they alone reach it, so do their prefixes (a superset), and the prefixes'
   * costlier count is skipped — the common case of a broad search, a family name typed out.
   */
  function hitsUpTo(plan: SearchPlan): number {
    const count = (match: string) =>
      statements.all<{ n: number }>(PROBE_HITS_SQL, { match })[0]?.n ?? 0;
    if (plan.exact !== null) {
      const whole = count(plan.exact);
      if (whole > PROBE_HITS_MAX) return whole;
    }
    return count(plan.match!);
  }

  /**
   * The list's order: the clerk's sort; else, searching, relevance for a narrow search and
   * deadline for a broad one. A later page keeps the order of its first (the cursor's), even if
   * a sync moved the search across the threshold meanwhile.
   */
  function orderFor(
    query: ListQuery,
    searching: boolean,
    broad: boolean,
    cursorOrder: string | undefined,
  ): ListOrder {
    if (query.sort || !searching) return listOrder(query.sort, searching);
    const relevance = listOrder(undefined, true);
    const byDeadline = listOrder(DEFAULT_SORT, false);
    if (cursorOrder === relevance.tag) return relevance;
    if (cursorOrder === byDeadline.tag) return byDeadline;
    return broad ? byDeadline : relevance;
  }

  return {
    scopeFor(user: { id: string; officeCode: string }, today: string): QueueScope {
      return {
        userId: user.id,
        officeCode: user.officeCode,
        today,
        dueSoonUntil: dueSoonUntil(calendar, today),
      };
    },

    list(query: ListQuery, scope: QueueScope): InboxPage {
      const { plan, definition, searching } = definitionOf(query);
      if (query.search.trim() !== '' && !searching) return { rows: [], nextCursor: null };
      const hits = searching ? hitsUpTo(plan) : 0;
      const after = query.cursor === null ? null : decodeCursor(query.cursor);
      const order = orderFor(query, searching, hits > RANKED_HITS_MAX, after?.order);
      definition.walkIndex = hits > WALK_HITS_MIN && order.tag !== 'relevance';
      if (query.cursor !== null && (after === null || after.order !== order.tag)) {
        throw new DomainError('invalid_input', 'Position de liste invalide : rechargez la liste.');
      }
      const built = buildPageQuery(definition, order, after !== null);
      const records = statements.all<RowRecord>(built.sql, {
        ...built.params,
        ...scope,
        ...(after ? { afterValue: after.value, afterId: after.id } : {}),
        limit: query.limit + 1,
      });
      const hasMore = records.length > query.limit;
      const page = records.slice(0, query.limit);
      const last = page.at(-1);
      let nextCursor: string | null = null;
      if (hasMore && last) {
        const value =
          order.tag === 'relevance'
            ? (last.score ?? 0)
            : last[SORT_VALUE_COLUMN[(query.sort ?? DEFAULT_SORT).key]];
        nextCursor = encodeCursor({ order: order.tag, value, id: last.id });
      }
      return {
        rows: withHolders(
          page.map((record) => toRow(record, scope.today, searching ? plan : null)),
        ),
        nextCursor,
        ...(searching && !query.sort
          ? { rankedBy: order.tag === 'relevance' ? 'relevance' : 'deadline' }
          : {}),
      };
    },

    /**
     * How many cases the list holds: the tallies when unfiltered (exact), else the list's own
     * count up to its cap + 1 (`totalCapFor`).
     */
    total(query: InboxQuery, scope: QueueScope): number {
      const { plan, definition, searching } = definitionOf(query);
      if (query.search.trim() !== '' && !searching) return 0;
      if (!searching && !hasFilters(query)) return countQueues(counters, scope)[query.queue];
      if (searching && streamsSearchCount(query)) definition.streamHits = true;
      else if (searching) definition.walkIndex = hitsUpTo(plan) > WALK_HITS_MIN;
      const built = buildCountQuery(definition, totalCapFor(query));
      const [result] = statements.all<{ n: number }>(built.sql, { ...built.params, ...scope });
      return result?.n ?? 0;
    },

    counts(scope: QueueScope): QueueCounts {
      return countQueues(counters, scope);
    },

    /**
     * What the inbox's filters offer someone of `officeCode`: every queue shows that office's
     * cases only, so its office and the regions it serves that the cache holds — another office
     * or region could only give an empty list (and, at a million cases, a walk of all that
     * region's cases to say so).
     */
    filterOptions(officeCode: string): InboxFilterOptions {
      const office = OFFICES.find((entry) => entry.code === officeCode);
      const served = new Set<string>(office?.regions ?? []);
      // Distinct regions by hopping through applications_by_region: one seek per region.
      const regions: string[] = [];
      for (let last = ''; ;) {
        const next = nextRegion.get(last)?.region;
        if (next === null || next === undefined) break;
        if (served.has(next)) regions.push(next);
        last = next;
      }
      return {
        offices: office ? [{ code: office.code, name: office.name }] : [],
        regions,
        assignees: activeUsers
          .all()
          .map((user) => ({ id: user.id, displayName: user.display_name })),
      };
    },

    row(id: string, today: string): InboxRow | null {
      const record = getRow.get(id);
      return record ? withHolders([toRow(record, today, null)])[0]! : null;
    },
  };
}
export type InboxQueries = ReturnType<typeof createInboxQueries>;
