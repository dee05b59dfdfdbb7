import { z } from 'zod';

/**
 * A JSON column read back, checked against the schema of what was written there. The cache is a
 * file on a clerk's disk, written by this and earlier versions of Bureau: a value of another
 * shape is reported with its table, column and row instead of travelling on under a false type.
 */
export function parseJsonColumn<T>(
  schema: z.ZodType<T>,
  text: string,
  where: { table: string; column: string; rowId: string | number },
): T {
  const at = `${where.table}.${where.column} (${where.table} ${where.rowId})`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${at}: not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${at}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A JSON object whose keys are free (audit summaries, event payloads). */
export const jsonObject = z.record(z.string(), z.unknown());
