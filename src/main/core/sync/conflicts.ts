import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { CaseConflict } from '../../../shared/api/syncTypes';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/caseStatus';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import { parseJsonColumn } from '../db/jsonColumn';
import { storedPortalApplication } from '../db/storedColumns';
import type { IncomingApplication } from '../cases/applicationsRepository';
import type { Outbox, OutboxRow } from './outbox';

/**
 * Conflicts between the portal and this office. A case is in conflict when the portal sends a
 * newer version made by someone else while the case still has undelivered (pending, sending) or
 * refused (failed) local actions, or when the portal refuses one of its actions. The case then
 * keeps its local state, its queue stops, and both versions wait in `conflict_json` for a clerk:
 * nothing is overwritten.
 *
 * Versions our own actions produced are not conflicts. The portal lists in each record the
 * idempotency keys of the latest client events that changed it, with the version each produced
 * (`appliedEvents`). An open action whose key is listed was delivered — its answer was lost or is
 * still on its way — and is marked sent. When every version between the cached one and the
 * incoming one was produced by this office's actions, the portal holds nothing the case does not
 * already reflect: the new version is acknowledged and the local state kept, even if later
 * actions still wait. Only a version someone else made, with actions still undelivered, is a
 * conflict.
 */

/** Stored form: the API's CaseConflict plus where the portal version would place the case. */
interface StoredConflict extends CaseConflict {
  incoming: Omit<IncomingApplication, 'record'> | null;
}

/** `applications.conflict_json` as `open` writes it; the portal side was validated on arrival. */
const storedConflict: z.ZodType<StoredConflict> = z.object({
  reason: z.enum(['portal_changed', 'action_rejected']),
  detectedAt: z.string(),
  message: z.string(),
  local: z.object({
    status: z.enum(CASE_STATUSES),
    officeCode: z.string(),
    portalVersion: z.number(),
    actions: z.array(
      z.object({
        id: z.number(),
        kind: z.string(),
        state: z.enum(['pending', 'sending', 'failed']),
        createdAt: z.string(),
        lastError: z.string().nullable(),
      }),
    ),
  }),
  // Read back by type only: the ingest schema has grown stricter since some conflicts were stored.
  portal: storedPortalApplication.nullable(),
  incoming: z.object({ officeCode: z.string(), dueDate: z.string() }).nullable(),
});

const conflictOf = (id: string, json: string): StoredConflict =>
  parseJsonColumn(storedConflict, json, {
    table: 'applications',
    column: 'conflict_json',
    rowId: id,
  });

interface CaseRow {
  status: CaseStatus;
  office_code: string;
  portal_version: number;
  conflict_json: string | null;
}

const summarize = (actions: OutboxRow[]) =>
  actions.map((action) => ({
    id: action.id,
    kind: action.kind,
    state: action.state as 'pending' | 'sending' | 'failed',
    createdAt: action.createdAt,
    lastError: action.lastError,
  }));

export function createConflicts(db: Database.Database, outbox: Outbox) {
  const caseRow = db.prepare<[string], CaseRow>(
    'SELECT status, office_code, portal_version, conflict_json FROM applications WHERE id = ?',
  );
  const setConflict = db.prepare('UPDATE applications SET conflict_json = ? WHERE id = ?');
  const history = db.prepare(`
    INSERT INTO history_events (application_id, at, actor_id, kind, details_json)
    VALUES (?, ?, ?, ?, ?)`);
  const count = db.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM applications WHERE conflict_json IS NOT NULL',
  );
  // Our own version: the portal's record is taken in, the local workflow columns stay.
  const acknowledgeOwnVersion = db.prepare(`
    UPDATE applications SET portal_version = @version, portal_updated_at = @updatedAt,
      record_json = @recordJson, synced_at = @now
    WHERE id = @id`);

  /**
   * Marks this case's open actions the record lists as applied as delivered, and tells whether
   * every version after `fromVersion` up to the record's was produced by this office's actions.
   */
  function recogniseOwnEvents(record: PortalApplication, fromVersion: number, now: string) {
    const applied = record.appliedEvents ?? [];
    const versionOf = new Map(applied.map((event) => [event.idempotencyKey, event.version]));
    const ours = outbox.actionsWithKeys(record.id, [...versionOf.keys()]);
    const ownVersions = new Set<number>();
    for (const action of ours) {
      const version = versionOf.get(action.idempotencyKey) as number;
      if (action.state === 'cancelled') continue; // dropped locally: the case does not reflect it
      ownVersions.add(version);
      if (action.state !== 'sent') {
        outbox.markDeliveredByPortal(action.id, now, {
          deliveredAccordingTo: 'appliedEvents',
          application: { id: record.id, version, previousVersion: version - 1 },
        });
      }
    }
    let allOwn = record.version - fromVersion <= applied.length;
    for (let version = fromVersion + 1; allOwn && version <= record.version; version++) {
      allOwn = ownVersions.has(version);
    }
    return allOwn;
  }

  function read(id: string): StoredConflict | null {
    const json = caseRow.get(id)?.conflict_json;
    return json ? conflictOf(id, json) : null;
  }

  function open(
    id: string,
    row: CaseRow,
    reason: CaseConflict['reason'],
    message: string,
    incoming: IncomingApplication | null,
    now: string,
  ): void {
    const conflict: StoredConflict = {
      reason,
      detectedAt: now,
      message,
      local: {
        status: row.status,
        officeCode: row.office_code,
        portalVersion: row.portal_version,
        actions: summarize(outbox.openActions(id)),
      },
      portal: incoming?.record ?? null,
      incoming: incoming ? { officeCode: incoming.officeCode, dueDate: incoming.dueDate } : null,
    };
    setConflict.run(JSON.stringify(conflict), id);
    history.run(id, now, null, 'conflict_opened', JSON.stringify({ reason, message }));
  }

  return {
    read,
    count: () => count.get()?.n ?? 0,
    /** Public view (without the placement details). */
    view(id: string): CaseConflict | null {
      const stored = read(id);
      if (!stored) return null;
      const { incoming: _incoming, ...conflict } = stored;
      return {
        ...conflict,
        local: { ...conflict.local, actions: summarize(outbox.openActions(id)) },
      };
    },
    /**
     * Called by the puller for each newer version of a cached case, inside the page's
     * transaction, before it is written. Returns true when the record was dealt with here and must
     * not be applied as a portal change: held back as the portal side of a conflict, or taken in
     * as a version this office's own actions made (the local state already reflects it).
     */
    interceptPortalVersion(incoming: IncomingApplication, now: string): boolean {
      const { record } = incoming;
      const row = caseRow.get(record.id);
      if (!row || row.portal_version >= record.version) return false;
      const allOwn = recogniseOwnEvents(record, row.portal_version, now);
      const stored = row.conflict_json ? conflictOf(record.id, row.conflict_json) : null;
      if (stored) {
        // Already waiting for a clerk: keep the newest portal version as the portal side.
        if (!stored.portal || stored.portal.version < record.version) {
          stored.portal = record;
          stored.incoming = { officeCode: incoming.officeCode, dueDate: incoming.dueDate };
          setConflict.run(JSON.stringify(stored), record.id);
        }
        return true;
      }
      if (allOwn) {
        // Nothing new for this office: take the record in, keep the local state (which may be
        // ahead of the portal's while later actions wait). Not a portal change to apply.
        acknowledgeOwnVersion.run({
          id: record.id,
          version: record.version,
          updatedAt: record.updatedAt,
          recordJson: JSON.stringify(record),
          now,
        });
        return true;
      }
      if (outbox.openActions(record.id).length === 0) return false;
      const message =
        record.status === 'withdrawn'
          ? 'Le demandeur a retiré sa demande alors que des actions locales n’étaient pas encore transmises.'
          : `Le portail a modifié ce dossier (version ${record.version}) alors que des actions locales n’étaient pas encore transmises.`;
      open(record.id, row, 'portal_changed', message, incoming, now);
      return true;
    },
    /** The portal refused an action for good: the case waits for a clerk. */
    /** `sentence`: a whole French sentence of ours (what happened and what to do), as is. */
    markRejected(applicationId: string, reason: string, now: string, sentence = false): void {
      const row = caseRow.get(applicationId);
      if (!row || row.conflict_json) return;
      open(
        applicationId,
        row,
        'action_rejected',
        sentence ? reason : `Le portail a refusé une action : ${reason}`,
        null,
        now,
      );
    },
    clear(id: string): void {
      setConflict.run(null, id);
    },
  };
}
export type Conflicts = ReturnType<typeof createConflicts>;
