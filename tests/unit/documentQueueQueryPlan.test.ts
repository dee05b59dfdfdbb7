import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUE_DOCUMENTS, NEXT_DOCUMENT_DUE } from '../../src/main/core/sync/documentDownloader';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

/**
 * The attachment downloader picks its next documents on the main thread, again and again during
 * a download and at every periodic sync even with nothing to download: each of its queries must
 * read a few entries of the download queue (the partial index `documents_due`, migration 025),
 * never every document of the cache (issue 18: a `SCAN documents` cost 115–250 ms per pick on a
 * 100k cache). The same plans hold whatever the share of documents still to fetch: a new desk
 * (all pending) and a desk that has them all (none pending), each with statistics.
 */

/** better-sqlite3 binds the parameters the statement declares and ignores the others. */
function plan(fixture: InboxFixture, sql: string): string {
  const params = { now: '2026-11-23T09:00:00.000Z', limit: 6 };
  return (fixture.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

/** A full pass over the table, with or without an index that does not narrow it. */
const fullScan = /SCAN documents/;

const WHERE_DOCUMENTS_ARE = {
  'all pending (a new desk)': () => {},
  'mostly ready, a few retries and a failure': (fixture: InboxFixture) => {
    fixture.db.exec(`
      UPDATE documents SET state = 'ready', local_path = 'x';
      UPDATE documents SET state = 'pending' WHERE rowid % 50 = 0;
      UPDATE documents SET next_attempt_at = '2026-11-23T09:05:00.000Z' WHERE rowid % 100 = 0;
      UPDATE documents SET state = 'downloading' WHERE rowid % 150 = 0;
      UPDATE documents SET state = 'failed' WHERE rowid % 170 = 0;`);
  },
  'all ready (nothing to download)': (fixture: InboxFixture) => {
    fixture.db.exec(`UPDATE documents SET state = 'ready', local_path = 'x'`);
  },
};

describe.each(Object.entries(WHERE_DOCUMENTS_ARE))('download queue plans, %s', (_, shape) => {
  let fixture: InboxFixture;
  beforeAll(() => {
    fixture = createInboxFixture(1_500, 7);
    shape(fixture);
    fixture.db.exec('ANALYZE');
  });
  afterAll(() => fixture.close());

  it('picks the next documents due through the queue index, in order, without a sort of it', () => {
    const detail = plan(fixture, DUE_DOCUMENTS);
    expect(detail).toMatch(/SEARCH documents USING INDEX documents_due \(next_attempt_at=\?\)/);
    expect(detail).toMatch(/SEARCH documents USING INDEX documents_due \(next_attempt_at<\?\)/);
    expect(detail).not.toMatch(fullScan);
    // Only the two parts' few rows are merged; neither part sorts the queue.
    expect(detail.match(/USE TEMP B-TREE FOR ORDER BY/g) ?? []).toHaveLength(1);
  });

  it('finds when the next download is due through the queue index', () => {
    const detail = plan(fixture, NEXT_DOCUMENT_DUE);
    expect(detail).toMatch(/SEARCH documents USING INDEX documents_due \(next_attempt_at=\?\)/);
    expect(detail).toMatch(/SEARCH documents USING INDEX documents_due \(next_attempt_at>\?\)/);
    expect(detail).not.toMatch(fullScan);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
