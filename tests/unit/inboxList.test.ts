import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPageQuery } from '../../src/main/core/inbox/buildListQuery';
import type { ListQuery } from '../../src/main/core/inbox/inboxQueries';
import { listOrder } from '../../src/main/core/inbox/sortOrder';
import {
  QUEUE_IDS,
  SORT_KEYS,
  type InboxFilters,
  type InboxRow,
  type QueueId,
} from '../../src/shared/api/types';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

let fixture: InboxFixture;
beforeAll(() => {
  fixture = createInboxFixture(1_500, 5);
});
afterAll(() => fixture.close());

const base = (overrides: Partial<ListQuery> = {}): ListQuery => ({
  queue: 'all',
  filters: {},
  search: '',
  cursor: null,
  limit: 500,
  ...overrides,
});

/** Walks every page; fails on a cursor loop. */
function walk(query: ListQuery): InboxRow[] {
  const rows: InboxRow[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = fixture.inbox.list({ ...query, cursor }, fixture.scope);
    rows.push(...page.rows);
    cursor = page.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('pagination did not end');
}

/** The same list in one statement, no keyset: what pagination must reproduce exactly. */
function unpaginated(query: ListQuery): string[] {
  const order = listOrder(query.sort, false);
  const built = buildPageQuery(
    { queue: query.queue, filters: query.filters, match: null },
    order,
    false,
  );
  return fixture.db
    .prepare(built.sql)
    .all({ ...built.params, ...pick(built.sql, fixture.scope), limit: -1 })
    .map((row) => (row as { id: string }).id);
}
const pick = (sql: string, scope: object) =>
  Object.fromEntries(Object.entries(scope).filter(([name]) => sql.includes(`@${name}`)));

describe('inbox list', () => {
  it('paginates every sort key × direction to the end with no duplicate and no gap', () => {
    for (const key of SORT_KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const queue of ['all', 'to_process', 'done'] as const) {
          const query = base({ queue, sort: { key, direction }, limit: 37 });
          const ids = walk(query).map((row) => row.id);
          expect(new Set(ids).size, `${queue} ${key} ${direction}`).toBe(ids.length);
          expect(ids, `${queue} ${key} ${direction}`).toEqual(unpaginated(query));
        }
      }
    }
  });

  it('orders as asked', () => {
    const bySubmitted = walk(base({ sort: { key: 'submitted', direction: 'desc' } }));
    const dates = bySubmitted.map((row) => row.submittedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const byReference = walk(base({ sort: { key: 'reference', direction: 'asc' } }));
    const references = byReference.map((row) => row.reference);
    expect(references).toEqual([...references].sort());
    // « Tous » is the reader's office (README « Who sees what »).
    const ofOffice = fixture.db
      .prepare('SELECT count(*) AS n FROM applications WHERE office_code = ?')
      .get(fixture.scope.officeCode) as { n: number };
    expect(ofOffice.n).toBeGreaterThan(0);
    expect(ofOffice.n).toBeLessThan(1_500);
    expect(walk(base()).length).toBe(ofOffice.n);
  });

  it('refuses a cursor made for another sort', () => {
    const page = fixture.inbox.list(base({ limit: 10 }), fixture.scope);
    expect(() =>
      fixture.inbox.list(
        base({ cursor: page.nextCursor, sort: { key: 'reference', direction: 'asc' } }),
        fixture.scope,
      ),
    ).toThrow(/invalide/);
  });

  it('applies each filter and their combinations', () => {
    const all = walk(base());
    const cases: [InboxFilters, (row: InboxRow) => boolean][] = [
      [
        { procedureCodes: ['COM-IMPEX', 'ART-CP'] },
        (row) => ['COM-IMPEX', 'ART-CP'].includes(row.procedureCode),
      ],
      [{ statuses: ['submitted'] }, (row) => row.status === 'submitted'],
      [{ officeCodes: ['LOM'] }, (row) => row.officeCode === 'LOM'],
      [
        { regions: ['Maritime', 'Plateaux'] },
        (row) => ['Maritime', 'Plateaux'].includes(row.region),
      ],
      [{ assigneeIds: ['u-agent-kossi'] }, (row) => row.assignee?.id === 'u-agent-kossi'],
      [{ assigneeIds: ['none'] }, (row) => row.assignee === null],
      [
        { assigneeIds: ['none', 'u-sup-ablavi'] },
        (row) => row.assignee === null || row.assignee.id === 'u-sup-ablavi',
      ],
      [
        { submittedFrom: '2026-11-01', submittedTo: '2026-11-10' },
        (row) => row.submittedAt >= '2026-11-01' && row.submittedAt < '2026-11-11',
      ],
      [{ deadlineStates: ['overdue'] }, (row) => row.deadlineState === 'overdue'],
      [{ deadlineStates: ['due_soon'] }, (row) => row.deadlineState === 'due_soon'],
      [
        { deadlineStates: ['on_time', 'due_soon'] },
        (row) => row.deadlineState === 'on_time' || row.deadlineState === 'due_soon',
      ],
      [
        {
          procedureCodes: ['COM-IMPEX'],
          officeCodes: ['LOM'],
          deadlineStates: ['overdue'],
          statuses: ['in_review', 'submitted'],
        },
        (row) =>
          row.procedureCode === 'COM-IMPEX' &&
          row.officeCode === 'LOM' &&
          row.deadlineState === 'overdue' &&
          ['in_review', 'submitted'].includes(row.status),
      ],
    ];
    for (const [filters, expected] of cases) {
      const rows = walk(base({ filters, limit: 50 }));
      const label = JSON.stringify(filters);
      expect(rows.map((row) => row.id).sort(), label).toEqual(
        all
          .filter(expected)
          .map((row) => row.id)
          .sort(),
      );
      expect(rows.length, label).toBeGreaterThan(0);
      expect(fixture.inbox.total({ queue: 'all', filters, search: '' }, fixture.scope), label).toBe(
        rows.length,
      );
    }
  });

  it('an office filter cannot reach past the reader’s office', () => {
    expect(walk(base({ filters: { officeCodes: ['KAR'] } }))).toEqual([]);
    expect(
      fixture.inbox.total(
        { queue: 'all', filters: { officeCodes: ['KAR'] }, search: '' },
        fixture.scope,
      ),
    ).toBe(0);
  });

  it('combines filters with a search', () => {
    const searched = walk(base({ search: 'kpodar', filters: { officeCodes: ['LOM'] }, limit: 3 }));
    expect(
      searched.every((row) => row.officeCode === 'LOM' && /kpodar/i.test(JSON.stringify(row))),
    ).toBe(true);
    const sorted = walk(
      base({ search: 'kpodar', sort: { key: 'deadline', direction: 'desc' }, limit: 3 }),
    );
    const due = sorted.map((row) => row.dueDate);
    expect(due).toEqual([...due].sort().reverse());
  });

  it('queue counts and totals equal the lists, including after an assignment', () => {
    const check = () => {
      const counts = fixture.inbox.counts(fixture.scope);
      for (const queue of QUEUE_IDS) {
        const listed = walk(base({ queue: queue as QueueId })).length;
        expect(counts[queue], queue).toBe(listed);
        expect(fixture.inbox.total({ queue, filters: {}, search: '' }, fixture.scope), queue).toBe(
          listed,
        );
      }
    };
    check();
    const [open] = walk(base({ queue: 'to_process', limit: 1 }));
    fixture.db
      .prepare(
        "UPDATE applications SET assignee_id = 'u-agent-kossi', status = 'in_review' WHERE id = ?",
      )
      .run(open!.id);
    check();
  });

  it('puts a due date right after a holiday-extended window in "échéance proche", as the badge does', () => {
    const { calendar } = fixture;
    const today = fixture.scope.today;
    // Every day in the window until dueSoonUntil has at most 3 working days left; the next has 4.
    expect(calendar.workingDaysBetween(today, fixture.scope.dueSoonUntil)).toBeLessThanOrEqual(3);
    const after = new Date(Date.parse(`${fixture.scope.dueSoonUntil}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(calendar.workingDaysBetween(today, after)).toBe(4);
  });

  it('offers its office, the regions it serves that the cache holds and active users as filter options', () => {
    // Every queue shows the office's cases only: another office or region would list nothing.
    expect(fixture.scope.officeCode).toBe('LOM');
    const options = fixture.inbox.filterOptions('LOM');
    expect(options.offices).toEqual([{ code: 'LOM', name: 'Lomé' }]);
    const regions = fixture.db
      .prepare(
        "SELECT DISTINCT region FROM applications WHERE region IN ('Grand Lomé', 'Maritime') ORDER BY region",
      )
      .pluck()
      .all();
    expect(regions.length).toBeGreaterThan(0);
    expect(options.regions).toEqual(regions);
    expect(fixture.inbox.filterOptions('KAR')).toMatchObject({
      offices: [{ code: 'KAR', name: 'Kara' }],
      regions: ['Kara'],
    });
    expect(options.assignees.map((user) => user.id)).toContain('u-agent-kossi');
  });
});
