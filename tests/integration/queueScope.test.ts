import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import {
  QUEUE_IDS,
  type CurrentUser,
  type InboxPage,
  type InboxRow,
  type QueueCounts,
  type QueueId,
} from '../../src/shared/api/types';
import type { PortalSimulator } from '../../src/simulator/server';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING } from '../support/syncBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * README « Who sees what »: every queue and every count holds the reader's own office's cases,
 * whatever the role; « Mes dossiers » narrows it to the reader's assignments. On a real core
 * synced from the simulator (cases of every office in the cache), for an agent of Lomé, one of
 * Kara, Lomé's supervisor and its administrator: each queue's rows, its total and its count in
 * the navigation agree and hold only the reader's office; the supervisor's dashboard says the
 * same number of overdue cases as his navigation.
 */

const clock = createFakeClock('2026-11-16T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let users: CurrentUser[];

async function as<M extends MethodName>(
  user: CurrentUser,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, { user });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

async function everyRow(user: CurrentUser, queue: QueueId): Promise<InboxRow[]> {
  const rows: InboxRow[] = [];
  let cursor: string | null = null;
  do {
    const page: InboxPage = await as(user, 'inbox.list', {
      queue,
      filters: {},
      search: '',
      cursor,
      limit: 100,
    });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

const userOf = (id: string) => users.find((user) => user.id === id)!;
const officeCount = (officeCode: string, where = '1 = 1') =>
  core.db
    .prepare(`SELECT count(*) FROM applications WHERE office_code = ? AND ${where}`)
    .pluck()
    .get(officeCode) as number;

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 61, count: 220 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-scope-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  users = trainingUsersOf(core);
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
  // Some work of each office's agents, so « Mes dossiers » holds something.
  for (const id of ['u-agent-kossi', 'u-agent-essowe']) {
    const user = userOf(id);
    const cases = core.db
      .prepare(
        "SELECT id FROM applications WHERE office_code = ? AND status = 'submitted' AND assignee_id IS NULL ORDER BY id LIMIT 3",
      )
      .pluck()
      .all(user.officeCode) as string[];
    for (const caseId of cases) await as(user, 'cases.claim', { id: caseId });
  }
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

describe('one scope rule for every queue and every count', () => {
  it('the cache holds several offices’ cases, overdue ones among them (else the test proves nothing)', () => {
    const offices = core.db
      .prepare(
        "SELECT office_code, count(*) AS n FROM applications WHERE is_open = 1 AND status <> 'info_requested' AND due_date < '2026-11-16' GROUP BY office_code",
      )
      .all() as { office_code: string; n: number }[];
    expect(offices.map((office) => office.office_code)).toEqual(
      expect.arrayContaining(['LOM', 'KAR']),
    );
    expect(offices.length).toBeGreaterThan(2);
  });

  it.each(['u-agent-kossi', 'u-agent-essowe', 'u-sup-ablavi', 'u-admin-edem'])(
    '%s: each queue, its total and its count hold the reader’s office only, and agree',
    async (id) => {
      const user = userOf(id);
      const counts: QueueCounts = await as(user, 'inbox.counts', {});
      const byQueue = new Map<QueueId, InboxRow[]>();
      for (const queue of QUEUE_IDS) {
        const rows = await everyRow(user, queue);
        byQueue.set(queue, rows);
        const label = `${id} ${queue}`;
        expect(
          rows.filter((row) => row.officeCode !== user.officeCode).map((row) => row.reference),
          label,
        ).toEqual([]);
        expect(counts[queue], label).toBe(rows.length);
        expect(await as(user, 'inbox.total', { queue, filters: {}, search: '' }), label).toBe(
          rows.length,
        );
      }
      const all = byQueue.get('all')!;
      // « Tous » is exactly the office's cases; the others are each the part of it they say.
      expect(all.length).toBe(officeCount(user.officeCode));
      const inAll = (predicate: (row: InboxRow) => boolean) =>
        all
          .filter(predicate)
          .map((row) => row.id)
          .sort();
      const ids = (queue: QueueId) =>
        byQueue
          .get(queue)!
          .map((row) => row.id)
          .sort();
      expect(ids('overdue')).toEqual(inAll((row) => row.deadlineState === 'overdue'));
      expect(ids('due_soon')).toEqual(inAll((row) => row.deadlineState === 'due_soon'));
      expect(ids('waiting_applicant')).toEqual(inAll((row) => row.status === 'info_requested'));
      expect(ids('pending_signoff')).toEqual(inAll((row) => row.status === 'pending_signoff'));
      expect(ids('mine')).toEqual(
        inAll((row) => row.assignee?.id === user.id && row.workingDaysLeft !== null),
      );
      expect(counts.overdue).toBeGreaterThan(0);
      if (user.role === 'agent') expect(counts.mine).toBe(3);
    },
  );

  it('a search counts and lists the reader’s office only, even over « Tous »', async () => {
    const kossi = userOf('u-agent-kossi');
    const other = core.db
      .prepare("SELECT reference FROM applications WHERE office_code <> 'LOM' ORDER BY id LIMIT 1")
      .pluck()
      .get() as string;
    const query = { queue: 'all', filters: {}, search: other } as const;
    expect(await as(kossi, 'inbox.total', query)).toBe(0);
    expect((await as(kossi, 'inbox.list', { ...query, cursor: null, limit: 50 })).rows).toEqual([]);
    const essowe = userOf('u-agent-essowe');
    const karOnly = core.db
      .prepare('SELECT office_code FROM applications WHERE reference = ?')
      .pluck()
      .get(other) as string;
    const expected = karOnly === essowe.officeCode ? 1 : 0;
    expect(await as(essowe, 'inbox.total', query)).toBe(expected);
  });

  it('the supervisor’s dashboard says as many overdue cases as his navigation', async () => {
    const ablavi = userOf('u-sup-ablavi');
    const counts = await as(ablavi, 'inbox.counts', {});
    const dashboard = await as(ablavi, 'dashboard.summary', {
      from: '2026-11-01',
      to: '2026-11-16',
    });
    expect(counts.overdue).toBeGreaterThan(0);
    expect(dashboard.totals.overdue).toBe(counts.overdue);
    expect(dashboard.totals.open).toBe(officeCount(ablavi.officeCode, 'is_open = 1'));
  });
});
