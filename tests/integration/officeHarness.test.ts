import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { startOffice, type Office } from '../support/office';

/**
 * The office harness (tests/support/office.ts) the multi-desk steps build on: three desks, each
 * with its own SQLite file and its own link, pull one simulator's feed and agree on it; a desk
 * whose link is cut misses a portal-side change until its link returns, then catches up by itself
 * (its offline probe, on the fake clock). No sleeps and no wall-clock figures: every wait is for
 * a condition, with the harness's generous deadline.
 */

interface CaseRow {
  id: string;
  portal_version: number;
  status: string;
}

const casesOf = (core: Core): CaseRow[] =>
  core.db
    .prepare('SELECT id, portal_version, status FROM applications ORDER BY id')
    .all() as CaseRow[];

const caseOf = (core: Core, id: string): CaseRow | undefined =>
  core.db.prepare('SELECT id, portal_version, status FROM applications WHERE id = ?').get(id) as
    CaseRow | undefined;

describe('office harness', () => {
  let office: Office;

  beforeAll(async () => {
    office = await startOffice({ desks: 3, seed: 31, count: 30 });
  });

  afterAll(async () => {
    await office?.close();
  });

  it('gives three desks the same cases from one feed', async () => {
    const statuses = await office.syncAll();
    expect(statuses.map((status) => status.phase)).toEqual(['idle', 'idle', 'idle']);

    const [first, ...others] = office.desks.map((desk) => casesOf(desk.core));
    expect(first).toHaveLength(30);
    const portal = office.simulator.store.page(0, office.simulator.store.headSeq).items;
    expect(first!.map((row) => row.id)).toEqual(portal.map((record) => record.id).sort());
    for (const rows of others) expect(rows).toEqual(first);
    // Each desk went through its own link.
    for (const desk of office.desks) expect(desk.link.counts.feed).toBeGreaterThan(0);
  });

  it('keeps a portal-side change from an offline desk until it is back online', async () => {
    const [deskA, deskB, deskC] = office.desks as [
      Office['desks'][0],
      Office['desks'][0],
      Office['desks'][0],
    ];
    const target = casesOf(deskA.core).find((row) => row.status === 'submitted');
    if (!target) throw new Error('no submitted case in the feed');

    await office.offline(deskB);
    expect(deskB.core.sync.status().phase).toBe('offline');

    await office.admin('/__sim/changes', { id: target.id, kind: 'withdraw' });
    const statuses = await office.syncAll();
    expect(statuses.map((status) => status.phase)).toEqual(['idle', 'offline', 'idle']);

    const changed = caseOf(deskA.core, target.id)!;
    expect(changed.status).toBe('withdrawn');
    expect(changed.portal_version).toBeGreaterThan(target.portal_version);
    expect(caseOf(deskC.core, target.id)).toEqual(changed);
    // The offline desk tried (its sync ran) and still has the case as it was.
    expect(caseOf(deskB.core, target.id)).toEqual(target);

    await office.online(deskB);
    expect(caseOf(deskB.core, target.id)).toEqual(changed);
    expect(casesOf(deskB.core)).toEqual(casesOf(deskA.core));
    expect(casesOf(deskC.core)).toEqual(casesOf(deskA.core));
  });
});
