import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStatementCache } from '../../src/main/core/inbox/statementCache';

/**
 * The cache binds the caller's whole parameter object: better-sqlite3 takes the named parameters
 * a statement declares and ignores the rest. These tests pin that behaviour of the library (a
 * release that starts refusing extra keys fails here, not in the inbox) and that nothing the
 * statement declares is ever dropped on the way.
 */

const db = new Database(':memory:');
db.exec(`CREATE TABLE offices (code TEXT PRIMARY KEY, region TEXT NOT NULL);
  INSERT INTO offices VALUES ('LOM', 'Maritime'), ('KAR', 'Kara'), ('SOK', 'Centrale');`);
const statements = createStatementCache(db);
afterAll(() => db.close());

const codes = (rows: { code: string }[]) => rows.map((row) => row.code);

describe('statement cache', () => {
  it('ignores keys the statement does not declare, even one that extends a declared name', () => {
    const sql =
      'SELECT code FROM offices WHERE code IN (SELECT value FROM json_each(@officeCodes)) ORDER BY code';
    const rows = statements.all<{ code: string }>(sql, {
      officeCodes: JSON.stringify(['LOM', 'KAR']),
      officeCode: 'SOK',
      unrelated: 42,
    });
    expect(codes(rows)).toEqual(['KAR', 'LOM']);
  });

  it('binds every named parameter the statement declares, whatever its prefix', () => {
    const rows = statements.all<{ code: string }>(
      'SELECT code FROM offices WHERE region = :region OR code = $code ORDER BY code',
      { region: 'Kara', code: 'SOK' },
    );
    expect(codes(rows)).toEqual(['KAR', 'SOK']);
  });

  it('refuses a statement whose declared parameter is missing', () => {
    expect(() =>
      statements.all('SELECT code FROM offices WHERE code = @officeCode', { officeCodes: '[]' }),
    ).toThrow(/Missing named parameter "officeCode"/);
  });

  it('keeps serving a statement after more distinct texts than it holds', () => {
    for (let i = 0; i < 250; i++) {
      expect(statements.all<{ n: number }>(`SELECT ${i} AS n`, {})).toEqual([{ n: i }]);
    }
    expect(statements.all<{ n: number }>('SELECT 0 AS n', {})).toEqual([{ n: 0 }]);
  });
});
