import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileOf } from '../../src/main/core/backup/backupFiles';
import { createBackupService } from '../../src/main/core/backup/backupService';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { createFakeClock } from '../support/fakeClock';
import { tempDir } from '../support/testBureau';

/**
 * The daily backup's schedule on the test's clock: real backups of a real cache, written when the
 * fake time says so — when the first look comes, what a busy sync puts off, that a day gets one.
 */

const HOUR = 3_600_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('daily backup schedule', () => {
  it('looks two minutes after start, waits for a busy sync, then writes one backup a day', async () => {
    const clock = createFakeClock('2026-11-09T08:00:00.000Z');
    const dataDir = tempDir('bureau-backup-schedule-');
    const db = openDatabase(databaseFileOf(dataDir));
    cleanups.push(() => {
      db.close();
    });
    let syncBusy = false;
    const service = createBackupService({
      db,
      dataDir,
      clock,
      appVersion: 'test',
      isSyncBusy: () => syncBusy,
      log: () => {},
    });
    cleanups.push(() => service.stop());
    const dailies = () =>
      service
        .list()
        .filter((backup) => backup.reason === 'daily')
        .map((backup) => backup.createdAt)
        .sort();

    service.startDaily({ firstCheckMs: 2 * 60_000, everyMs: 3 * HOUR });
    expect(clock.pending().map((timer) => timer.delayMs)).toEqual([2 * 60_000]);
    expect(clock.advance(2 * 60_000 - 1)).toBe(0);

    // A sync is writing at the first look: the backup is put off five minutes.
    syncBusy = true;
    expect(clock.advance(1)).toBe(1);
    expect(clock.pending().map((timer) => timer.delayMs)).toEqual([5 * 60_000]);
    expect(dailies()).toEqual([]);

    // The sync is over at the next look: today's backup, then a look every three hours.
    syncBusy = false;
    clock.advance(5 * 60_000);
    const next = await clock.untilArmed();
    expect(next.delayMs).toBe(3 * HOUR);
    expect(dailies()).toEqual(['2026-11-09T08:07:00.000Z']);

    // The looks of the rest of the day find it done; the first look of the next day writes its own.
    const looks: string[] = [];
    let look = next;
    while (dailies().length < 2) {
      clock.advance(look.inMs);
      looks.push(clock.now().toISOString());
      look = await clock.untilArmed(); // armed again once this look is over
    }
    expect(looks).toEqual([
      '2026-11-09T11:07:00.000Z',
      '2026-11-09T14:07:00.000Z',
      '2026-11-09T17:07:00.000Z',
      '2026-11-09T20:07:00.000Z',
      '2026-11-09T23:07:00.000Z',
      '2026-11-10T02:07:00.000Z',
    ]);
    expect(dailies()).toEqual(['2026-11-09T08:07:00.000Z', '2026-11-10T02:07:00.000Z']);

    // Stopped, it leaves no timer behind.
    await service.stop();
    expect(clock.pending()).toEqual([]);
  });
});
