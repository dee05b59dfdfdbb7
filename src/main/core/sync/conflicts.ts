import type Database from 'better-sqlite3';
import type { CaseConflict } from '../../../shared/api/syncTypes';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { IncomingApplication } from '../cases/applicationsRepository';
import type { Outbox, OutboxRow } from './outbox';

/**
 * Conflicts between the portal and this office. A case is in conflict when the portal sends a
 * newer version while the case still has undelivered (pending, sending) or refused (failed) local
 * actions, or when the portal refuses one of its actions. The case then keeps its local state,
 * its queue stops, and both versions wait in `conflict_json` for a clerk: nothing is overwritten.
 */

/** Stored form: the API's CaseConflict plus where the portal version would place the case. */
interface StoredConflict extends CaseConflict {
  incoming: Omit<IncomingApplication, 'record'> | null;
}

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

  function read(id: string): StoredConflict | null {
    const json = caseRow.get(id)?.conflict_json;
    return json ? (JSON.parse(json) as StoredConflict) : null;
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
     * Called by the puller for each valid record, inside the page's transaction. Returns true when
     * the record was held back as the portal side of a conflict instead of being applied.
     */
    interceptPortalVersion(incoming: IncomingApplication, now: string): boolean {
      const { record } = incoming;
      const row = caseRow.get(record.id);
      if (!row || row.portal_version >= record.version) return false;
      const stored = row.conflict_json ? (JSON.parse(row.conflict_json) as StoredConflict) : null;
      if (stored) {
        // Already waiting for a clerk: keep the newest portal version as the portal side.
        if (!stored.portal || stored.portal.version < record.version) {
          stored.portal = record;
          stored.incoming = { officeCode: incoming.officeCode, dueDate: incoming.dueDate };
          setConflict.run(JSON.stringify(stored), record.id);
        }
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
    markRejected(applicationId: string, reason: string, now: string): void {
      const row = caseRow.get(applicationId);
      if (!row || row.conflict_json) return;
      open(
        applicationId,
        row,
        'action_rejected',
        `Le portail a refusé une action : ${reason}`,
        null,
        now,
      );
    },
    clear(id: string): void {
      setConflict.run(null, id);
    },
    historyResolved(id: string, now: string, actorId: string | null, details: object): void {
      history.run(id, now, actorId, 'conflict_resolved', JSON.stringify(details));
    },
  };
}
export type Conflicts = ReturnType<typeof createConflicts>;
