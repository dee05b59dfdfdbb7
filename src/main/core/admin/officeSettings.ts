import type Database from 'better-sqlite3';
import type { OfficeSettings } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { OFFICES } from '../../../shared/domain/offices';
import { refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import { changedFields } from './changeSummary';

export type OfficeSettingsChange = Omit<OfficeSettings, 'code'>;

interface OfficeRow {
  code: string;
  name: string;
  region: string;
  numbering_code: string;
  opens_at: string;
  closes_at: string;
  lock_after_minutes: number;
}

const toSettings = (row: OfficeRow): OfficeSettings => ({
  code: row.code,
  name: row.name,
  region: row.region,
  numberingCode: row.numbering_code,
  opensAt: row.opens_at,
  closesAt: row.closes_at,
  lockAfterMinutes: row.lock_after_minutes,
});

/** The office's single settings row (migration 012): read by everyone, edited by administrators. */
export function createOfficeSettings(deps: {
  db: Database.Database;
  audit: AuditLog;
  clock: Clock;
}) {
  const { db, audit, clock } = deps;
  const read = db.prepare<[], OfficeRow>(
    `SELECT code, name, region, numbering_code, opens_at, closes_at, lock_after_minutes
       FROM office_settings WHERE id = 1`,
  );
  const write = db.prepare(
    `UPDATE office_settings SET name = @name, region = @region, numbering_code = @numberingCode,
            opens_at = @opensAt, closes_at = @closesAt, lock_after_minutes = @lockAfterMinutes,
            updated_at = @at
      WHERE id = 1`,
  );

  const adopt = db.prepare<[string, string, string, string]>(
    `UPDATE office_settings SET code = ?, numbering_code = ?, name = ?, region = ?,
            updated_at = NULL WHERE id = 1`,
  );

  function get(): OfficeSettings {
    const row = read.get();
    if (!row) throw new Error('office_settings has no row: migration 012 seeds it');
    return toSettings(row);
  }

  return {
    get,
    /**
     * A new installation's first administrator names the office: the seeded training office
     * (Lomé) gives way to it, with its code as the numbering code until the administrator edits it.
     */
    adoptOffice(code: string): void {
      if (get().code === code) return;
      const known = OFFICES.find((office) => office.code === code);
      adopt.run(
        code,
        code,
        `Direction régionale de ${known?.name ?? code}`,
        known?.regions[0] ?? '—',
      );
    },
    /** Idle minutes before a session locks (read at each call, so an edit applies at once). */
    lockAfterMinutes: (): number => get().lockAfterMinutes,

    update(change: OfficeSettingsChange, actor: CurrentUser): OfficeSettings {
      if (change.closesAt <= change.opensAt) {
        throw refusal(
          'invalid_input',
          'closesBeforeOpens',
          { closesAt: change.closesAt, opensAt: change.opensAt },
          'closesAt',
        );
      }
      return db.transaction(() => {
        const before = get();
        // The number's office part tells offices, and desktops of one office, apart: it must be
        // this office's code or extend it (LOM, LOMB…), never another office's.
        const otherOffice = OFFICES.some(
          (office) => office.code === change.numberingCode && office.code !== before.code,
        );
        if (!change.numberingCode.startsWith(before.code) || otherOffice) {
          throw refusal('invalid_input', 'numberingCode', { office: before.code }, 'numberingCode');
        }
        const after: OfficeSettings = { ...before, ...change };
        const diff = changedFields(before, after);
        if (!diff) return before;
        const at = clock.now().toISOString();
        write.run({ ...change, at });
        audit.append({
          at,
          actorId: actor.id,
          officeCode: actor.officeCode,
          action: 'office.updated',
          entityType: 'office',
          entityId: before.code,
          summary: diff,
        });
        return after;
      })();
    },
  };
}
export type OfficeSettingsService = ReturnType<typeof createOfficeSettings>;
