import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PORTAL_EVENT_KINDS, type PortalEventKind } from '../../../shared/portal/portalEventKinds';
import { portalEventReport } from '../../../shared/portal/portalEventReports';
import { checkColumn, jsonObject, parseJsonColumn } from '../db/jsonColumn';

/**
 * The outbox: every local action bound for the portal, written in the same transaction as the
 * local change, so a change can never exist without its delivery (or the reverse) after a crash.
 * Delivery order is the row id within a case: a case's queue head is its lowest row still
 * pending, sending or failed, and nothing behind a failed head moves until a person decides.
 */

export interface LocalAction {
  applicationId: string;
  /** One of the portal's event kinds (`note.added`, `case.claimed`…), see docs/portal-api.md. */
  kind: PortalEventKind;
  /** Checked against the kind's payload (`portalEventReport`) before it is queued. */
  payload: Record<string, unknown>;
  /** Who acted (a directory id and name): sent on the v2 route (design multi-desk §3.2). */
  actor?: { id: string; displayName: string };
  /** The portal version the person's decision was based on (design multi-desk §3.8). */
  expectedVersion?: number | null;
  /** Decided offline on a case the person did not hold on the portal (design §3.7). */
  provisional?: boolean;
  /** The key of a request already sent (a claim sent before its local write); else a new one. */
  idempotencyKey?: string;
}

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  applicationId: string;
  kind: PortalEventKind;
  payload: Record<string, unknown>;
  createdAt: string;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  lastError: string | null;
  /** Null for rows queued before migration 021. */
  expectedVersion: number | null;
  actor: { id: string; displayName: string } | null;
  provisional: boolean;
}

interface RawRow {
  id: number;
  idempotency_key: string;
  application_id: string;
  kind: string;
  payload_json: string;
  created_at: string;
  state: OutboxRow['state'];
  attempts: number;
  last_error: string | null;
  expected_version: number | null;
  actor_json: string | null;
  provisional: number;
}

const storedActor = z.object({ id: z.string(), displayName: z.string() });

const storedKind = z.enum(PORTAL_EVENT_KINDS);

/**
 * Read back as stored: the payload is sent exactly as it was first sent (the portal refuses a
 * retry whose body changed, `idempotency_key_reused`), so it is not rebuilt, and rows queued by
 * earlier versions, before payloads were checked by kind, still read.
 */
const toRow = (raw: RawRow): OutboxRow => ({
  kind: checkColumn(storedKind, raw.kind, {
    table: 'outbox',
    column: 'kind',
    rowId: raw.id,
  }),
  payload: parseJsonColumn(jsonObject, raw.payload_json, {
    table: 'outbox',
    column: 'payload_json',
    rowId: raw.id,
  }),
  id: raw.id,
  idempotencyKey: raw.idempotency_key,
  applicationId: raw.application_id,
  createdAt: raw.created_at,
  state: raw.state,
  attempts: raw.attempts,
  lastError: raw.last_error,
  expectedVersion: raw.expected_version,
  provisional: raw.provisional === 1,
  actor: raw.actor_json
    ? parseJsonColumn(storedActor, raw.actor_json, {
        table: 'outbox',
        column: 'actor_json',
        rowId: raw.id,
      })
    : null,
});

const OPEN = "('pending', 'sending', 'failed')";

export function createOutbox(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO outbox (idempotency_key, application_id, kind, payload_json, created_at,
                        expected_version, actor_json, provisional)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  // Heads of queues that may go now: not behind anything, not failed, not in conflict, due.
  const dueHeads = db.prepare<[string, number], RawRow>(`
    SELECT o.* FROM outbox o
    JOIN applications a ON a.id = o.application_id AND a.conflict_json IS NULL
    WHERE o.id IN (SELECT min(id) FROM outbox WHERE state IN ${OPEN} GROUP BY application_id)
      AND o.state IN ('pending', 'sending')
      AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
    ORDER BY o.id LIMIT ?`);
  const earliestRetry = db.prepare<[], { at: string | null }>(`
    SELECT min(next_attempt_at) AS at FROM outbox o
    JOIN applications a ON a.id = o.application_id AND a.conflict_json IS NULL
    WHERE o.state IN ('pending', 'sending')`);
  const setSending = db.prepare(
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?",
  );
  const setSent = db.prepare(
    "UPDATE outbox SET state = 'sent', sent_at = ?, response_json = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
  );
  // Only from 'sending': the pull may meanwhile have found the action applied on the portal
  // (its key in the record's appliedEvents) and marked it sent; a late error must not reopen it.
  const setRetry = db.prepare(
    "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'sending'",
  );
  const setFailed = db.prepare(
    "UPDATE outbox SET state = 'failed', last_error = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
  );
  const setDelivered = db.prepare(
    `UPDATE outbox SET state = 'sent', sent_at = ?, response_json = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ? AND state IN ${OPEN}`,
  );
  const byKeys = db.prepare<[string, string], RawRow>(`
    SELECT * FROM outbox
    WHERE application_id = ? AND idempotency_key IN (SELECT value FROM json_each(?))
    ORDER BY id`);
  const byId = db.prepare<[number], RawRow>('SELECT * FROM outbox WHERE id = ?');
  const openFor = db.prepare<[string], RawRow>(
    `SELECT * FROM outbox WHERE application_id = ? AND state IN ${OPEN} ORDER BY id`,
  );
  const openCertificates = db
    .prepare<[string], string>(
      `SELECT json_extract(payload_json, '$.number') FROM outbox
        WHERE application_id = ? AND kind = 'certificate.issued' AND state IN ${OPEN}`,
    )
    .pluck();
  const cancelFor = db.prepare(
    `UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL WHERE application_id = ? AND state IN ${OPEN}`,
  );
  // A clerk's « keep mine »: refused actions get a fresh start and postponed ones go now.
  // Version-checked rows (design multi-desk §3.8) are decided again on the portal's version the
  // person has now seen: a new body, so a new idempotency key (never for one already in flight).
  const requeueFor = db.prepare<{ version: number | null; id: string }>(`
    UPDATE outbox SET state = 'pending', next_attempt_at = NULL,
      attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END,
      idempotency_key = CASE WHEN @version IS NOT NULL AND expected_version IS NOT NULL
                              AND state IN ('pending', 'failed')
                             THEN lower(hex(randomblob(16))) ELSE idempotency_key END,
      expected_version = CASE WHEN @version IS NOT NULL AND expected_version IS NOT NULL
                               AND state IN ('pending', 'failed')
                              THEN @version ELSE expected_version END
    WHERE application_id = @id AND state IN ${OPEN}`);
  const counts = db.prepare<[], { pending: number; failed: number }>(`
    SELECT coalesce(sum(state IN ('pending', 'sending')), 0) AS pending,
           coalesce(sum(state = 'failed'), 0) AS failed
    FROM outbox WHERE state IN ${OPEN}`);

  return {
    /**
     * Queues an action. Must run inside the caller's transaction, next to the change it reports:
     * refusing otherwise turns a forgotten `db.transaction` into an immediate error, not a lost action.
     */
    enqueueAction(action: LocalAction, now: string): { id: number; idempotencyKey: string } {
      if (!db.inTransaction) {
        throw new Error('enqueueAction must run inside the transaction of the local change');
      }
      // A payload the portal would refuse stops the local change now, not as a conflict later.
      const report = portalEventReport.safeParse({ kind: action.kind, payload: action.payload });
      if (!report.success) {
        throw new Error(
          `outbox: ${action.kind} for ${action.applicationId}: ${z.prettifyError(report.error)}`,
        );
      }
      const idempotencyKey = action.idempotencyKey ?? randomUUID();
      const result = insert.run(
        idempotencyKey,
        action.applicationId,
        action.kind,
        JSON.stringify(action.payload),
        now,
        action.expectedVersion ?? null,
        action.actor
          ? JSON.stringify({ id: action.actor.id, displayName: action.actor.displayName })
          : null,
        action.provisional ? 1 : 0,
      );
      return { id: Number(result.lastInsertRowid), idempotencyKey };
    },
    dueHeads: (now: string, limit: number): OutboxRow[] => dueHeads.all(now, limit).map(toRow),
    earliestRetry: (): string | null => earliestRetry.get()?.at ?? null,
    /** Committed before the request: after a crash, 'sending' means « maybe delivered », retried with its key. */
    markSending: (id: number) => void setSending.run(id),
    markSent: (id: number, now: string, response: unknown) =>
      void setSent.run(now, JSON.stringify(response ?? null), id),
    /** Back to 'pending' until `at`; false when the action is no longer being sent. */
    scheduleRetry: (id: number, at: string, error: string): boolean =>
      setRetry.run(at, error, id).changes > 0,
    /** Refused for good; false when the action is no longer being sent. */
    markFailed: (id: number, reason: string): boolean => setFailed.run(reason, id).changes > 0,
    /**
     * The portal's record shows the action applied (its key in `appliedEvents`) although its
     * answer never arrived: delivered. Only open actions change; returns whether this one did.
     */
    markDeliveredByPortal: (id: number, now: string, evidence: unknown): boolean =>
      setDelivered.run(now, JSON.stringify(evidence ?? null), id).changes > 0,
    /** This case's actions (any state) whose idempotency keys are among `keys`. */
    actionsWithKeys: (applicationId: string, keys: readonly string[]): OutboxRow[] =>
      keys.length === 0 ? [] : byKeys.all(applicationId, JSON.stringify(keys)).map(toRow),
    openActions: (applicationId: string): OutboxRow[] => openFor.all(applicationId).map(toRow),
    row: (id: number): OutboxRow | null => {
      const raw = byId.get(id);
      return raw ? toRow(raw) : null;
    },
    cancelOpen: (applicationId: string): number => cancelFor.run(applicationId).changes,
    /** Numbers of the certificates whose issue the portal has not (yet) accepted. */
    openCertificateNumbers: (applicationId: string): string[] =>
      openCertificates.all(applicationId).filter((value) => typeof value === 'string'),
    /** `portalVersion`: the version the person kept their decision on (a stale_version). */
    requeueOpen: (applicationId: string, portalVersion: number | null = null): number =>
      requeueFor.run({ version: portalVersion, id: applicationId }).changes,
    counts: () => counts.get() ?? { pending: 0, failed: 0 },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
