import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openSyncCore } from '../support/syncBureau';
import { call, startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A portal serving one hand-made body, byte for byte (to carry invalid UTF-8). */
async function rawPortal(body: Buffer): Promise<string> {
  const portal = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => portal.close(() => resolve())));
  return `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
}

describe('quarantine of malformed portal records', () => {
  it('quarantines bad encodings, wrong types, huge strings, unknown procedures and bad dates; the rest syncs', async () => {
    const simulator = await startSimulator(9, 41);
    const { items } = (await (
      await fetch(`${simulator.url}/api/v1/applications?limit=20`, {
        headers: { authorization: `Bearer ${simulator.token}` },
      })
    ).json()) as { items: Record<string, Record<string, unknown>>[] };
    await simulator.close();
    type Loose = Record<string, Record<string, unknown>> & Record<string, unknown>;
    const [good1, good2, ...rest] = items as Loose[] as [Loose, Loose, ...Loose[]];
    const r = (i: number) => rest[i] as Loose;
    const bad = [
      { ...r(0), applicant: { ...r(0).applicant, lastName: 'N\ud800Kégbé' } },
      { ...r(1), version: '2' },
      { ...r(2), procedureCode: 'ZZZ-NOPE' },
      { ...r(3), submittedAt: '2025-02-30T10:00:00Z' },
      { ...r(4), form: { ...r(4).form, note: 'x'.repeat(2_000_000) } },
      { ...r(5), company: 42 },
    ];
    const marker = 'INVALID_UTF8_HERE';
    const invalidUtf8 = { ...r(6), applicant: { ...r(6).applicant, city: marker } };
    const json = JSON.stringify({
      items: [good1, ...bad, invalidUtf8, good2],
      nextCursor: 'c:9',
      hasMore: false,
    });
    const [before, after] = json.split(marker) as [string, string];
    const body = Buffer.concat([
      Buffer.from(before),
      Buffer.from([0x4c, 0xc3, 0x28, 0xff]),
      Buffer.from(after),
    ]);
    const core = openSyncCore({ dataDir: tempDir(), portalUrl: await rawPortal(body) });
    cleanups.push(() => core.close());

    const status = await core.sync.syncNow();
    expect(status.phase).toBe('idle');
    expect(status.quarantined).toBe(7);
    // Every office's cases are cached; the inbox shows the reader's office only.
    expect(core.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(2);

    const page1 = await call(core, 'sync.quarantine', { limit: 4 });
    expect(page1.total).toBe(7);
    expect(page1.rows).toHaveLength(4);
    const page2 = await call(core, 'sync.quarantine', { cursor: page1.nextCursor, limit: 4 });
    expect(page2.nextCursor).toBeNull();
    const reasons = [...page1.rows, ...page2.rows].reverse().map((row) => row.reason);
    expect(reasons[0]).toMatch(/encodage invalide.*applicant\.lastName.*UTF-16/);
    expect(reasons[1]).toBe('version : un nombre attendu, reçu un texte');
    expect(reasons[2]).toContain('procédure inconnue');
    expect(reasons[3]).toBe('date de dépôt : format invalide (date et heure ISO 8601 avec fuseau)');
    expect(reasons[4]).toMatch(/^enregistrement trop imbriqué ou trop volumineux/);
    expect(reasons[5]).toBe('entreprise : un objet attendu, reçu un nombre');
    expect(reasons[6]).toMatch(/encodage invalide.*applicant\.city.*UTF-8/);
    expect(page1.rows.every((row) => row.portalId !== null && row.receivedAt)).toBe(true);
  });
});
