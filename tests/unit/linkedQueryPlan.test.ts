import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_CERTIFICATE,
  LOCAL_CERTIFICATES,
  PORTAL_CERTIFICATE,
  PORTAL_CERTIFICATES,
  REGISTRY_MARK,
  REGISTRY_MARKS,
} from '../../src/main/core/linked/certificateLookup';
import { DUPLICATE_MARKS } from '../../src/main/core/linked/duplicateMarks';
import { ID_NUMBERS, PAGE_CASES, SIGNAL_MATCHES } from '../../src/main/core/linked/pageSignals';
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

  // An inbox page's signals (`cases.signals`): one query per part for the whole page, each a
  // range of an index per id or number of the page — a page costs the same at 10k and 1M cases.
  const ids = JSON.stringify(['x', 'y']);

  it('an inbox page: its cases by id, their identifiers’ other cases by the primary key', () => {
    const cases = plan(fixture, PAGE_CASES, { ids, officeCode: 'LOM', withRules: '[]' });
    expect(cases).toMatch(/SEARCH a USING INDEX sqlite_autoindex_applications_1 \(id=\?\)/);
    expect(cases).not.toMatch(/SCAN (applications|a)\b/);
    const matches = plan(fixture, SIGNAL_MATCHES, { ids, officeCode: 'LOM' });
    expect(matches).toMatch(
      /SEARCH mine USING COVERING INDEX case_keys_by_application \(application_id=\?/,
    );
    expect(matches).toMatch(/SEARCH k USING PRIMARY KEY \(kind=\? AND value=\?\)/);
    expect(matches).toMatch(/SEARCH a USING INDEX sqlite_autoindex_applications_1 \(id=\?\)/);
    expect(matches).not.toMatch(/SCAN (applications|a|case_keys|k|mine)\b/);
    expect(plan(fixture, ID_NUMBERS, [ids])).toMatch(
      /SEARCH applications USING INDEX sqlite_autoindex_applications_1 \(id=\?\)/,
    );
  });

  it('an inbox page’s cited certificates, all at once in each source', () => {
    const numbers = JSON.stringify(['CIE-2026-LOM-000001', 'CIE-2026-LOM-000002']);
    expect(plan(fixture, LOCAL_CERTIFICATES, [numbers])).toMatch(
      /SEARCH certificates USING INDEX sqlite_autoindex_certificates_\d \(number=\?\)/,
    );
    const portal = plan(fixture, PORTAL_CERTIFICATES, [numbers]);
    expect(portal).toMatch(/SEARCH k USING PRIMARY KEY \(kind=\? AND value=\?\)/);
    expect(portal).toMatch(/SEARCH a USING INDEX sqlite_autoindex_applications_1 \(id=\?\)/);
    expect(portal).not.toMatch(/SCAN (applications|a|case_keys|k)\b/);
    expect(plan(fixture, REGISTRY_MARKS, [numbers])).toMatch(
      /SEARCH registry_marks USING (INDEX sqlite_autoindex_registry_marks_1|PRIMARY KEY) \(number=\?\)/,
    );
  });
});
