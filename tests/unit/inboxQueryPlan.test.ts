import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCountQuery, buildPageQuery } from '../../src/main/core/inbox/buildListQuery';
import { countQueues, createQueueCounters } from '../../src/main/core/inbox/queueCounts';
import { QUEUE_CONDITIONS } from '../../src/main/core/inbox/queueFilters';
import { ROW_HOLDERS_SQL } from '../../src/main/core/inbox/rowHolders';
import { listOrder } from '../../src/main/core/inbox/sortOrder';
import { planSearch } from '../../src/main/core/inbox/searchExpression';
import {
  QUEUE_IDS,
  type InboxFilters,
  type InboxSort,
  type QueueId,
} from '../../src/shared/api/types';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

let fixture: InboxFixture;
beforeAll(() => {
  fixture = createInboxFixture(3_000, 3);
  fixture.db.exec('ANALYZE');
});
afterAll(() => fixture.close());

/** better-sqlite3 binds the parameters the statement declares and ignores the others. */
function plan(sql: string, params: Record<string, unknown>): string {
  return (fixture.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

function pagePlan(
  queue: QueueId,
  options: {
    sort?: InboxSort;
    filters?: InboxFilters;
    search?: string;
    after?: boolean;
    walkIndex?: boolean;
  } = {},
) {
  const match = planSearch(options.search ?? '').match;
  const order = listOrder(options.sort, match !== null);
  const built = buildPageQuery(
    { queue, filters: options.filters ?? {}, match, walkIndex: options.walkIndex ?? false },
    order,
    options.after ?? false,
  );
  return plan(built.sql, {
    ...built.params,
    ...fixture.scope,
    afterValue: 'x',
    afterId: 'y',
    limit: 100,
  });
}

/** The index each queue's default (deadline) page must walk, in order, without sorting. */
const DEFAULT_SORT_INDEX: Record<QueueId, RegExp> = {
  mine: /applications_by_assignee/,
  to_process: /applications_by_office/,
  waiting_applicant: /applications_by_status/,
  pending_signoff: /applications_by_status/,
  // Office-scoped (« Who sees what »): a range of the office's SLA-clock index (migration 026),
  // or after a cursor the open cases' deadline index, the office checked on each entry.
  due_soon: /applications_(office_sla_running|by_due)/,
  overdue: /applications_(office_sla_running|by_due)/,
  done: /applications_by_due/,
  all: /applications_by_deadline/,
};

describe('inbox query plans', () => {
  it('each queue × default sort walks its index in order (no table scan, no sort)', () => {
    for (const queue of QUEUE_IDS) {
      for (const after of [false, true]) {
        const detail = pagePlan(queue, { after });
        expect(detail, `${queue}\n${detail}`).toMatch(DEFAULT_SORT_INDEX[queue]);
        expect(detail, `${queue}\n${detail}`).not.toMatch(/TEMP B-TREE|SCAN a$/m);
      }
    }
  });

  it('the other sort keys of the full list use their own index, both directions', () => {
    const expected = {
      submitted: /applications_by_submitted/,
      reference: /sqlite_autoindex_applications_2/,
      applicant: /applications_by_applicant/,
      deadline: /applications_by_deadline/,
    } as const;
    for (const [key, index] of Object.entries(expected)) {
      for (const direction of ['asc', 'desc'] as const) {
        const detail = pagePlan('all', {
          sort: { key: key as InboxSort['key'], direction },
          after: true,
        });
        expect(detail, `${key} ${direction}\n${detail}`).toMatch(index);
        expect(detail, `${key} ${direction}\n${detail}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('a procedure or region filter walks its (column, due_date, id) index in order', () => {
    const detail = pagePlan('all', { filters: { procedureCodes: ['COM-IMPEX'] }, after: true });
    expect(detail).toMatch(/applications_by_procedure/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    expect(pagePlan('all', { filters: { regions: ['Kara'] } })).toMatch(/applications_by_region/);
  });

  it('search starts from the FTS index and reaches cases by rowid', () => {
    for (const sort of [undefined, { key: 'deadline', direction: 'asc' } as const]) {
      const detail = pagePlan('all', { search: 'kpodar', ...(sort ? { sort } : {}) });
      expect(detail).toMatch(/SCAN inbox_search VIRTUAL TABLE INDEX/);
      expect(detail).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(detail).not.toMatch(/SCAN a\b/);
    }
  });

  it('a searched total of « Tous » or « Traités » reads the hits in index order, each case by rowid, and counts right', () => {
    const match = planSearch('kpodar').match!;
    const scope = {
      officeCode: 'LOM',
      userId: 'u-agent-kossi',
      today: '2026-11-23',
      dueSoonUntil: '2026-11-26',
    };
    for (const queue of ['all', 'done'] as const) {
      const streamed = buildCountQuery({ queue, filters: {}, match, streamHits: true }, 1_000);
      const detail = plan(streamed.sql, { ...streamed.params, ...scope });
      expect(detail, queue).toMatch(/SCAN hits VIRTUAL TABLE INDEX/);
      expect(detail, queue).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(detail, queue).not.toMatch(/LIST SUBQUERY|SCAN a\b|TEMP B-TREE/);
      // The same number as walking the queue against every hit, as before.
      const walked = buildCountQuery({ queue, filters: {}, match, walkIndex: true }, 1_000);
      const count = (query: { sql: string; params: Record<string, unknown> }) =>
        (fixture.db.prepare(query.sql).get({ ...query.params, ...scope }) as { n: number }).n;
      expect(count(streamed), queue).toBe(count(walked));
      expect(count(streamed), queue).toBeGreaterThan(0);
    }
  });

  it('a broad search walks the list’s own index in order, probing each entry against the hits', () => {
    for (const queue of QUEUE_IDS) {
      for (const after of [false, true]) {
        const detail = pagePlan(queue, {
          search: 'kpodar',
          sort: { key: 'deadline', direction: 'asc' },
          after,
          walkIndex: true,
        });
        const label = `${queue}\n${detail}`;
        expect(detail, label).toMatch(DEFAULT_SORT_INDEX[queue]);
        expect(detail, label).toMatch(/LIST SUBQUERY/);
        expect(detail, label).not.toMatch(/TEMP B-TREE|INTEGER PRIMARY KEY/);
      }
    }
  });

  it('a walked search under a filter walks the order’s index, or the filter’s when it serves the order', () => {
    const walked = (sort: InboxSort) =>
      pagePlan('all', {
        filters: { procedureCodes: ['COM-IMPEX'] },
        search: 'kpodar',
        sort,
        after: true,
        walkIndex: true,
      });
    const byApplicant = walked({ key: 'applicant', direction: 'asc' });
    expect(byApplicant, byApplicant).toMatch(/applications_by_applicant/);
    expect(byApplicant, byApplicant).not.toMatch(/TEMP B-TREE/);
    const byDeadline = walked({ key: 'deadline', direction: 'asc' });
    expect(byDeadline, byDeadline).toMatch(/applications_by_procedure/);
    expect(byDeadline, byDeadline).not.toMatch(/TEMP B-TREE/);
  });

  it('queue × submission-date sort walks an index serving filter and order (migration 004)', () => {
    const cases: [QueueId, InboxFilters, RegExp][] = [
      ['done', { regions: ['Kara'] }, /applications_by_region_submitted/],
      ['done', {}, /applications_by_open_submitted/],
      ['done', { officeCodes: ['KAR'] }, /applications_by_office_submitted/],
    ];
    for (const [queue, filters, index] of cases) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const after of [false, true]) {
          const detail = pagePlan(queue, {
            filters,
            sort: { key: 'submitted', direction },
            after,
          });
          const label = `${queue} ${JSON.stringify(filters)} ${direction}\n${detail}`;
          expect(detail, label).toMatch(index);
          expect(detail, label).not.toMatch(/TEMP B-TREE|SCAN a$/m);
        }
      }
    }
  });

  it('a page’s holders: one primary-key lookup per row of the page, never a scan of the leases', () => {
    const detail = plan(ROW_HOLDERS_SQL.replace('?', '@ids'), { ids: '["a","b"]' });
    expect(detail).toMatch(/SEARCH case_leases USING PRIMARY KEY \(application_id=\?\)/);
    expect(detail).not.toMatch(/SCAN case_leases/);
  });

  it('the queue counts read the tallies and the office SLA-clock partial index only (migrations 008, 027)', () => {
    const db = fixture.db;
    const tallies = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT status, office_code, assignee_id, n FROM inbox_tallies WHERE n > 0',
        )
        .all() as { detail: string }[]
    )[0]?.detail;
    expect(tallies).toMatch(/inbox_tallies/);
    // The navigation's counters name the partial index; the list total (inbox.total) must also
    // stay on an index rather than read the table.
    const counters = createQueueCounters(db);
    const counted = countQueues(counters, fixture.scope);
    expect(counted.overdue).toBeGreaterThan(0);
    for (const queue of ['overdue', 'due_soon'] as const) {
      const sql = `SELECT count(*) AS n FROM applications a INDEXED BY applications_office_sla_running WHERE ${QUEUE_CONDITIONS[queue]}`;
      expect(plan(sql, { ...fixture.scope })).toMatch(
        /COVERING INDEX applications_office_sla_running \(office_code=\? AND/,
      );
      const total = buildCountQuery({ queue, filters: {}, match: null }, 10_000);
      expect(plan(total.sql, { ...fixture.scope })).toMatch(/USING (COVERING )?INDEX/);
    }
  });
});
