import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonObject, parseJsonColumn } from '../../src/main/core/db/jsonColumn';

const where = { table: 'users', column: 'procedure_codes', rowId: 'u-agent-kossi' };

describe('JSON columns read back', () => {
  it('return the value when it has the shape written there', () => {
    expect(parseJsonColumn(z.array(z.string()), '["COM-IMPEX","ART-CP"]', where)).toEqual([
      'COM-IMPEX',
      'ART-CP',
    ]);
    expect(parseJsonColumn(jsonObject, '{"reason":"x","n":1}', where)).toEqual({
      reason: 'x',
      n: 1,
    });
  });

  it('refuse another shape, naming the table, the column, the row and the problem', () => {
    expect(() => parseJsonColumn(z.array(z.string()), '"COM-IMPEX"', where)).toThrow(
      /^users\.procedure_codes \(users u-agent-kossi\): .*expected array/,
    );
    expect(() => parseJsonColumn(z.array(z.string()), '[1]', where)).toThrow(/expected string/);
    expect(() => parseJsonColumn(jsonObject, '[]', where)).toThrow(/expected record/);
    expect(() => parseJsonColumn(jsonObject, '{"reason":', where)).toThrow(/not JSON$/);
  });
});
