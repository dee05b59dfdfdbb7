/**
 * Opaque keyset cursor: the sort value and id of the last row of the previous page, tagged with
 * the order it belongs to so a cursor from another sort is refused rather than misread.
 */
export interface KeysetPosition {
  /** Sort key and direction, e.g. `deadline:asc`, `relevance`. */
  order: string;
  /** The row's sort value: a date, reference or name, or the bm25 score (a number). */
  value: string | number;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.value, position.id])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): KeysetPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      (typeof value[1] === 'string' || (typeof value[1] === 'number' && isFinite(value[1]))) &&
      typeof value[2] === 'string'
    ) {
      return { order: value[0], value: value[1], id: value[2] };
    }
  } catch {
    // fall through: malformed cursors are refused by the caller
  }
  return null;
}
