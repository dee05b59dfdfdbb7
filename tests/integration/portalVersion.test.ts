import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import { startOffice, type Office } from '../support/office';

/**
 * Portal API detection (design multi-desk §3.1, step 2): a desk asks `/api/v2/capabilities` and
 * tells a v2 portal from a v1 one. A desk alone on a v1 portal keeps working as it always did,
 * and says in one French line why several desks cannot work together there.
 */

let office: Office | undefined;
afterEach(async () => {
  await office?.close();
  office = undefined;
});

async function publicCall<M extends MethodName>(
  which: Office,
  index: number,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const core = which.desks[index]!.core;
  const result = await core.dispatch(method, input, core.contextFor(`test-${index}`));
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

describe('portal API detection', () => {
  it('a desk alone on a v1 portal syncs as before and knows the portal speaks v1', async () => {
    office = await startOffice({ desks: 1, seed: 31, count: 12, api: 1 });
    const before = await publicCall(office, 0, 'office.desk', {});
    expect(before).toMatchObject({ mode: 'single', deskId: null, portalApi: null });

    const [status] = await office.syncAll();
    expect(status).toMatchObject({ phase: 'idle', errorMessage: null });
    expect(status!.pulled).toBe(12);
    expect(await publicCall(office, 0, 'office.desk', {})).toMatchObject({
      mode: 'single',
      portalApi: 1,
      portalEnrolls: false,
    });
    // Only the one question was asked under /api/v2/, and the feed was read.
    expect(
      office.desks[0]!.core.db.prepare('SELECT count(*) FROM applications').pluck().get(),
    ).toBe(12);
  });

  it('a desk on a v2 portal records it', async () => {
    office = await startOffice({ desks: 1, seed: 31, count: 5 });
    await office.syncAll();
    expect(await publicCall(office, 0, 'office.desk', {})).toMatchObject({
      mode: 'single',
      portalApi: 2,
    });
    expect(
      office.desks[0]!.core.db.prepare('SELECT portal_api FROM desk_identity').pluck().get(),
    ).toBe(2);
  });
});
