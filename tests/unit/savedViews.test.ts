import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/core/api/dispatcher';
import { TRAINING_USERS } from '../../src/main/core/auth/trainingUsers';
import { createUsersRepository } from '../../src/main/core/auth/usersRepository';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { createSavedViews } from '../../src/main/core/views/savedViews';
import { createViewHandlers } from '../../src/main/core/views/viewHandlers';
import type { Handlers } from '../../src/main/core/api/dispatcher';
import type { CurrentUser, InboxQuery } from '../../src/shared/api/types';
import { tempDir } from '../support/paths';

const now = '2026-11-23T09:00:00.000Z';
const query: InboxQuery = {
  queue: 'to_process',
  filters: { procedureCodes: ['COM-IMPEX'], deadlineStates: ['overdue'] },
  sort: { key: 'submitted', direction: 'desc' },
  search: 'kpodar',
};

function setup() {
  const db = openDatabase(join(tempDir('bureau-views-'), 'v.sqlite'));
  const users = createUsersRepository(db);
  for (const user of TRAINING_USERS) users.insertIfMissing(user, now);
  const views = createSavedViews(db);
  const dispatch = createDispatcher(
    createViewHandlers(views, { now: () => new Date(now) }) as Handlers,
    () => {},
  );
  const as = (id: string) => ({ user: users.get(id) as CurrentUser });
  return { db, dispatch, as };
}

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('saved views', () => {
  it('saves, lists and deletes a view with its whole query', async () => {
    const { db, dispatch, as } = setup();
    close = () => db.close();
    const kossi = as('u-agent-kossi');
    const saved = await dispatch('views.save', { name: 'Import en retard', query }, kossi);
    expect(saved.ok).toBe(true);
    const listed = await dispatch('views.list', {}, kossi);
    expect(listed).toEqual({
      ok: true,
      value: [{ id: expect.any(String), name: 'Import en retard', query, createdAt: now }],
    });
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    expect(await dispatch('views.delete', { id }, kossi)).toEqual({ ok: true, value: undefined });
    expect(await dispatch('views.list', {}, kossi)).toEqual({ ok: true, value: [] });
  });

  it('refuses a duplicate name (case-insensitive) with a French conflict message', async () => {
    const { db, dispatch, as } = setup();
    close = () => db.close();
    const kossi = as('u-agent-kossi');
    await dispatch('views.save', { name: 'Mes urgences', query }, kossi);
    const again = await dispatch('views.save', { name: 'mes URGENCES', query }, kossi);
    expect(again).toEqual({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('déjà une vue nommée') },
    });
  });

  it('keeps views private: another user neither sees nor deletes them, and may reuse the name', async () => {
    const { db, dispatch, as } = setup();
    close = () => db.close();
    const kossi = as('u-agent-kossi');
    const akossiwa = as('u-agent-akossiwa');
    const saved = await dispatch('views.save', { name: 'Mes urgences', query }, kossi);
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    expect(await dispatch('views.list', {}, akossiwa)).toEqual({ ok: true, value: [] });
    const stolen = await dispatch('views.delete', { id }, akossiwa);
    expect(stolen.ok ? 'ok' : stolen.error.code).toBe('not_found');
    expect((await dispatch('views.save', { name: 'Mes urgences', query }, akossiwa)).ok).toBe(true);
    const mine = await dispatch('views.list', {}, kossi);
    expect(mine.ok && (mine.value as unknown[]).length).toBe(1);
  });

  it('validates the saved query against the contract', async () => {
    const { db, dispatch, as } = setup();
    close = () => db.close();
    const bad = await dispatch(
      'views.save',
      { name: 'x', query: { ...query, queue: 'nope' } },
      as('u-agent-kossi'),
    );
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_input');
    const blank = await dispatch('views.save', { name: '   ', query }, as('u-agent-kossi'));
    expect(blank.ok ? 'ok' : blank.error.code).toBe('invalid_input');
  });
});
