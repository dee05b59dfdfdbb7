import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../src/main/core/auth/trainingUsers';
import type { Core } from '../../src/main/core/createCore';
import type { CallContext } from '../../src/main/core/api/dispatcher';
import type { PortalSimulator } from '../../src/simulator/server';
import type {
  AuditPage,
  AuditVerification,
  Holiday,
  HolidaysSaved,
  OfficeSettings,
  UserAccount,
} from '../../src/shared/api/adminTypes';
import { apiContract, type MethodName } from '../../src/shared/api/contract';
import type { Result } from '../../src/shared/api/result';
import type { SessionState } from '../../src/shared/api/sessionTypes';
import type { CurrentUser, InboxPage } from '../../src/shared/api/types';
import { createWorkingCalendar, isoDateOf } from '../../src/shared/calendar/workingDays';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, startSimulatorOn } from '../support/fakeClockBureau';
import { procedures, tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * Administration on a real core (SQLite file in a temp dir, synced over HTTP from the portal
 * simulator): users' lifecycle through the API and sign-in, office settings, the holiday calendar
 * and the deadlines it moves, the audit viewer and the verifier against a file tampered with by a
 * separate connection. A fake clock shared with the simulator keeps the dates fixed.
 */

const START = '2026-11-09T08:00:00.000Z'; // a Monday
const TEMPORARY = 'Provisoire-2026!';

const clock = createFakeClock(START);
let simulator: PortalSimulator;
let core: Core;
let dataDir: string;
let edem: CurrentUser;
let kossi: CurrentUser;
let ablavi: CurrentUser;

async function callAs<T>(user: CurrentUser | CallContext, method: MethodName, input: unknown) {
  const context = 'id' in user ? { user } : user;
  return (await core.dispatch(method, input, context)) as Result<T>;
}

async function valueAs<T>(user: CurrentUser, method: MethodName, input: unknown): Promise<T> {
  const result = await callAs<T>(user, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const admin = <T>(method: MethodName, input: unknown) => valueAs<T>(edem, method, input);

function signIn(sessionKey: string, username: string, password: string) {
  return core.dispatch('session.signIn', { username, password }, { user: null, sessionKey });
}

function auditRows(
  action: string,
): { entity_id: string; summary_json: string; actor_id: string }[] {
  return core.db
    .prepare(
      'SELECT entity_id, summary_json, actor_id FROM audit_log WHERE action = ? ORDER BY seq',
    )
    .all(action) as { entity_id: string; summary_json: string; actor_id: string }[];
}

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 21, count: 60 });
  dataDir = tempDir('bureau-admin-');
  core = openCoreOn(clock, { dataDir, portalUrl: simulator.url });
  await core.sync.syncNow();
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  edem = byId.get('u-admin-edem')!;
  kossi = byId.get('u-agent-kossi')!;
  ablavi = byId.get('u-sup-ablavi')!;
}, 60_000);

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

describe('users', () => {
  let created: UserAccount;

  it('creates an account with a hashed temporary password that must be changed', async () => {
    created = await admin<UserAccount>('admin.users.create', {
      username: '  Dzifa.Akakpo ',
      displayName: 'Dzifa Akakpo',
      role: 'agent',
      officeCode: 'lom',
      procedureCodes: ['COM-IMPEX', 'COM-CO'],
      temporaryPassword: TEMPORARY,
    });
    expect(created).toMatchObject({
      username: 'dzifa.akakpo',
      displayName: 'Dzifa Akakpo',
      role: 'agent',
      officeCode: 'LOM',
      procedureCodes: ['COM-IMPEX', 'COM-CO'],
      active: true,
      mustChangePassword: true,
      lockedUntil: null,
      lastSignInAt: null,
    });
    const hash = core.db
      .prepare('SELECT password_hash FROM users WHERE id = ?')
      .pluck()
      .get(created.id) as string;
    expect(hash).toMatch(/^scrypt\$65536\$8\$1\$/);
    const list = await admin<UserAccount[]>('admin.users.list', {});
    expect(list.map((user) => user.username)).toContain('dzifa.akakpo');
    expect(JSON.stringify(list)).not.toContain('scrypt');

    const first = await signIn('k-new', 'dzifa.akakpo', TEMPORARY);
    expect(first.ok).toBe(true);
    expect(core.contextFor('k-new').restriction).toBe('must_change_password');
    // A new account is welcomed, not told that an administrator reset its password.
    expect((first as { value: SessionState }).value).toMatchObject({ newAccount: true });
  });

  it('refuses a username already taken, in French', async () => {
    const result = await callAs(edem, 'admin.users.create', {
      username: 'kossi.agbodjan',
      displayName: 'Kossi Agbodjan (bis)',
      role: 'agent',
      officeCode: 'LOM',
      procedureCodes: null,
      temporaryPassword: TEMPORARY,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!result.ok && result.error.message).toContain('« kossi.agbodjan » est déjà pris');
    expect(!result.ok && result.error.issues?.[0]?.field).toBe('username');
    // Said as a key and parameters too, for a renderer in English (issue 19).
    expect(!result.ok && result.error.reason).toEqual({
      key: 'usernameTaken',
      params: { username: 'kossi.agbodjan' },
    });
  });

  it('refuses an unknown office or procedure, and an empty procedure list', async () => {
    const base = { id: created.id };
    for (const change of [
      { officeCode: 'ZZZ' },
      { procedureCodes: ['COM-NOPE'] },
      { procedureCodes: [] },
    ]) {
      const result = await callAs(edem, 'admin.users.update', { ...base, ...change });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('edits role, office and procedures with one audit row holding before and after', async () => {
    const updated = await admin<UserAccount>('admin.users.update', {
      id: created.id,
      role: 'superviseur',
      officeCode: 'KAR',
      procedureCodes: null,
    });
    expect(updated).toMatchObject({ role: 'superviseur', officeCode: 'KAR', procedureCodes: null });
    const rows = auditRows('user.updated').filter((row) => row.entity_id === created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBe(edem.id);
    expect(JSON.parse(rows[0]!.summary_json)).toEqual({
      username: 'dzifa.akakpo',
      before: { role: 'agent', officeCode: 'LOM', procedureCodes: ['COM-IMPEX', 'COM-CO'] },
      after: { role: 'superviseur', officeCode: 'KAR', procedureCodes: null },
    });
    // Saving without a change writes nothing.
    await admin('admin.users.update', { id: created.id, role: 'superviseur' });
    expect(auditRows('user.updated').filter((row) => row.entity_id === created.id)).toHaveLength(1);
  });

  it('refuses that an administrator deactivates or demotes themself', async () => {
    for (const change of [{ active: false }, { role: 'agent' }]) {
      const result = await callAs(edem, 'admin.users.update', { id: edem.id, ...change });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.contextOf(edem.id).user?.role).toBe('administrateur');
  });

  it('keeps at least one active administrator', async () => {
    // Another administrator exists for a moment: Edem may then be demoted by them, not before.
    const second = await admin<UserAccount>('admin.users.create', {
      username: 'komlan.assih',
      displayName: 'Komlan Assih',
      role: 'administrateur',
      officeCode: 'LOM',
      procedureCodes: null,
      temporaryPassword: TEMPORARY,
    });
    const komlan = {
      ...edem,
      id: second.id,
      username: second.username,
      displayName: 'Komlan Assih',
    };
    // Komlan deactivates Edem: allowed, Komlan remains.
    expect((await callAs(komlan, 'admin.users.update', { id: edem.id, active: false })).ok).toBe(
      true,
    );
    // Edem (acting in-process though deactivated) cannot remove the last active administrator.
    const last = await callAs(edem, 'admin.users.update', { id: second.id, role: 'agent' });
    expect(last).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!last.ok && last.error.message).toContain('dernier administrateur actif');
    expect((await callAs(komlan, 'admin.users.update', { id: edem.id, active: true })).ok).toBe(
      true,
    );
    expect(auditRows('user.deactivated').some((row) => row.entity_id === edem.id)).toBe(true);
    expect(auditRows('user.reactivated').some((row) => row.entity_id === edem.id)).toBe(true);
    expect((await callAs(edem, 'admin.users.update', { id: second.id, active: false })).ok).toBe(
      true,
    );
  });

  it('reset lifts a lock-out and forces a new password at the next sign-in', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn('k1', 'akossiwa.mensah', 'mauvais-mot-de-passe');
    }
    const locked = await signIn('k1', 'akossiwa.mensah', TRAINING_PASSWORD);
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });
    const before = (await admin<UserAccount[]>('admin.users.list', {})).find(
      (user) => user.username === 'akossiwa.mensah',
    )!;
    expect(before.lockedUntil).not.toBeNull();

    // A reset happens after the account was made (the fake clock stands still otherwise).
    clock.advanceMinutes(1);
    const reset = await admin<UserAccount>('admin.users.resetPassword', {
      id: before.id,
      temporaryPassword: TEMPORARY,
    });
    expect(reset).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    expect((await signIn('k1', 'akossiwa.mensah', TRAINING_PASSWORD)).ok).toBe(false);
    const signedIn = await signIn('k1', 'akossiwa.mensah', TEMPORARY);
    expect(signedIn.ok).toBe(true);
    expect((signedIn as { value: SessionState }).value).toMatchObject({
      mustChangePassword: true,
      newAccount: false,
    });
    expect(core.contextFor('k1').restriction).toBe('must_change_password');
    const refused = await core.dispatch('inbox.counts', {}, core.contextFor('k1'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const row = auditRows('user.password_reset').find((entry) => entry.entity_id === before.id)!;
    expect(JSON.parse(row.summary_json)).toEqual({
      username: 'akossiwa.mensah',
      lockOutLifted: true,
      mustChangePassword: true,
    });
  });

  it("ends a deactivated user's session at their next call", async () => {
    expect((await signIn('k2', 'kossi.agbodjan', TRAINING_PASSWORD)).ok).toBe(true);
    expect(core.contextFor('k2').user?.id).toBe(kossi.id);
    await admin('admin.users.update', { id: kossi.id, active: false });
    expect(core.contextFor('k2').user).toBeNull();
    const refused = await signIn('k3', 'kossi.agbodjan', TRAINING_PASSWORD);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await admin('admin.users.update', { id: kossi.id, active: true });
    expect((await signIn('k2', 'kossi.agbodjan', TRAINING_PASSWORD)).ok).toBe(true);
  });

  it('never writes a password or a hash into the audit trail', () => {
    const all = core.db.prepare('SELECT summary_json FROM audit_log').pluck().all() as string[];
    const text = all.join('\n');
    expect(text).not.toContain(TEMPORARY);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain(TRAINING_PASSWORD);
  });
});

describe('office settings', () => {
  it('are readable by all staff and seeded with the training office', async () => {
    const settings = await valueAs<OfficeSettings>(kossi, 'admin.office.get', {});
    expect(settings).toEqual({
      code: 'LOM',
      name: 'Direction régionale Lomé-Commune',
      region: 'Grand Lomé',
      numberingCode: 'LOM',
      opensAt: '07:30',
      closesAt: '17:30',
      lockAfterMinutes: 15,
    });
  });

  it('refuses closing before opening and out-of-range lock delays', async () => {
    const valid = {
      name: 'Direction régionale Lomé-Commune',
      region: 'Grand Lomé',
      numberingCode: 'LOM',
      opensAt: '07:30',
      closesAt: '17:30',
      lockAfterMinutes: 15,
    };
    const closesFirst = await callAs(edem, 'admin.office.update', { ...valid, closesAt: '07:00' });
    expect(closesFirst).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!closesFirst.ok && closesFirst.error.message).toContain('fermeture');
    // Another office's code, or one not extending ours, would let numbers collide across offices.
    for (const wrong of [
      { lockAfterMinutes: 0 },
      { opensAt: '7h30' },
      { numberingCode: 'L0M' },
      { numberingCode: 'KAR' },
      { numberingCode: 'XLOM' },
    ]) {
      const result = await callAs(edem, 'admin.office.update', { ...valid, ...wrong });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      // The refusal names its field, so the form says it there (issue 19).
      expect(!result.ok && result.error.issues?.map((issue) => issue.field)).toEqual(
        Object.keys(wrong),
      );
    }
    expect(!closesFirst.ok && closesFirst.error.issues?.[0]?.field).toBe('closesAt');
  });

  it('apply the idle lock delay at once, with an audit row', async () => {
    const updated = await admin<OfficeSettings>('admin.office.update', {
      name: 'Direction régionale Lomé-Commune',
      region: 'Grand Lomé',
      numberingCode: 'LOMC',
      opensAt: '07:00',
      closesAt: '17:30',
      lockAfterMinutes: 5,
    });
    expect(updated).toMatchObject({ numberingCode: 'LOMC', lockAfterMinutes: 5 });
    const [row] = auditRows('office.updated');
    expect(JSON.parse(row!.summary_json)).toEqual({
      before: { numberingCode: 'LOM', opensAt: '07:30', lockAfterMinutes: 15 },
      after: { numberingCode: 'LOMC', opensAt: '07:00', lockAfterMinutes: 5 },
    });
    expect((await signIn('k-idle', 'ablavi.lawson', TRAINING_PASSWORD)).ok).toBe(true);
    const state = await core.dispatch('session.current', {}, core.contextFor('k-idle'));
    expect(state).toMatchObject({ ok: true, value: { lockAfterMinutes: 5 } });
    clock.advanceMinutes(6);
    expect(core.contextFor('k-idle').restriction).toBe('locked');
  });
});

describe('holiday calendar', () => {
  interface OpenCase {
    id: string;
    procedure_code: string;
    submitted_at: string;
    sla_paused_days: number;
    due_date: string;
  }
  const openCases = () =>
    core.db
      .prepare(
        'SELECT id, procedure_code, submitted_at, sla_paused_days, due_date FROM applications WHERE is_open = 1 ORDER BY id',
      )
      .all() as OpenCase[];
  const inboxRows = async () =>
    (await valueAs<InboxPage>(ablavi, 'inbox.list', { queue: 'all', limit: 500 })).rows;

  it('is seeded from the resource file, lunar feasts marked provisional', async () => {
    const year = await valueAs<Holiday[]>(kossi, 'admin.holidays.list', { year: 2026 });
    expect(year.length).toBe(14);
    expect(year.find((holiday) => holiday.date === '2026-05-27')).toEqual({
      date: '2026-05-27',
      label: 'Tabaski',
      provisional: true,
    });
    expect(year.find((holiday) => holiday.date === '2026-04-27')?.provisional).toBe(false);
  });

  it('refuses a date of another year or twice the same date', async () => {
    const other = await callAs(edem, 'admin.holidays.save', {
      year: 2026,
      holidays: [{ date: '2027-01-01', label: "Jour de l'an", provisional: false }],
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const twice = await callAs(edem, 'admin.holidays.save', {
      year: 2026,
      holidays: [
        { date: '2026-12-25', label: 'Noël', provisional: false },
        { date: '2026-12-25', label: 'Noël (bis)', provisional: false },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('moves the deadlines a new holiday falls into, and every badge follows at once', async () => {
    const holidayDate = '2026-11-05'; // a Thursday, before « today » (09/11)
    const before = openCases();
    const rowsBefore = new Map((await inboxRows()).map((row) => [row.id, row]));
    const year = await valueAs<Holiday[]>(edem, 'admin.holidays.list', { year: 2026 });
    const edited = [
      ...year,
      { date: holidayDate, label: 'Journée de deuil national', provisional: false },
    ];

    const saved = await admin<HolidaysSaved>('admin.holidays.save', {
      year: 2026,
      holidays: edited,
    });
    expect(saved.holidays).toHaveLength(15);

    const holidays = core.db.prepare('SELECT date FROM holidays').pluck().all() as string[];
    const calendar = createWorkingCalendar(holidays);
    const slaOf = new Map(procedures().map((p) => [p.code, p.slaWorkingDays]));
    const expected = new Map(
      before.map((row) => [
        row.id,
        calendar.addWorkingDays(
          isoDateOf(new Date(row.submitted_at)),
          slaOf.get(row.procedure_code)! + row.sla_paused_days,
        ),
      ]),
    );
    const after = openCases();
    const moved = before.filter((row) => expected.get(row.id) !== row.due_date);
    expect(moved.length).toBeGreaterThan(0);
    expect(saved.recomputedDeadlines).toBe(moved.length);
    for (const row of after) expect(row.due_date).toBe(expected.get(row.id));
    // Each moved deadline's window held the new holiday.
    for (const row of moved) {
      expect(isoDateOf(new Date(row.submitted_at)) < holidayDate).toBe(true);
      expect(row.due_date >= holidayDate).toBe(true);
    }

    // Overdue cases whose deadline came before the holiday stay put, but one working day fewer
    // now separates them from today.
    const rowsAfter = new Map((await inboxRows()).map((row) => [row.id, row]));
    const overdueBefore = [...rowsBefore.values()].filter(
      (row) => row.workingDaysLeft !== null && row.dueDate < holidayDate,
    );
    expect(overdueBefore.length).toBeGreaterThan(0);
    for (const row of overdueBefore) {
      expect(rowsAfter.get(row.id)!.dueDate).toBe(row.dueDate);
      expect(rowsAfter.get(row.id)!.workingDaysLeft).toBe(row.workingDaysLeft! + 1);
    }
    // The supervisor's inbox lists his office's cases (README « Who sees what »).
    const movedHere = moved.filter((row) => rowsAfter.has(row.id));
    expect(movedHere.length).toBeGreaterThan(0);
    for (const row of movedHere) {
      expect(rowsAfter.get(row.id)!.dueDate).toBe(expected.get(row.id));
    }

    const [audit] = auditRows('holidays.saved');
    expect(JSON.parse(audit!.summary_json)).toEqual({
      added: [{ date: holidayDate, label: 'Journée de deuil national', provisional: false }],
      removed: [],
      edited: [],
      recomputedDeadlines: moved.length,
    });
    // How long a recompute takes is a figure of the machine: bench/timings.ts.
    console.info(
      `holidays.save: ${moved.length} deadlines moved among ${before.length} open cases`,
    );
  });

  it('moves them back when the holiday is removed, and survives a restart', async () => {
    const year = await valueAs<Holiday[]>(edem, 'admin.holidays.list', { year: 2026 });
    const saved = await admin<HolidaysSaved>('admin.holidays.save', {
      year: 2026,
      holidays: year
        .filter((holiday) => holiday.date !== '2026-11-05')
        .map((holiday) =>
          holiday.date === '2026-11-01' ? { ...holiday, label: 'La Toussaint' } : holiday,
        ),
    });
    expect(saved.recomputedDeadlines).toBeGreaterThan(0);
    const [, second] = auditRows('holidays.saved');
    expect(JSON.parse(second!.summary_json)).toMatchObject({
      removed: [{ date: '2026-11-05' }],
      edited: [{ date: '2026-11-01', label: 'La Toussaint' }],
    });

    // Restarted, Bureau keeps the edited calendar: the resource file only seeds an empty table.
    await core.close();
    core = openCoreOn(clock, { dataDir, portalUrl: simulator.url });
    const reopened = await valueAs<Holiday[]>(kossi, 'admin.holidays.list', { year: 2026 });
    expect(reopened).toEqual(saved.holidays);
    expect(reopened.find((holiday) => holiday.date === '2026-11-01')?.label).toBe('La Toussaint');
  });
});

describe('audit trail', () => {
  it('lists newest first with actor names, by keyset pages that neither skip nor repeat', async () => {
    const total = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const seen: number[] = [];
    let beforeSeq: number | null = null;
    let pages = 0;
    do {
      const page: AuditPage = await admin<AuditPage>('audit.list', { beforeSeq, limit: 7 });
      seen.push(...page.rows.map((row) => row.seq));
      beforeSeq = page.nextBeforeSeq;
      pages++;
    } while (beforeSeq !== null && pages < 1000);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(total);

    const first = await admin<AuditPage>('audit.list', { limit: 50 });
    const reset = first.rows.find((row) => row.action === 'user.password_reset')!;
    expect(reset).toMatchObject({ actorId: edem.id, actorName: 'Edem Dossou', entityType: 'user' });
  });

  it('filters by actor, action prefix, entity and days', async () => {
    const byActor = await admin<AuditPage>('audit.list', { actorId: edem.id, limit: 500 });
    expect(byActor.rows.length).toBeGreaterThan(5);
    expect(byActor.rows.every((row) => row.actorId === edem.id)).toBe(true);

    const userActions = await admin<AuditPage>('audit.list', { actionPrefix: 'user.', limit: 500 });
    const expectedUserRows = core.db
      .prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'user.%'")
      .pluck()
      .get() as number;
    expect(userActions.rows).toHaveLength(expectedUserRows);

    const byEntity = await admin<AuditPage>('audit.list', { entityId: kossi.id, limit: 500 });
    expect(byEntity.rows.length).toBeGreaterThan(0);
    expect(byEntity.rows.every((row) => row.entityId === kossi.id)).toBe(true);

    const combined = await admin<AuditPage>('audit.list', {
      actorId: edem.id,
      actionPrefix: 'user.dea',
      entityId: kossi.id,
      from: '2026-11-09',
      to: '2026-11-09',
    });
    expect(combined.rows.map((row) => row.action)).toEqual(['user.deactivated']);

    const today = await admin<AuditPage>('audit.list', { from: '2026-11-09', to: '2026-11-09' });
    expect(today.rows.length).toBeGreaterThan(0);
    expect((await admin<AuditPage>('audit.list', { from: '2026-11-10' })).rows).toEqual([]);
    expect((await admin<AuditPage>('audit.list', { to: '2026-11-08' })).rows).toEqual([]);
  });

  it('walks the actor and entity indexes in seq order (no sort, no full scan)', () => {
    const plan = (sql: string) =>
      (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    const byActor = plan(
      "SELECT seq FROM audit_log a WHERE a.seq < 1000 AND a.actor_id = 'x' ORDER BY a.seq DESC LIMIT 10",
    );
    expect(byActor).toContain('audit_log_by_actor');
    expect(byActor).not.toContain('TEMP B-TREE');
    const byEntity = plan(
      "SELECT seq FROM audit_log a WHERE a.seq < 1000 AND a.entity_id = 'x' ORDER BY a.seq DESC LIMIT 10",
    );
    expect(byEntity).toContain('audit_log_by_entity');
    expect(byEntity).not.toContain('TEMP B-TREE');
  });

  it('verifies the chain, then names the first row edited behind its back', async () => {
    const intact = await admin<AuditVerification>('audit.verify', {});
    const rows = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(intact).toMatchObject({ ok: true, checkedRows: rows - 1, firstBroken: null });
    expect(intact.lastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRows('audit.verified')).toHaveLength(1);

    const target = core.db
      .prepare("SELECT seq FROM audit_log WHERE action = 'office.updated'")
      .pluck()
      .get() as number;
    // Someone holding the file: a separate connection, the append-only triggers dropped first.
    const intruder = new Database(join(dataDir, 'bureau.sqlite'));
    intruder.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    intruder
      .prepare('UPDATE audit_log SET summary_json = ? WHERE seq = ?')
      .run(JSON.stringify({ before: {}, after: { lockAfterMinutes: 240 } }), target);
    intruder.exec(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    intruder.close();

    const broken = await admin<AuditVerification>('audit.verify', {});
    expect(broken).toMatchObject({
      ok: false,
      checkedRows: target - 1,
      firstBroken: { seq: target, breach: 'edited' },
      lastHash: null,
    });
    expect(broken.firstBroken!.reason).toContain(`ligne n° ${target}`);
  });
});

describe('access', () => {
  const ADMINISTRATORS_ONLY = (Object.keys(apiContract) as MethodName[]).filter(
    (method) => method.startsWith('admin.') || method.startsWith('audit.'),
  );

  it('refuses every administration method to clerks and supervisors (reading the office and holidays aside)', async () => {
    const staffReadable = ['admin.office.get', 'admin.holidays.list'];
    expect(ADMINISTRATORS_ONLY).toHaveLength(11);
    for (const method of ADMINISTRATORS_ONLY) {
      for (const user of [kossi, ablavi]) {
        const input = method === 'admin.holidays.list' ? { year: 2026 } : {};
        const result = await callAs(user, method, input);
        if (staffReadable.includes(method)) {
          expect(result.ok, `${method} as ${user.role}`).toBe(true);
        } else {
          expect(result, `${method} as ${user.role}`).toMatchObject({
            ok: false,
            error: { code: 'forbidden' },
          });
        }
      }
    }
  });
});
