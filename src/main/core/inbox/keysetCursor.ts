/** Opaque keyset cursor: the sort key of the last row of the previous page. */
export interface KeysetPosition {
  dueDate: string;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.dueDate, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { dueDate: value[0], id: value[1] };
    }
  } catch {
    // fall through: malformed cursors are refused by the caller
  }
  return null;
}
