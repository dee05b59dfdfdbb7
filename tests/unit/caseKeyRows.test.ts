import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { caseKeysOf } from '../../src/main/core/linked/caseKeyRows';
import { createRandom } from '../../src/simulator/random';
import { ingest, linkedRecord } from '../support/linkedCases';
import { tempDir } from '../support/testBureau';

/**
 * The keys a new case gets from its record (caseKeyRows.ts, what the pull writes) are the keys
 * the view `case_keys_source` (migration 028, what the trigger and a bulk build write) gives its
 * row: on random identifiers made of what the normalisation touches — spaces at either end or
 * inside, dashes, dots, brackets, no-break spaces, lower-case ASCII and non-ASCII letters, tabs,
 * a leading `+` or `00`, 8-character phones — and on values that clean to nothing.
 */

const PIECES = [
  ' ',
  '  ',
  '-',
  '.',
  '(',
  ')',
  '\u00a0',
  '\t',
  'a',
  'z',
  'Q',
  'é',
  'ß',
  'ı',
  'ǆ',
  '0',
  '00',
  '1',
  '8',
  '228',
  '+',
  '_',
  '/',
  'x9',
  '–',
  '𝟘',
];

let db: Database.Database;

beforeAll(() => {
  db = openDatabase(join(tempDir('bureau-case-keys-'), 'bureau.sqlite'));
});
afterAll(() => db.close());

describe('case keys from the record', () => {
  it('are the view’s keys, on random and edge-case identifiers', () => {
    const rng = createRandom('case-keys');
    const text = () => {
      let value = '';
      const pieces = Math.floor(rng.between(0, 9));
      for (let i = 0; i < pieces; i++) value += rng.pick(PIECES);
      return value;
    };
    const fixed = [
      '',
      ' ',
      ' - . ',
      '90 12 34 56',
      '0022890123456',
      '+228 90 12 34 56',
      ' ab-cd.ef (gh) ',
      '9\u00a0012\u00a03456',
      'cie - 2026 - lom - 000123',
      'ﬀ',
      'ß',
    ];
    const records = Array.from({ length: 600 }, (_, index) => {
      const pick = (slot: number) =>
        index < fixed.length * 5 && index % 5 === slot ? fixed[Math.floor(index / 5)]! : text();
      const record = linkedRecord({
        id: `keys-${index}`,
        idNumber: rng.between(0, 1) < 0.8 ? pick(0) || ' ' : undefined,
        phone: pick(1),
        company: rng.between(0, 1) < 0.6 ? { name: 'Société', nif: pick(2), rccm: pick(3) } : null,
      });
      if (rng.between(0, 1) < 0.3) {
        record.certificate = {
          number: pick(4),
          issuedAt: '2026-03-10T09:00:00.000Z',
          expiresOn: null,
        };
      }
      return record;
    });
    ingest(db, records, '2026-12-07T09:00:00.000Z');

    const written = db
      .prepare<[], { kind: string; value: string; application_id: string }>(
        'SELECT kind, value, application_id FROM case_keys ORDER BY 1, 2, 3',
      )
      .all();
    const fromView = db
      .prepare<[], { kind: string; value: string; application_id: string }>(
        `SELECT DISTINCT kind, value, application_id FROM case_keys_source WHERE value <> ''
         ORDER BY 1, 2, 3`,
      )
      .all();
    expect(written.length).toBeGreaterThan(1_000);
    expect(written).toEqual(fromView);
  });

  it('leave out the identifiers a case does not have', () => {
    const record = linkedRecord({ id: 'keys-none', phone: '  ', company: null });
    expect(caseKeysOf(record)).toEqual([]);
    const full = linkedRecord({
      id: 'keys-full',
      idNumber: ' ab 12-34 ',
      phone: '90 12 34 56',
      company: { name: 'X', nif: '10 00.12-3456', rccm: 'tg-lfw-01' },
    });
    full.certificate = {
      number: ' cie-2026-lom-000123 ',
      issuedAt: '2026-03-10T09:00:00.000Z',
      expiresOn: null,
    };
    expect(caseKeysOf(full)).toEqual([
      ['nif', '1000123456'],
      ['rccm', 'TGLFW01'],
      ['id', 'AB1234'],
      ['phone', '+22890123456'],
      ['certificate', 'CIE-2026-LOM-000123'],
    ]);
  });
});
