import type { InboxRow } from '../../../shared/api/types';

/**
 * Whether two rows of the inbox say the same thing. The core's answers are plain JSON (strings,
 * numbers, booleans, null, arrays and objects of them), so a structural comparison is exact.
 */
export function sameRow(a: InboxRow, b: InboxRow): boolean {
  return a === b || sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  for (const key of aKeys) {
    if (!Object.hasOwn(bRecord, key) || !sameValue(aRecord[key], bRecord[key])) return false;
  }
  return true;
}
