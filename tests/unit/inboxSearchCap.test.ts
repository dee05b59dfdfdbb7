import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCountQuery,
  PROBE_HITS_MAX,
  WALK_HITS_MIN,
} from '../../src/main/core/inbox/buildListQuery';
import { createInboxQueries } from '../../src/main/core/inbox/inboxQueries';
import { RANKED_HITS_MAX, SEARCH_TOTAL_CAP } from '../../src/shared/api/types';
import { createInboxFixture, intoReadersOffice, type InboxFixture } from '../support/inboxFixture';

let fixture: InboxFixture;
let lastMensahId: string;
const BROAD = RANKED_HITS_MAX + 100;

beforeAll(() => {
  fixture = createInboxFixture(2_000, 23);
  intoReadersOffice(fixture);
  // Many cases share a common name: a broad search. The clerk's case matches only in its e-mail.
  fixture.db
    .prepare(`UPDATE applications SET applicant_name = 'Kodjo Mensah' WHERE rowid <= ${BROAD}`)
    .run();
  lastMensahId = fixture.db
    .prepare(`SELECT id FROM applications WHERE rowid = ${BROAD}`)
    .pluck()
    .get() as string;
  fixture.db
    .prepare(
      `UPDATE applications SET applicant_name = 'Kodjo Agbodjan', company_name = NULL,
         email = 'mensah.k@example.tg', assignee_id = 'u-agent-kossi', status = 'in_review',
         is_open = 1 WHERE id = ?`,
    )
    .run(lastMensahId);
});
afterAll(() => fixture.close());

/** Closed cases among a search's hits, counted directly. */
const closedHits = (db: InboxFixture['db'], match: string) =>
  db
    .prepare(
      `SELECT count(*) FROM applications WHERE is_open = 0 AND rowid IN
         (SELECT rowid FROM inbox_search WHERE inbox_search MATCH ?)`,
    )
    .pluck()
    .get(match) as number;

const hitsOf = (match: string) =>
  fixture.db
    .prepare('SELECT count(*) FROM inbox_search WHERE inbox_search MATCH ?')
    .pluck()
    .get(match) as number;

function everyPage(query: { queue: 'all' | 'mine'; search: string }) {
  const rows = [];
  let cursor: string | null = null;
  let rankedBy: string | undefined;
  do {
    const page = fixture.inbox.list({ ...query, filters: {}, cursor, limit: 300 }, fixture.scope);
    rows.push(...page.rows);
    rankedBy ??= page.rankedBy;
    cursor = page.nextCursor;
  } while (cursor);
  return { rows, rankedBy };
}

describe('broad and narrow searches', () => {
  it('lists a broad search by deadline, every hit kept', () => {
    expect(hitsOf('"mensah"*')).toBeGreaterThan(RANKED_HITS_MAX);
    const { rows, rankedBy } = everyPage({ queue: 'all', search: 'mensah' });
    expect(rankedBy).toBe('deadline');
    expect(rows).toHaveLength(hitsOf('"mensah"*'));
    expect(rows.map((row) => row.id)).toContain(lastMensahId);
    const keys = rows.map((row) => `${row.dueDate} ${row.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('ranks a narrow search by relevance', () => {
    const name = fixture.db
      .prepare(`SELECT applicant_name FROM applications WHERE rowid = ${BROAD + 50}`)
      .pluck()
      .get() as string;
    const word = name.split(' ').at(-1)!;
    const { rows, rankedBy } = everyPage({ queue: 'all', search: word });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(RANKED_HITS_MAX);
    expect(rankedBy).toBe('relevance');
  });

  it('finds every hit inside a queue: a clerk searching « Mes dossiers » finds their case', () => {
    const { rows } = everyPage({ queue: 'mine', search: 'mensah' });
    expect(rows.map((row) => row.id)).toContain(lastMensahId);
  });

  it('keeps the first page’s order on later pages when a sync moves the search across the threshold', () => {
    const first = fixture.inbox.list(
      { queue: 'all', filters: {}, search: 'kodjo mensah', cursor: null, limit: 10 },
      fixture.scope,
    );
    expect(first.rankedBy).toBe('deadline');
    fixture.db.exec('SAVEPOINT narrowed');
    try {
      fixture.db
        .prepare(`UPDATE applications SET applicant_name = 'Ama Dovi' WHERE rowid <= 900`)
        .run();
      expect(hitsOf('"kodjo"* "mensah"*')).toBeLessThanOrEqual(RANKED_HITS_MAX);
      const next = fixture.inbox.list(
        { queue: 'all', filters: {}, search: 'kodjo mensah', cursor: first.nextCursor, limit: 10 },
        fixture.scope,
      );
      expect(next.rankedBy).toBe('deadline');
      expect(next.rows[0]!.dueDate >= first.rows.at(-1)!.dueDate).toBe(true);
      // A new first page is ranked.
      const fresh = fixture.inbox.list(
        { queue: 'all', filters: {}, search: 'kodjo mensah', cursor: null, limit: 10 },
        fixture.scope,
      );
      expect(fresh.rankedBy).toBe('relevance');
    } finally {
      fixture.db.exec('ROLLBACK TO narrowed; RELEASE narrowed');
    }
  });
});

describe('order kept across the threshold', () => {
  it('a relevance cursor keeps relevance when a sync makes the search broad', () => {
    const rename = (upTo: number) =>
      fixture.db
        .prepare(`UPDATE applications SET applicant_name = 'Ama Dovi' WHERE rowid <= ${upTo}`)
        .run();
    fixture.db.exec('SAVEPOINT widened');
    try {
      rename(5);
      const first = fixture.inbox.list(
        { queue: 'all', filters: {}, search: 'dovi', cursor: null, limit: 1 },
        fixture.scope,
      );
      expect(first.rankedBy).toBe('relevance');
      expect(first.nextCursor).not.toBeNull();
      rename(RANKED_HITS_MAX + 50);
      expect(hitsOf('"dovi"*')).toBeGreaterThan(RANKED_HITS_MAX);
      const next = fixture.inbox.list(
        { queue: 'all', filters: {}, search: 'dovi', cursor: first.nextCursor, limit: 20 },
        fixture.scope,
      );
      expect(next.rankedBy).toBe('relevance');
      expect(next.rows).toHaveLength(20);
    } finally {
      fixture.db.exec('ROLLBACK TO widened; RELEASE widened');
    }
  });
});

describe('capped totals of searched and filtered lists', () => {
  const countWith = (
    cap: number,
    match: string | null,
    options: { queue?: 'all' | 'done'; walkIndex?: boolean } = {},
  ) => {
    const built = buildCountQuery(
      { queue: options.queue ?? 'all', filters: {}, match, walkIndex: options.walkIndex ?? false },
      cap,
    );
    return (
      fixture.db.prepare(built.sql).get({ ...built.params, ...fixture.scope }) as { n: number }
    ).n;
  };

  it('counts exactly below the cap and stops at cap + 1 above it, for either plan', () => {
    const hits = hitsOf('"mensah"*');
    expect(countWith(10_000, '"mensah"*')).toBe(hits);
    expect(countWith(50, '"mensah"*')).toBe(51);
    expect(countWith(50, null)).toBe(51);
    const closed = closedHits(fixture.db, '"mensah"*');
    expect(closed).toBeGreaterThan(0);
    for (const walkIndex of [false, true]) {
      expect(countWith(10_000, '"mensah"*', { queue: 'done', walkIndex })).toBe(closed);
      expect(countWith(5, '"mensah"*', { queue: 'done', walkIndex })).toBe(6);
    }
  });

  it('inbox.total counts a search up to SEARCH_TOTAL_CAP + 1', () => {
    const total = fixture.inbox.total(
      { queue: 'all', filters: {}, search: 'mensah', sort: { key: 'deadline', direction: 'asc' } },
      fixture.scope,
    );
    expect(hitsOf('"mensah"*')).toBeGreaterThan(SEARCH_TOTAL_CAP);
    expect(total).toBe(SEARCH_TOTAL_CAP + 1);
  });
});

describe('a search past WALK_HITS_MIN walks the list’s index', () => {
  let large: InboxFixture;
  beforeAll(() => {
    large = createInboxFixture(WALK_HITS_MIN + 1_500, 29);
    intoReadersOffice(large);
    large.db
      .prepare(
        `UPDATE applications SET applicant_name = 'Yawa Sossou' WHERE rowid <= ${WALK_HITS_MIN + 200}`,
      )
      .run();
  });
  afterAll(() => large.close());

  it('chooses the plan from the whole word when it alone passes the threshold, the prefix otherwise', () => {
    // The expressions each search probe asked FTS5 for, seen through the real database.
    const probed: string[] = [];
    const watched = new Proxy(large.db, {
      get(db, key) {
        if (key !== 'prepare') return Reflect.get(db, key, db) as unknown;
        return (sql: string) => {
          const statement = db.prepare(sql);
          if (!sql.includes('LIMIT ' + String(PROBE_HITS_MAX + 1))) return statement;
          return new Proxy(statement, {
            get(target, name) {
              const value = Reflect.get(target, name, target) as unknown;
              if (name !== 'all' || typeof value !== 'function') return value;
              return (params: { match: string }) => {
                probed.push(params.match);
                return (value as (p: unknown) => unknown).call(target, params);
              };
            },
          });
        };
      },
    });
    const inbox = createInboxQueries(watched, large.calendar);
    const listed = (search: string) =>
      inbox.list({ queue: 'all', filters: {}, search, cursor: null, limit: 50 }, large.scope);

    // « sossou » names more than WALK_HITS_MIN cases: its prefixes' hits are never merged.
    expect(listed('sossou').rankedBy).toBe('deadline');
    expect(probed).toEqual(['"sossou"']);
    // « soss » as a word names no one: the prefix decides, and finds the same broad search.
    probed.length = 0;
    expect(listed('soss').rankedBy).toBe('deadline');
    expect(probed).toEqual(['"soss"', '"soss"*']);
    // Two words, one typed in part: whole, they name no one; their prefixes decide.
    probed.length = 0;
    expect(listed('yawa sos').rows.length).toBeGreaterThan(0);
    expect(probed).toEqual(['"yawa" "sos"', '"yawa"* "sos"*']);
  });

  it('pages every hit in order, for the default and an explicit sort, with exact counts', () => {
    const expected = (orderBy: string) =>
      large.db
        .prepare(
          `SELECT id FROM applications WHERE rowid IN
             (SELECT rowid FROM inbox_search WHERE inbox_search MATCH '"sossou"*') ORDER BY ${orderBy}`,
        )
        .pluck()
        .all() as string[];
    const sorts = [
      [undefined, 'due_date, id'],
      [
        { key: 'applicant', direction: 'desc' } as const,
        'applicant_name COLLATE NOCASE DESC, id DESC',
      ],
    ] as const;
    for (const [sort, orderBy] of sorts) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = large.inbox.list(
          {
            queue: 'all',
            filters: {},
            search: 'sossou',
            ...(sort ? { sort } : {}),
            cursor,
            limit: 700,
          },
          large.scope,
        );
        if (!sort) expect(page.rankedBy).toBe('deadline');
        ids.push(...page.rows.map((row) => row.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toEqual(expected(orderBy));
    }
    // A filter under a sort its index does not serve is checked row by row on the sort's walk.
    const procedure = large.db
      .prepare('SELECT procedure_code FROM applications WHERE rowid = 7')
      .pluck()
      .get() as string;
    const filtered: string[] = [];
    let next: string | null = null;
    do {
      const page = large.inbox.list(
        {
          queue: 'all',
          filters: { procedureCodes: [procedure] },
          search: 'sossou',
          sort: { key: 'applicant', direction: 'asc' },
          cursor: next,
          limit: 40,
        },
        large.scope,
      );
      filtered.push(...page.rows.map((row) => row.id));
      next = page.nextCursor;
    } while (next);
    const expectedFiltered = large.db
      .prepare(
        `SELECT id FROM applications WHERE procedure_code = ? AND rowid IN
           (SELECT rowid FROM inbox_search WHERE inbox_search MATCH '"sossou"*')
         ORDER BY applicant_name COLLATE NOCASE, id`,
      )
      .pluck()
      .all(procedure) as string[];
    expect(expectedFiltered.length).toBeGreaterThan(40);
    expect(filtered).toEqual(expectedFiltered);
    const closed = closedHits(large.db, '"sossou"*');
    expect(large.inbox.total({ queue: 'done', filters: {}, search: 'sossou' }, large.scope)).toBe(
      Math.min(closed, SEARCH_TOTAL_CAP + 1),
    );
  });
});
