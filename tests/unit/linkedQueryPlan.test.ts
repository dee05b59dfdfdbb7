import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_CERTIFICATE,
  PORTAL_CERTIFICATE,
  REGISTRY_MARK,
} from '../../src/main/core/linked/certificateLookup';
import { DUPLICATE_MARKS } from '../../src/main/core/linked/duplicateMarks';
import { SAME_APPLICANT } from '../../src/main/core/linked/sameApplicant';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

/**
 * A case opens with its linked records (issue 20 §2: < 20 ms at 1M cases): every lookup is a
 * range of an index — the case's keys, then one primary-key range per key; a certificate by its
 * number; the duplicate marks of either side — never a pass over the cases (`SCAN applications`)
 * or over all the keys (`SCAN case_keys`), with statistics.
 */

function plan(fixture: InboxFixture, sql: string, params: unknown): string {
  return (fixture.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

describe('linked records query plans', () => {
  let fixture: InboxFixture;
  beforeAll(() => {
    fixture = createInboxFixture(1_500, 7);
    fixture.db.exec('ANALYZE');
  });
  afterAll(() => fixture.close());

  it('the same applicant: the case’s keys by their index, each key’s cases by the primary key', () => {
    const detail = plan(fixture, SAME_APPLICANT, { id: 'x', officeCode: 'LOM', limit: 200 });
    expect(detail).toMatch(/SEARCH case_keys USING COVERING INDEX case_keys_by_application/);
    expect(detail).toMatch(/SEARCH k USING PRIMARY KEY \(kind=\? AND value=\?\)/);
    expect(detail).toMatch(/SEARCH a USING INDEX sqlite_autoindex_applications_1 \(id=\?\)/);
    expect(detail).not.toMatch(/SCAN (applications|a|case_keys|k)\b/);
  });

  it('writes a case’s keys from its row by rowid: a batch on ingest, one case in the trigger', () => {
    for (const [where, params] of [
      ['case_rowid IN (SELECT value FROM json_each(?))', ['[1,2,3]']],
      ['case_rowid = ?', [5]],
    ] as const) {
      const detail = plan(
        fixture,
        `SELECT kind, value, application_id FROM case_keys_source WHERE ${where} AND value <> ''`,
        params,
      );
      expect(
        detail.match(/SEARCH applications USING INTEGER PRIMARY KEY \(rowid=\?\)/g),
      ).toHaveLength(5);
      expect(detail).not.toMatch(/SCAN applications/);
    }
  });

  it('a certificate by its number: this desk’s, the portal’s, the registry’s', () => {
    expect(plan(fixture, LOCAL_CERTIFICATE, ['CIE-2026-LOM-000001'])).toMatch(
      /SEARCH certificates USING INDEX sqlite_autoindex_certificates_\d \(number=\?\)/,
    );
    const portal = plan(fixture, PORTAL_CERTIFICATE, ['CIE-2026-LOM-000001']);
    expect(portal).toMatch(/SEARCH case_keys USING PRIMARY KEY \(kind=\? AND value=\?\)/);
    expect(portal).not.toMatch(/SCAN/);
    expect(plan(fixture, REGISTRY_MARK, ['CIE-2026-LOM-000001'])).toMatch(
      /SEARCH registry_marks USING (INDEX sqlite_autoindex_registry_marks_1|PRIMARY KEY) \(number=\?\)/,
    );
  });

  it('the duplicate marks of a case, from either side', () => {
    const detail = plan(fixture, DUPLICATE_MARKS, { id: 'x' });
    expect(detail).toMatch(/MULTI-INDEX OR/);
    expect(detail).toMatch(/PRIMARY KEY \(application_id=\?\)/);
    expect(detail).toMatch(/INDEX duplicate_links_by_other \(duplicate_of=\?\)/);
    expect(detail).not.toMatch(/SCAN (duplicate_links|l)\b/);
  });
});
