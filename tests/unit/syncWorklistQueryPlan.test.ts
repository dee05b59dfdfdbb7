import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAILED_DOCUMENTS,
  FLAGGED_CASES,
  outboxPageSql,
} from '../../src/main/core/sync/syncWorklist';
import { OUTBOX_FILTERS } from '../../src/shared/api/worklistTypes';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

/**
 * « À régulariser » is counted at every case change (the navigation's count): its queries must
 * read the few rows that need a person through their partial indexes, never every case of the
 * office. The outbox view pages down the outbox's key. A real migrated cache, with statistics.
 */

let fixture: InboxFixture;
beforeAll(() => {
  fixture = createInboxFixture(3_000, 5);
  fixture.db.exec('ANALYZE');
});
afterAll(() => fixture.close());

function plan(sql: string, params: Record<string, unknown>): string {
  return (fixture.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

/** A full pass over a table: `SCAN <table>` without an index. */
const fullScan = (table: string, alias: string) =>
  new RegExp(`SCAN (${table}|${alias})(?! USING)(?!.*INDEX)`, 'm');

describe('query plans of « À régulariser » and the outbox view', () => {
  it('finds the cases in conflict or with a refused action through their indexes', () => {
    const detail = plan(FLAGGED_CASES, { office: 'LOM' });
    expect(detail).toMatch(/applications_in_conflict/);
    expect(detail).toMatch(/outbox_by_state/);
    expect(detail).not.toMatch(fullScan('applications', 'a'));
    expect(detail).not.toMatch(fullScan('outbox', 'o'));
  });

  it('finds the attachments given up through the partial index of documents not ready', () => {
    const detail = plan(FAILED_DOCUMENTS, { office: 'LOM' });
    expect(detail).toMatch(/documents_pending/);
    expect(detail).not.toMatch(fullScan('documents', 'd'));
    expect(detail).not.toMatch(fullScan('applications', 'a'));
  });

  // « En attente » is two states: two ranges of the state index, sorted — the undelivered
  // actions only, a handful. Every other list walks down the key without sorting.
  it.each(OUTBOX_FILTERS)('pages the outbox (%s) through an index', (filter) => {
    const detail = plan(outboxPageSql(filter), { office: 'LOM', cursor: 1_000, limit: 100 });
    if (filter !== 'waiting') expect(detail).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    if (filter !== 'all') expect(detail).toMatch(/outbox_by_state/);
    expect(detail).not.toMatch(fullScan('outbox', 'o'));
    expect(detail).not.toMatch(fullScan('applications', 'a'));
  });
});
