import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { startOffice, type Office } from '../support/office';
import { createAccount, deskApi, enrollOffice } from '../support/officeDesks';

/**
 * An office's own text modules shared by its desks through the portal (issue 20 §1, feature
 * `textModules`), two desks on one simulator over HTTP: a phrase an administrator adds on desk 1
 * is offered to a clerk on desk 2 after its sync; a change made on desk 2 reaches desk 1; a
 * change made on a stale copy is refused and said; a retired phrase is retired everywhere; with
 * the portal out of reach nothing is written and the administrator is told.
 */

let office: Office;
let admin: CurrentUser;
let clerk: CurrentUser;
const desk = (index: number): Core => office.desks[index]!.core;
const phrase = {
  keyword: 'rccm-ancien',
  title: 'RCCM trop ancien',
  body: 'L’extrait RCCM fourni date de plus de trois mois : merci d’en joindre un récent.',
  procedureCode: 'COM-IMPEX',
  contexts: ['requestInfo' as const],
};
const officePhrases = async (index: number, user: CurrentUser, includeRetired = false) =>
  (await deskApi(desk(index)).call('textModules.list', { includeRetired }, user)).filter(
    (module) => module.origin === 'office',
  );

beforeAll(async () => {
  office = await startOffice({ desks: 2, seed: 57, count: 20, training: false });
  admin = await enrollOffice(office);
  clerk = await createAccount(desk(0), admin, 'afi.mensah', 'Afi Mensah', 'agent');
  await office.syncAll();
  await office.syncAll();
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('an office’s text modules, shared by its desks', () => {
  it('added on desk 1, offered on desk 2; changed on desk 2, read on desk 1; retired everywhere', async () => {
    const created = await deskApi(desk(0)).call('textModules.create', phrase, admin);
    expect(await officePhrases(1, clerk)).toEqual([]);
    await office.syncAll();
    const onSecond = await officePhrases(1, clerk);
    expect(onSecond.map((module) => [module.id, module.keyword, module.body])).toEqual([
      [created.id, 'rccm-ancien', phrase.body],
    ]);

    const body =
      'L’extrait RCCM fourni a plus de trois mois : joignez-en un de moins de trois mois.';
    await deskApi(desk(1)).call('textModules.update', { id: created.id, ...phrase, body }, admin);
    await office.syncAll();
    expect((await officePhrases(0, clerk)).map((module) => module.body)).toEqual([body]);

    await deskApi(desk(0)).call('textModules.retire', { id: created.id }, admin);
    await office.syncAll();
    expect(await officePhrases(1, clerk)).toEqual([]);
    expect((await officePhrases(1, admin, true)).map((module) => module.retiredAt)).toEqual([
      expect.any(String),
    ]);
    // Each desk's own journal says who did what there.
    const actions = (index: number) =>
      desk(index)
        .db.prepare("SELECT action FROM audit_log WHERE entity_type = 'text_module' ORDER BY seq")
        .pluck()
        .all();
    expect(actions(0)).toEqual(['textModule.created', 'textModule.retired']);
    expect(actions(1)).toEqual(['textModule.updated']);
  });

  it('a change made on a stale copy is refused and said; the next sync brings the other desk’s', async () => {
    const created = await deskApi(desk(0)).call(
      'textModules.create',
      { ...phrase, keyword: 'nif-faux' },
      admin,
    );
    await office.syncAll();
    await deskApi(desk(1)).call(
      'textModules.update',
      { id: created.id, ...phrase, keyword: 'nif-faux', title: 'NIF à vérifier' },
      admin,
    );
    // Desk 1 has not synced since: its copy is one version behind the portal.
    const stale = await deskApi(desk(0)).dispatch(
      'textModules.update',
      { id: created.id, ...phrase, keyword: 'nif-faux', title: 'NIF erroné' },
      admin,
    );
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: { key: 'textModuleChangedElsewhere' } },
    });
    await office.syncAll();
    const titles = (await officePhrases(0, clerk)).map((module) => module.title.fr);
    expect(titles).toEqual(['NIF à vérifier']);
  });

  it('with the portal out of reach, nothing is written and the administrator is told', async () => {
    await office.offline(0);
    const refused = await deskApi(desk(0)).dispatch(
      'textModules.create',
      { ...phrase, keyword: 'hors-ligne' },
      admin,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'unavailable', reason: { key: 'textModuleNeedsPortal' } },
    });
    expect((await officePhrases(0, clerk)).map((module) => module.keyword)).not.toContain(
      'hors-ligne',
    );
    await office.online(0);
  });
});
