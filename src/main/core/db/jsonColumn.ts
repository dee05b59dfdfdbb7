import { z } from 'zod';

/**
 * A JSON column read back, checked against the schema of what was written there. The cache is a
 * file on a clerk's disk, written by this and earlier versions of Bureau: a value of another
 * shape is reported with its table, column and row instead of travelling on under a false type.
 */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, where: ColumnAt): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${describe(where)}: not JSON`);
  }
  return checkColumn(schema, value, where);
}

/** A column's value checked against what may be written there (an enum of kinds, say). */
export function checkColumn<T>(schema: z.ZodType<T>, value: unknown, where: ColumnAt): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${describe(where)}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface ColumnAt {
  table: string;
  column: string;
  rowId: string | number;
}

const describe = ({ table, column, rowId }: ColumnAt) => `${table}.${column} (${table} ${rowId})`;

/** A JSON object whose keys are free (audit summaries, event payloads). */
export const jsonObject = z.record(z.string(), z.unknown());
