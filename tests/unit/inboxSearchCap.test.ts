import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCountQuery, RELEVANCE_LIMIT } from '../../src/main/core/inbox/buildListQuery';
import { TOTAL_CAP } from '../../src/shared/api/types';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

let fixture: InboxFixture;
let lastMensahId: string;
beforeAll(() => {
  fixture = createInboxFixture(2_000, 23);
  // Give many cases the same common name; the clerk's case matches only in its e-mail, the
  // lowest-weighted column, so it ranks below every other hit.
  // (A minority of the cache, so the term keeps a positive IDF in bm25.)
  fixture.db
    .prepare(
      `UPDATE applications SET applicant_name = 'Kodjo Mensah' WHERE rowid <= ${RELEVANCE_LIMIT + 100}`,
    )
    .run();
  lastMensahId = fixture.db
    .prepare(`SELECT id FROM applications WHERE rowid = ${RELEVANCE_LIMIT + 100}`)
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

describe('relevance cap on broad searches', () => {
  it('ranks only the best hits of a search over the whole cache', () => {
    const query = { queue: 'all', filters: {}, search: 'mensah' } as const;
    expect(fixture.inbox.total(query, fixture.scope)).toBe(RELEVANCE_LIMIT);
    const rows = fixture.inbox.list({ ...query, cursor: null, limit: 500 }, fixture.scope).rows;
    expect(rows.map((row) => row.id)).not.toContain(lastMensahId);
  });

  it('still finds every hit inside a queue: a clerk searching « Mes dossiers » finds their case', () => {
    const rows = fixture.inbox.list(
      { queue: 'mine', filters: {}, search: 'mensah', cursor: null, limit: 500 },
      fixture.scope,
    ).rows;
    expect(rows.map((row) => row.id)).toContain(lastMensahId);
  });

  it('still finds every hit under a filter', () => {
    const row = fixture.inbox.list(
      {
        queue: 'all',
        filters: { assigneeIds: ['u-agent-kossi'] },
        search: 'mensah',
        cursor: null,
        limit: 500,
      },
      fixture.scope,
    ).rows;
    expect(row.map((r) => r.id)).toContain(lastMensahId);
  });
});

describe('capped totals of searched and filtered lists', () => {
  const countWith = (cap: number, match: string | null, byRelevance: boolean) => {
    const built = buildCountQuery({ queue: 'all', filters: {}, match }, byRelevance, cap);
    return (
      fixture.db.prepare(built.sql).get({ ...built.params, ...fixture.scope }) as { n: number }
    ).n;
  };

  it('counts exactly below the cap and stops at cap + 1 above it', () => {
    const hits = fixture.db
      .prepare(`SELECT count(*) FROM inbox_search WHERE inbox_search MATCH '"mensah"*'`)
      .pluck()
      .get() as number;
    expect(hits).toBeGreaterThanOrEqual(RELEVANCE_LIMIT + 100);
    expect(countWith(10_000, '"mensah"*', false)).toBe(hits);
    expect(countWith(50, '"mensah"*', false)).toBe(51);
    // Under relevance the list is the best RELEVANCE_LIMIT hits; the cap applies on top.
    expect(countWith(10_000, '"mensah"*', true)).toBe(RELEVANCE_LIMIT);
    expect(countWith(50, null, false)).toBe(51);
  });

  it('inbox.total answers the exact count of a sorted search below TOTAL_CAP', () => {
    const total = fixture.inbox.total(
      { queue: 'all', filters: {}, search: 'mensah', sort: { key: 'deadline', direction: 'asc' } },
      fixture.scope,
    );
    expect(total).toBe(countWith(TOTAL_CAP, '"mensah"*', false));
    expect(total).toBeGreaterThan(RELEVANCE_LIMIT);
    expect(total).toBeLessThanOrEqual(TOTAL_CAP);
  });
});
