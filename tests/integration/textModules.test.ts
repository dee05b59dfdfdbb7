import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { MethodName } from '../../src/shared/api/contract';
import type { Result } from '../../src/shared/api/result';
import type { CurrentUser } from '../../src/shared/api/types';
import type { TextModule } from '../../src/shared/textModules/textModule';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, startSimulatorOn } from '../support/fakeClockBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * Text modules (issue 20 §1) on a real core (SQLite file, training accounts): an administrator
 * adds, edits and retires an office's phrase; clerks of the office list it, a clerk of another
 * office does not; nobody else may change it; each change leaves its line in the audit journal.
 */

const clock = createFakeClock('2026-11-09T08:00:00.000Z');
let simulator: Awaited<ReturnType<typeof startSimulatorOn>>;
let core: Core;
let edem: CurrentUser; // administrateur, Lomé
let kossi: CurrentUser; // agent, Lomé
let ablavi: CurrentUser; // superviseur, Lomé
let essowe: CurrentUser; // agent, Kara

const call = async <T>(user: CurrentUser, method: MethodName, input: unknown) =>
  (await core.dispatch(method, input, { user })) as Result<T>;
async function value<T>(user: CurrentUser, method: MethodName, input: unknown): Promise<T> {
  const result = await call<T>(user, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
const listOf = (user: CurrentUser, includeRetired = false) =>
  value<TextModule[]>(user, 'textModules.list', { includeRetired });
const auditRows = (entityId: string) =>
  core.db
    .prepare(
      `SELECT action, actor_id, office_code, summary_json FROM audit_log
       WHERE entity_type = 'text_module' AND entity_id = ? ORDER BY seq`,
    )
    .all(entityId) as {
    action: string;
    actor_id: string;
    office_code: string;
    summary_json: string;
  }[];

const PHRASE = {
  keyword: 'quitus',
  title: 'Quitus fiscal à fournir',
  body: 'Pour la demande {{reference}}, merci de joindre le quitus fiscal de {{entreprise}}.',
  procedureCode: 'COM-IMPEX',
  contexts: ['requestInfo'],
};

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 20, count: 5 });
  core = openCoreOn(clock, { dataDir: tempDir('bureau-text-modules-'), portalUrl: simulator.url });
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  edem = byId.get('u-admin-edem')!;
  kossi = byId.get('u-agent-kossi')!;
  ablavi = byId.get('u-sup-ablavi')!;
  essowe = [...byId.values()].find((user) => user.officeCode === 'KAR' && user.role === 'agent')!;
  expect(essowe).toBeDefined();
}, 60_000);

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

describe('text modules', () => {
  let added: TextModule;

  it('serves the shipped phrases to every signed-in clerk', async () => {
    const list = await listOf(kossi);
    const illisible = list.find((module) => module.id === 'shipped:*:illisible');
    expect(illisible).toMatchObject({ origin: 'shipped', procedureCode: null });
    expect(illisible?.body).toContain('{{reference}}');
    expect(list.find((module) => module.id === 'shipped:COM-IMPEX:nif')?.procedureCode).toBe(
      'COM-IMPEX',
    );
    expect(list.every((module) => module.origin === 'shipped')).toBe(true);
  });

  it('an administrator adds a phrase; the audit journal has the line', async () => {
    added = await value<TextModule>(edem, 'textModules.create', {
      ...PHRASE,
      keyword: ' Quitus ',
    });
    expect(added).toMatchObject({
      origin: 'office',
      keyword: 'quitus',
      title: { fr: 'Quitus fiscal à fournir', en: null },
      procedureCode: 'COM-IMPEX',
      contexts: ['requestInfo'],
      officeCode: 'LOM',
      updatedBy: { id: edem.id, displayName: edem.displayName },
      retiredAt: null,
    });
    const rows = auditRows(added.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'textModule.created',
      actor_id: edem.id,
      office_code: 'LOM',
    });
    expect(JSON.parse(rows[0]!.summary_json)).toMatchObject({
      keyword: 'quitus',
      after: { keyword: 'quitus', procedureCode: 'COM-IMPEX', contexts: ['requestInfo'] },
    });
    // The journal's viewer says it as a sentence.
    const page = await value<{ rows: { action: string; description: { sentence: string } }[] }>(
      edem,
      'audit.list',
      { entityId: added.id },
    );
    expect(page.rows.map((row) => row.description.sentence)).toEqual(['textModule.created']);
  });

  it('clerks of the office list it; a clerk of another office does not', async () => {
    expect((await listOf(kossi)).map((module) => module.id)).toContain(added.id);
    expect((await listOf(ablavi)).map((module) => module.id)).toContain(added.id);
    expect((await listOf(essowe)).map((module) => module.id)).not.toContain(added.id);
  });

  it('only an administrator changes phrases, and only those of their office', async () => {
    for (const user of [kossi, ablavi]) {
      const create = await call(user, 'textModules.create', { ...PHRASE, keyword: 'autre' });
      expect(create.ok || create.error.code).toBe('forbidden');
      const retire = await call(user, 'textModules.retire', { id: added.id });
      expect(retire.ok || retire.error.code).toBe('forbidden');
    }
    // An administrator of Kara (the same account moved there) cannot touch Lomé's phrase.
    const karaAdmin = { ...edem, officeCode: 'KAR' };
    const foreign = await call(karaAdmin, 'textModules.update', { id: added.id, ...PHRASE });
    expect(foreign.ok || foreign.error.code).toBe('not_found');
    const retired = await call(karaAdmin, 'textModules.retire', { id: added.id });
    expect(retired.ok || retired.error.code).toBe('not_found');
    expect(auditRows(added.id)).toHaveLength(1);
    expect((await listOf(kossi)).find((module) => module.id === added.id)?.retiredAt).toBeNull();
  });

  it('refuses a keyword already in force for the same procedures, and an unknown procedure', async () => {
    const twice = await call(edem, 'textModules.create', PHRASE);
    expect(twice.ok || twice.error.code).toBe('conflict');
    if (!twice.ok) expect(twice.error.message).toContain('« quitus »');
    // The same keyword for every procedure is another phrase.
    const common = await value<TextModule>(edem, 'textModules.create', {
      ...PHRASE,
      procedureCode: null,
    });
    expect(common.procedureCode).toBeNull();
    const unknown = await call(edem, 'textModules.create', {
      ...PHRASE,
      keyword: 'inconnue',
      procedureCode: 'COM-XYZ',
    });
    expect(unknown.ok || unknown.error.code).toBe('invalid_input');
    const badKeyword = await call(edem, 'textModules.create', { ...PHRASE, keyword: 'pièce x' });
    expect(badKeyword.ok || badKeyword.error.code).toBe('invalid_input');
  });

  it('an edit is recorded with what changed; retiring stops offering it and frees the keyword', async () => {
    clock.advance(60_000);
    const edited = await value<TextModule>(edem, 'textModules.update', {
      id: added.id,
      ...PHRASE,
      contexts: ['requestInfo', 'reject'],
    });
    expect(edited.contexts).toEqual(['reject', 'requestInfo']);
    const update = auditRows(added.id)[1]!;
    expect(update.action).toBe('textModule.updated');
    expect(JSON.parse(update.summary_json)).toEqual({
      keyword: 'quitus',
      before: { contexts: ['requestInfo'] },
      after: { contexts: ['reject', 'requestInfo'] },
    });

    const retired = await value<TextModule>(edem, 'textModules.retire', { id: added.id });
    expect(retired.retiredAt).not.toBeNull();
    expect(auditRows(added.id).map((row) => row.action)).toEqual([
      'textModule.created',
      'textModule.updated',
      'textModule.retired',
    ]);
    expect((await listOf(kossi)).map((module) => module.id)).not.toContain(added.id);
    expect((await listOf(edem, true)).find((module) => module.id === added.id)?.retiredAt).toBe(
      retired.retiredAt,
    );
    const again = await call(edem, 'textModules.retire', { id: added.id });
    expect(again.ok || again.error.code).toBe('not_found');
    // The keyword is free again for this procedure.
    await value<TextModule>(edem, 'textModules.create', PHRASE);
  });

  it('the audit chain still verifies', async () => {
    const verification = await value<{ ok: boolean }>(edem, 'audit.verify', {});
    expect(verification.ok).toBe(true);
  });
});
