import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/core/catalog/loadCatalog';
import { createPortalStore, PortalStoreError } from '../../../src/simulator/portalStore';
import { createRandom } from '../../../src/simulator/random';

const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', '..', 'resources', 'procedures')).procedures,
];

function storeAt(start: string, seed = 5) {
  let now = new Date(start);
  const store = createPortalStore({ seed, procedures, now: () => now });
  return { store, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('portal store', () => {
  it('lays the initial intake out in submission order over the last two weeks', () => {
    const { store } = storeAt('2025-11-20T12:00:00Z');
    const added = store.add(200, { initial: true });
    const times = added.map((record) => Date.parse(record.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]!).toBeLessThan(Date.parse('2025-11-08T00:00:00Z'));
    expect(times[0]!).toBeGreaterThan(Date.parse('2025-11-04T00:00:00Z'));
    expect(store.size).toBe(200);
    expect(store.headSeq).toBe(200);
  });

  it('pages the change feed by sequence and shows changed records again', () => {
    const { store, advance } = storeAt('2025-11-20T12:00:00Z');
    store.add(10, { initial: true });
    const first = store.page(0, 4);
    expect(first.items).toHaveLength(4);
    expect(first.lastSeq).toBe(4);
    expect(first.hasMore).toBe(true);
    const rest = store.page(first.lastSeq, 100);
    expect(rest.items).toHaveLength(6);
    expect(rest.hasMore).toBe(false);
    expect(store.page(rest.lastSeq, 100)).toEqual({
      items: [],
      entries: [],
      lastSeq: 10,
      hasMore: false,
      remaining: 0,
    });
    expect(first.remaining).toBe(6);

    advance(60_000);
    const target = first.items[1]!;
    const withdrawn = store.applyPortalChange(target.id, { status: 'withdrawn' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(withdrawn.updatedAt).toBe('2025-11-20T12:01:00.000Z');
    const added = store.add(2);
    expect(store.page(rest.lastSeq, 1).remaining).toBe(2);
    expect(store.page(0, 3).remaining).toBe(9);
    const after = store.page(rest.lastSeq, 100);
    expect(after.items.map((record) => record.id)).toEqual([target.id, ...added.map((r) => r.id)]);
    // From the start, the withdrawn record appears once, at its new position.
    const all = store.page(0, 100).items;
    expect(all).toHaveLength(12);
    expect(new Set(all.map((record) => record.id)).size).toBe(12);
    expect(all.find((record) => record.id === target.id)?.status).toBe('withdrawn');
  });

  it('skips superseded entries without ending a page early', () => {
    const { store } = storeAt('2025-11-20T12:00:00Z');
    const records = store.add(5, { initial: true });
    for (const record of records.slice(0, 4))
      store.applyPortalChange(record.id, { status: 'withdrawn' });
    // seqs 1-4 are stale; 5 live, 6-9 live (the withdrawals)
    const page = store.page(0, 2);
    expect(page.items.map((record) => record.id)).toEqual([records[4]!.id, records[0]!.id]);
    expect(page.hasMore).toBe(true);
    expect(store.page(page.lastSeq, 10).items).toHaveLength(3);
  });

  it('refuses unknown ids and double withdrawals', () => {
    const { store } = storeAt('2025-11-20T12:00:00Z');
    const [record] = store.add(1);
    expect(() => store.applyPortalChange('app-nope-000000', { status: 'withdrawn' })).toThrow(
      PortalStoreError,
    );
    store.applyPortalChange(record!.id, { status: 'withdrawn' });
    expect(() => store.applyPortalChange(record!.id, { status: 'withdrawn' })).toThrow(
      /déjà retirée/,
    );
  });

  it('finds a document and its bytes from the document id', () => {
    const { store } = storeAt('2025-11-20T12:00:00Z');
    const [record] = store.add(1);
    const document = record!.documents[0]!;
    const found = store.document(document.id);
    expect(found?.document).toEqual(document);
    expect(found?.body.size).toBe(document.size);
    expect(store.document(`${document.id}9`)).toBeUndefined();
    expect(store.document('doc-bogus')).toBeUndefined();
  });
});

describe('seeded random', () => {
  it('repeats for a seed and spreads values', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const rng = createRandom('texte');
    const ints = new Set(Array.from({ length: 500 }, () => rng.int(1, 6)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      rng.weighted([
        ['rare', 0],
        ['always', 1],
      ]),
    ).toBe('always');
  });
});
