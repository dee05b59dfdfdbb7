import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { InboxPage, InboxRow } from '../../src/shared/api/types';
import { call, openCore, startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function allRows(core: Core, queue: 'all' | 'done' = 'all'): Promise<InboxRow[]> {
  const rows: InboxRow[] = [];
  let cursor: string | null = null;
  do {
    const page: InboxPage = await call(core, 'inbox.list', { queue, cursor, limit: 37 });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

/** Cases in the cache, every office's (the inbox shows the reader's office only). */
const cached = (core: Core, where = '1 = 1') =>
  core.db.prepare(`SELECT count(*) FROM applications WHERE ${where}`).pluck().get() as number;

describe('first sync from the portal simulator over real HTTP', () => {
  it('pulls every application once, pages the inbox by keyset, and resumes from its cursor', async () => {
    const simulator = await startSimulator(250);
    cleanups.push(() => simulator.close());
    const dataDir = tempDir();
    let core = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());

    const status = await core.sync.syncNow();
    expect(status.phase).toBe('idle');
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.quarantined).toBe(0);
    // Pull transactions relax the WAL sync; everything else keeps FULL (2).
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);

    expect(cached(core)).toBe(250);
    expect(cached(core, "office_code <> 'LOM'")).toBeGreaterThan(0);
    // The inbox shows the reader's office (README « Who sees what »): Lomé's cases.
    const lome = cached(core, "office_code = 'LOM'");
    const counts = await call(core, 'inbox.counts', {});
    expect(counts.all).toBe(lome);
    const rows = await allRows(core);
    expect(rows).toHaveLength(lome);
    expect(new Set(rows.map((row) => row.id)).size).toBe(lome);
    expect(rows.every((row) => row.officeCode === 'LOM')).toBe(true);
    const sortKeys = rows.map((row) => `${row.dueDate}|${row.id}`);
    expect(sortKeys).toEqual([...sortKeys].sort());
    expect(
      core.db.prepare('SELECT count(DISTINCT procedure_code) FROM applications').pluck().get(),
    ).toBe(8);
    expect(rows.every((row) => row.status === 'submitted' && row.workingDaysLeft !== null)).toBe(
      true,
    );
    expect(counts.to_process).toBe(rows.filter((row) => row.officeCode === 'LOM').length);

    const detail = await call(core, 'cases.get', { id: rows[0]!.id });
    expect(detail.record.reference).toBe(rows[0]!.reference);
    expect(detail.record.documents.length).toBeGreaterThan(0);

    // New applications and a withdrawal on the portal reach the cache on the next pull.
    await simulator.admin('/__sim/applications', { count: 12 });
    const withdrawn = rows[5]!;
    await simulator.admin(`/__sim/applications/${withdrawn.id}/withdraw`);
    await core.sync.syncNow();
    expect(cached(core)).toBe(262);
    const done = await allRows(core, 'done');
    expect(done.map((row) => [row.id, row.status])).toEqual([[withdrawn.id, 'withdrawn']]);

    // Restart: the cursor was stored with the data, so nothing is pulled twice.
    await core.close();
    cleanups.pop();
    core = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());
    const resumed = await core.sync.syncNow();
    expect(resumed.pulled).toBe(0);
    expect(cached(core)).toBe(262);
  });

  it('reports the portal as offline when it cannot be reached, and keeps the cache usable', async () => {
    const simulator = await startSimulator(20);
    const dataDir = tempDir();
    const core = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    cleanups.push(() => core.close());
    await core.sync.syncNow();
    await simulator.close();
    const status = await core.sync.syncNow();
    expect(status.phase).toBe('offline');
    expect(status.offlineSince).not.toBeNull();
    expect(cached(core)).toBe(20);
    expect((await call(core, 'inbox.counts', {})).all).toBe(cached(core, "office_code = 'LOM'"));
  });

  it('quarantines malformed records with a reason and still stores the rest of the page', async () => {
    const simulator = await startSimulator(3);
    cleanups.push(() => simulator.close());
    const page = (await (
      await fetch(`${simulator.url}/api/v1/applications?limit=10`, {
        headers: { authorization: `Bearer ${simulator.token}` },
      })
    ).json()) as { items: Record<string, unknown>[] };
    const [good, second, third] = page.items;
    const items = [
      good,
      { ...second, procedureCode: 'XXX-NOPE' },
      { ...third, submittedAt: '31/02/2026' },
      'not even an object',
      { id: 'app-huge-000001', reference: 'x'.repeat(200_000) },
    ];
    // A one-page portal serving a hand-made page: the records are what a faulty portal sends.
    const portal = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ items, nextCursor: 'c:5', hasMore: false }));
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => portal.close(() => resolve())));
    const core = openCore({
      dataDir: tempDir(),
      portalUrl: `http://127.0.0.1:${(portal.address() as AddressInfo).port}`,
    });
    cleanups.push(() => core.close());

    const status = await core.sync.syncNow();
    expect(status.phase).toBe('idle');
    expect(status.quarantined).toBe(4);
    expect(cached(core)).toBe(1);
    const reasons = core.db
      .prepare('SELECT reason FROM quarantine ORDER BY id')
      .pluck()
      .all() as string[];
    expect(reasons[0]).toContain('procédure inconnue');
    expect(reasons[1]).toBe('date de dépôt : format invalide (date et heure ISO 8601 avec fuseau)');
    expect(reasons[2]).toBe('enregistrement : un objet attendu, reçu un texte');
    expect(reasons[3]).toBe('référence : format invalide (ex. COM-IMPEX-2025-000123)');
    expect(reasons).toHaveLength(4);
  });
});
