import type Database from 'better-sqlite3';
import type { OfficeDesk } from '../../../shared/api/officeTypes';

/**
 * The only writer of `desk_identity` and `office_desks` (design multi-desk §6.1): which desk this
 * cache is, what the portal speaks, and the portal's list of the office's desks.
 */

interface IdentityRow {
  mode: 'single' | 'office';
  desk_id: string | null;
  office_code: string;
  label: string | null;
  key_id: string | null;
  portal_api: 1 | 2 | null;
  enrolled_at: string | null;
}

export interface DeskIdentity {
  mode: 'single' | 'office';
  deskId: string | null;
  /** In single mode, the office of the settings (an administrator may still change it). */
  officeCode: string;
  label: string | null;
  keyId: string | null;
  portalApi: 1 | 2 | null;
  enrolledAt: string | null;
}

export interface Enrollment {
  deskId: string;
  officeCode: string;
  label: string;
  keyId: string;
  enrolledAt: string;
}

interface DeskRow {
  desk_id: string;
  label: string;
  key_id: string | null;
  enrolled_at: string;
  last_contact_at: string | null;
  directory_sequence: number | null;
  app_version: string | null;
  pending_actions: number | null;
  failed_actions: number | null;
  retired_at: string | null;
}

export function createDeskRegistry(db: Database.Database) {
  const read = db.prepare<[], IdentityRow & { settings_code: string }>(
    `SELECT d.*, s.code AS settings_code FROM desk_identity d, office_settings s
      WHERE d.id = 1 AND s.id = 1`,
  );
  const writeApi = db.prepare<[number]>('UPDATE desk_identity SET portal_api = ? WHERE id = 1');
  const writeEnrolled = db.prepare(
    `UPDATE desk_identity SET mode = 'office', desk_id = @deskId, office_code = @officeCode,
            label = @label, key_id = @keyId, enrolled_at = @enrolledAt, portal_api = 2
      WHERE id = 1`,
  );
  const listRows = db.prepare<[], DeskRow>(
    'SELECT * FROM office_desks ORDER BY retired_at IS NOT NULL, desk_id',
  );
  const clearDesks = db.prepare('DELETE FROM office_desks');
  const insertDesk = db.prepare(
    `INSERT INTO office_desks (desk_id, label, key_id, enrolled_at, last_contact_at,
            directory_sequence, app_version, pending_actions, failed_actions, retired_at)
     VALUES (@id, @label, @keyId, @enrolledAt, @lastContactAt, @directorySequence, @appVersion,
            @pendingActions, @failedActions, @retiredAt)`,
  );

  function identity(): DeskIdentity {
    const row = read.get();
    if (!row) throw new Error('desk_identity has no row: migration 017 seeds it');
    return {
      mode: row.mode,
      deskId: row.desk_id,
      officeCode: row.mode === 'office' ? row.office_code : row.settings_code,
      label: row.label,
      keyId: row.key_id,
      portalApi: row.portal_api,
      enrolledAt: row.enrolled_at,
    };
  }

  return {
    identity,
    recordPortalApi(version: 1 | 2): void {
      if (identity().portalApi !== version) writeApi.run(version);
    },
    /** Inside the caller's transaction, after `desk.json` was written. */
    recordEnrollment(enrollment: Enrollment): void {
      writeEnrolled.run(enrollment);
    },
    /** The portal's list replaces ours: it is the only source of other desks' state. */
    replaceDesks: db.transaction((desks: readonly OfficeDesk[]) => {
      clearDesks.run();
      for (const desk of desks) insertDesk.run(desk);
    }),
    desks(): OfficeDesk[] {
      return listRows.all().map((row) => ({
        id: row.desk_id,
        label: row.label,
        keyId: row.key_id,
        enrolledAt: row.enrolled_at,
        lastContactAt: row.last_contact_at,
        directorySequence: row.directory_sequence,
        appVersion: row.app_version,
        pendingActions: row.pending_actions,
        failedActions: row.failed_actions,
        retiredAt: row.retired_at,
      }));
    },
  };
}
export type DeskRegistry = ReturnType<typeof createDeskRegistry>;
