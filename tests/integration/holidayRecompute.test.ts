import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOMPUTE_CHUNK } from '../../src/main/core/admin/dueDateRecompute';
import { createHolidaysAdmin } from '../../src/main/core/admin/holidaysAdmin';
import { createAuditLog } from '../../src/main/core/audit/auditLog';
import { openHolidayCalendar } from '../../src/main/core/calendar/holidayCalendar';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { createEventBus } from '../../src/main/core/eventBus';
import type { CurrentUser } from '../../src/shared/api/types';
import { createWorkingCalendar, isoDateOf } from '../../src/shared/calendar/workingDays';
import { createInboxFixture, TODAY, type InboxFixture } from '../support/inboxFixture';
import { resourcesDir } from '../support/testBureau';

/**
 * The deadline recompute after a holiday edit, on a real cache of generated cases: it runs in
 * short transactions (at most RECOMPUTE_CHUNK cases each, the event loop running between them),
 * ends with every open deadline right, and one interrupted by a stop is finished at the next
 * start. What is checked is what happened — the transactions' cursors and what ran between
 * them — never how long it took: the durations are `npm run bench` figures
 * (BENCH_ONLY=timings). BUREAU_HOLIDAY_FIXTURE sets the size.
 */

const SIZE = Number(process.env.BUREAU_HOLIDAY_FIXTURE ?? 10_000);
const NEW_HOLIDAY = '2026-11-24'; // a Tuesday, the day after the fixture's « today »
const catalog = loadCatalog(join(resourcesDir, 'procedures'));
const admin = {
  id: 'u-admin-edem',
  officeCode: 'LOM',
  role: 'administrateur',
  displayName: 'Edem',
} as unknown as CurrentUser;

let fixture: InboxFixture;

function openAdmin(db: Database.Database) {
  return createHolidaysAdmin({
    db,
    holidays: openHolidayCalendar(db, resourcesDir),
    catalog,
    audit: createAuditLog(db),
    events: createEventBus(),
    clock: { now: () => new Date(`${TODAY}T09:00:00Z`) },
    log: () => {},
  });
}

/** Every open case's deadline as derived from scratch on the holidays the table holds. */
function wrongDeadlines(db: Database.Database): number {
  const calendar = createWorkingCalendar(
    db.prepare('SELECT date FROM holidays').pluck().all() as string[],
  );
  const rows = db
    .prepare(
      'SELECT procedure_code, submitted_at, sla_paused_days, due_date FROM applications WHERE is_open = 1',
    )
    .all() as {
    procedure_code: string;
    submitted_at: string;
    sla_paused_days: number;
    due_date: string;
  }[];
  return rows.filter(
    (row) =>
      calendar.addWorkingDays(
        isoDateOf(new Date(row.submitted_at)),
        catalog.get(row.procedure_code)!.slaWorkingDays + row.sla_paused_days,
      ) !== row.due_date,
  ).length;
}

const pendingRows = (db: Database.Database) =>
  db.prepare('SELECT count(*) FROM holiday_recompute').pluck().get() as number;

interface Cursor {
  at: string;
  id: string;
}

/**
 * Runs `work`, recording each cursor the recompute commits (a temporary trigger on its bookkeeping
 * row: one cursor per chunk transaction but the last, which deletes the row) and each cursor a
 * probe finds at every turn of the event loop (setImmediate, the recompute's own way of yielding).
 */
async function watchRecompute<T>(db: Database.Database, work: () => Promise<T>) {
  const committed: Cursor[] = [];
  db.function('test_cursor_written', (at: unknown, id: unknown) => {
    if (id !== '') committed.push({ at: String(at), id: String(id) });
    return null;
  });
  db.exec(`CREATE TEMP TRIGGER test_cursor_written AFTER INSERT ON main.holiday_recompute
    BEGIN SELECT test_cursor_written(NEW.after_submitted_at, NEW.after_id); END`);
  const current = db.prepare<[], Cursor>(
    'SELECT after_submitted_at AS at, after_id AS id FROM holiday_recompute',
  );
  const seen: Cursor[] = [];
  let watching = true;
  const look = () => {
    if (!watching) return;
    const row = current.get();
    if (row && row.id !== '' && seen.at(-1)?.id !== row.id) seen.push(row);
    setImmediate(look);
  };
  setImmediate(look);
  try {
    return { value: await work(), committed, seen };
  } finally {
    watching = false;
    db.exec('DROP TRIGGER temp.test_cursor_written');
  }
}

/** Open cases a recompute for `changedDates` walks after `from`, up to and with `to` (or the end). */
function casesWalked(
  db: Database.Database,
  from: Cursor,
  to: Cursor | null,
  changedDates: string[],
) {
  const lastDay = [...changedDates].sort().at(-1)!;
  const beforeDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  return db
    .prepare(
      `SELECT count(*) FROM applications
        WHERE is_open = 1 AND submitted_at < @beforeDay AND (submitted_at, id) > (@fromAt, @fromId)
          AND (@toId IS NULL OR (submitted_at, id) <= (@toAt, @toId))`,
    )
    .pluck()
    .get({
      beforeDay,
      fromAt: from.at,
      fromId: from.id,
      toAt: to?.at ?? null,
      toId: to?.id ?? null,
    }) as number;
}

beforeAll(() => {
  fixture = createInboxFixture(SIZE);
}, 600_000);

afterAll(() => {
  if (fixture.db.open) fixture.close();
});

describe('deadline recompute after a holiday edit', () => {
  it('rewrites the deadlines in short transactions, every one right at the end', async () => {
    const holidays = openAdmin(fixture.db);
    await holidays.resumed;
    // The generated cases were dated on the resource calendar the table was seeded from.
    expect(wrongDeadlines(fixture.db)).toBe(0);
    const year = holidays.list(2026);
    const edited = [...year, { date: NEW_HOLIDAY, label: 'Deuil national', provisional: false }];

    const {
      value: saved,
      committed,
      seen,
    } = await watchRecompute(fixture.db, () => holidays.save(2026, edited, admin));
    console.info(
      `holiday recompute on ${SIZE} cases: ${saved.recomputedDeadlines} deadlines moved in ` +
        `${committed.length + 1} transactions`,
    );
    expect(saved.recomputedDeadlines).toBeGreaterThan(RECOMPUTE_CHUNK); // more than one chunk
    expect(saved.holidays).toHaveLength(year.length + 1);
    expect(wrongDeadlines(fixture.db)).toBe(0);
    expect(pendingRows(fixture.db)).toBe(0);
    const audit = fixture.db
      .prepare("SELECT summary_json FROM audit_log WHERE action = 'holidays.saved'")
      .pluck()
      .all() as string[];
    expect(audit.map((json) => JSON.parse(json) as unknown)).toEqual([
      {
        added: [{ date: NEW_HOLIDAY, label: 'Deuil national', provisional: false }],
        removed: [],
        edited: [],
        recomputedDeadlines: saved.recomputedDeadlines,
      },
    ]);
    // Short transactions: each walked at most RECOMPUTE_CHUNK cases (how many fit in its time
    // budget depends on the machine; the bound does not), so there were at least as many
    // transactions as the moved deadlines fill chunks.
    const bounds = [{ at: '', id: '' }, ...committed];
    const walked = bounds.map((from, index) =>
      casesWalked(fixture.db, from, committed[index] ?? null, [NEW_HOLIDAY]),
    );
    expect(Math.max(...walked)).toBeLessThanOrEqual(RECOMPUTE_CHUNK);
    // Every chunk but the last moved the cursor on (the last may find nothing left).
    expect(Math.min(...walked.slice(0, -1))).toBeGreaterThan(0);
    expect(committed.length + 1).toBeGreaterThanOrEqual(
      Math.ceil(saved.recomputedDeadlines / RECOMPUTE_CHUNK),
    );
    // The event loop ran after every chunk: a callback queued meanwhile saw each cursor.
    expect(seen).toEqual(committed);
  }, 120_000);

  it('finishes at the next start a recompute a stop interrupted', async () => {
    const holidays = openAdmin(fixture.db);
    await holidays.resumed;
    const year = holidays.list(2026).filter((holiday) => holiday.date !== NEW_HOLIDAY);
    const saving = holidays.save(2026, year, admin);
    // Stop Bureau once the calendar and the first chunk have committed.
    await new Promise<void>((resolve) => {
      const look = () => {
        const row = fixture.db.prepare('SELECT after_id FROM holiday_recompute').pluck().get() as
          string | undefined;
        if (row) {
          fixture.db.close();
          resolve();
        } else setImmediate(look);
      };
      look();
    });
    await expect(saving).rejects.toMatchObject({ code: 'unavailable' });

    const db = openDatabase(join(fixture.dir, 'bureau.sqlite'));
    try {
      // The calendar and its audit row committed together; the deadlines are not all there yet.
      expect(
        db.prepare('SELECT count(*) FROM holidays WHERE date = ?').pluck().get(NEW_HOLIDAY),
      ).toBe(0);
      expect(
        db.prepare("SELECT count(*) FROM audit_log WHERE action = 'holidays.saved'").pluck().get(),
      ).toBe(2);
      expect(pendingRows(db)).toBe(1);
      expect(wrongDeadlines(db)).toBeGreaterThan(0);

      const restarted = openAdmin(db);
      await restarted.resumed;
      expect(pendingRows(db)).toBe(0);
      expect(wrongDeadlines(db)).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
