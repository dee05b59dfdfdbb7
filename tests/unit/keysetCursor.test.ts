import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/main/core/inbox/keysetCursor';

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const position = { order: 'deadline:asc', value: '2026-12-01', id: "app-000123-l'été" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    const relevance = { order: 'relevance', value: -12.345678901234567, id: 'app-1' };
    expect(decodeCursor(encodeCursor(relevance))).toEqual(relevance);
  });

  it('rejects malformed cursors', () => {
    for (const bad of [
      '',
      'not base64 !!',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
      Buffer.from('["deadline:asc",null,"x"]').toString('base64url'),
      Buffer.from('["deadline:asc","d"]').toString('base64url'),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
