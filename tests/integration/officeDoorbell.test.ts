import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { startOffice, type Office } from '../support/office';
import { approvableCases, createAccount, deskApi, enrollOffice } from '../support/officeDesks';

/**
 * The long-poll doorbell (design multi-desk §3.11, step 11): with their periodic sync far off,
 * two started desks still see each other's claims, because a waiting request comes back as soon
 * as the portal has something new. Nothing here measures time (the bench does: BENCH_ONLY=office);
 * the test waits for the outcome with a generous deadline, like the office harness.
 */

let office: Office;
let admin: CurrentUser;
let clerk: CurrentUser;
const desk = (index: number): Core => office.desks[index]!.core;

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  office = await startOffice({ desks: 2, seed: 79, count: 40, training: false });
  admin = await enrollOffice(office);
  clerk = await createAccount(desk(0), admin, 'kossi.agbodjan', 'Kossi Agbodjan');
  await office.syncAll();
  await office.syncAll();
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('the doorbell', () => {
  it('another desk’s claim shows on a started desk without waiting for its periodic sync', async () => {
    // A periodic sync an hour away (and on the test's clock, which does not move here).
    desk(0).sync.start(3_600_000);
    desk(1).sync.start(3_600_000);
    const holderOn = (index: number, id: string) =>
      desk(index)
        .db.prepare('SELECT holder_id FROM case_leases WHERE application_id = ?')
        .pluck()
        .get(id);
    for (const id of approvableCases(desk(0)).slice(0, 3)) {
      await deskApi(desk(0)).call('cases.claim', { id }, clerk);
      await eventually(() => holderOn(1, id) === clerk.id, `desk 2 to see the claim of ${id}`);
    }
    expect(desk(1).sync.status().phase).not.toBe('error');
  });
});
