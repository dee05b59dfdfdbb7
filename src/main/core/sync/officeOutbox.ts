import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { directoryItem, type DirectoryReplica } from '../auth/directoryReplica';
import type { Clock } from '../clock';
import { parseJsonColumn } from '../db/jsonColumn';
import { fullJitterDelay, type SyncTuning } from './backoff';
import {
  isTransient,
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from './portalClient';

/**
 * Account changes made on this desk, waiting for the portal (design multi-desk §3.4, §6.1): the
 * only writer of `office_outbox`. A change is written locally at once, in the same transaction
 * as its row here; the push sends it with the account's directory version as it stands then
 * (changes queued on top of each other follow one another), and a refusal keeps the portal's
 * version and says why in French for the administrators.
 */

/** A change as the portal's PATCH takes it. */
export const accountChange = z
  .strictObject({
    displayName: z.string().min(2).max(120),
    role: z.enum(['agent', 'superviseur', 'administrateur']),
    procedureCodes: z.array(z.string().min(1).max(20)).max(100).nullable(),
    active: z.boolean(),
    verifier: z.string().regex(/^scrypt\$/),
    mustChangePassword: z.boolean(),
    reason: z.enum(['reset', 'change']),
  })
  .partial();
export type AccountChange = z.infer<typeof accountChange>;
const actorColumn = z.object({ id: z.string(), displayName: z.string() });

/** Transient failures before a change is given up and listed for an administrator. */
const MAX_ATTEMPTS = 8;

interface Row {
  id: number;
  idempotency_key: string;
  target_id: string;
  actor_json: string;
  payload_json: string;
  attempts: number;
  next_attempt_at: string | null;
}

export interface RefusedAccountChange {
  accountId: string;
  username: string | null;
  at: string;
  reason: string;
}

const REFUSALS: Record<string, string> = {
  account_version_mismatch:
    'Ce compte a été modifié sur un autre poste : la version du portail est gardée. Refaites votre modification si elle est toujours utile.',
  last_administrator:
    'Le bureau doit garder au moins un administrateur actif : la version du portail est gardée.',
  actor_not_allowed:
    "Le portail n'a pas accepté l'auteur de cette modification (compte désactivé ou sans le rôle d'administrateur) : la version du portail est gardée.",
  account_not_found: "Ce compte n'existe pas sur le portail : la modification est abandonnée.",
};

export function createOfficeOutbox(deps: {
  db: Database.Database;
  portal: PortalClient;
  replica: DirectoryReplica;
  clock: Clock;
  tuning: Pick<SyncTuning, 'retryBaseMs' | 'retryMaxMs'>;
  officeCode: () => string;
}) {
  const { db, portal, replica, clock } = deps;
  const insert = db.prepare(
    `INSERT INTO office_outbox (idempotency_key, kind, target_id, actor_json, payload_json,
                                created_at)
     VALUES (?, 'account.change', ?, ?, ?, ?)`,
  );
  const next = db.prepare<[string], Row>(
    `SELECT id, idempotency_key, target_id, actor_json, payload_json, attempts, next_attempt_at
       FROM office_outbox
      WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
      ORDER BY id LIMIT 1`,
  );
  const blockedUntil = db
    .prepare<[], string | null>(
      "SELECT min(next_attempt_at) FROM office_outbox WHERE state = 'pending'",
    )
    .pluck();
  const settle = db.prepare<[string, string | null, string, number]>(
    'UPDATE office_outbox SET state = ?, last_error = ?, settled_at = ? WHERE id = ?',
  );
  const postpone = db.prepare<[string, string, number]>(
    `UPDATE office_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
      WHERE id = ?`,
  );
  const pendingTargets = db
    .prepare<[], string>("SELECT DISTINCT target_id FROM office_outbox WHERE state = 'pending'")
    .pluck();
  const lastRefusals = db.prepare<[], { target_id: string; last_error: string }>(
    `SELECT o.target_id, o.last_error FROM office_outbox o
      WHERE o.state = 'failed'
        AND o.id = (SELECT max(id) FROM office_outbox l
                     WHERE l.target_id = o.target_id AND l.state IN ('sent', 'failed'))`,
  );
  const counts = db.prepare<[], { pending: number; failed: number }>(
    `SELECT coalesce(sum(state = 'pending'), 0) AS pending,
            coalesce(sum(state = 'failed'), 0) AS failed FROM office_outbox`,
  );
  const refused = db.prepare<
    [],
    { target_id: string; username: string | null; settled_at: string; last_error: string }
  >(
    `SELECT o.target_id, u.username, o.settled_at, o.last_error
       FROM office_outbox o LEFT JOIN users u ON u.id = o.target_id
      WHERE o.state = 'failed' ORDER BY o.id DESC LIMIT 50`,
  );

  function send(row: Row): Promise<unknown> {
    const change = parseJsonColumn(accountChange, row.payload_json, {
      table: 'office_outbox',
      column: 'payload_json',
      rowId: row.id,
    });
    const actor = parseJsonColumn(actorColumn, row.actor_json, {
      table: 'office_outbox',
      column: 'actor_json',
      rowId: row.id,
    });
    return portal.v2({
      method: 'PATCH',
      path: `offices/${encodeURIComponent(deps.officeCode())}/accounts/${encodeURIComponent(row.target_id)}`,
      body: {
        actor: { id: actor.id, displayName: actor.displayName },
        expectedVersion: replica.versionOf(row.target_id) ?? 1,
        change,
      },
      idempotencyKey: row.idempotency_key,
      as: 'desk',
    });
  }

  return {
    /** Inside the caller's transaction, beside the local write it mirrors. */
    enqueue(accountId: string, change: AccountChange, actor: { id: string; displayName: string }) {
      insert.run(
        `acct-${randomUUID()}`,
        accountId,
        JSON.stringify({ id: actor.id, displayName: actor.displayName }),
        JSON.stringify(accountChange.parse(change)),
        clock.now().toISOString(),
      );
    },
    /**
     * Sends what is due, oldest first, one at a time (a later change of an account builds on the
     * version the earlier one produced). Stops at the first unreachable portal.
     */
    async push(): Promise<{ sent: number; failed: number; unreachable: boolean }> {
      const outcome = { sent: 0, failed: 0, unreachable: false };
      for (;;) {
        const row = next.get(clock.now().toISOString());
        if (!row) return outcome;
        try {
          const answer = z.object({ account: directoryItem }).safeParse(await send(row));
          const at = clock.now().toISOString();
          db.transaction(() => {
            settle.run('sent', null, at, row.id);
            if (answer.success) replica.applyAnswer(answer.data.account, at);
          })();
          outcome.sent++;
        } catch (error) {
          const at = clock.now().toISOString();
          if (error instanceof PortalUnreachableError) {
            outcome.unreachable = true;
            return outcome;
          }
          if (isTransient(error) && row.attempts + 1 < MAX_ATTEMPTS) {
            const retry = error instanceof PortalResponseError ? error.retryAfterMs : null;
            const delay = retry ?? fullJitterDelay(row.attempts, deps.tuning);
            postpone.run(
              new Date(clock.now().getTime() + delay).toISOString(),
              (error as Error).message.slice(0, 300),
              row.id,
            );
            continue;
          }
          const code = error instanceof PortalResponseError ? error.code : null;
          const reason =
            (code && REFUSALS[code]) ??
            `Le portail a refusé cette modification de compte : ${(error as Error).message.slice(0, 300)}`;
          const current =
            error instanceof PortalResponseError
              ? directoryItem.safeParse(error.details?.['current'])
              : null;
          db.transaction(() => {
            settle.run('failed', reason, at, row.id);
            // The portal's version is kept: once nothing else waits for this account.
            if (current?.success) replica.applyAnswer(current.data, at);
          })();
          outcome.failed++;
        }
      }
    },
    nextRetryAt: (): string | null => blockedUntil.get() ?? null,
    pendingTargets: (): string[] => pendingTargets.all(),
    /** Per account, the refusal of its latest settled change, when that change was refused. */
    lastRefusals(): Map<string, string> {
      return new Map(lastRefusals.all().map((row) => [row.target_id, row.last_error]));
    },
    counts: () => counts.get() ?? { pending: 0, failed: 0 },
    refused(): RefusedAccountChange[] {
      return refused.all().map((row) => ({
        accountId: row.target_id,
        username: row.username,
        at: row.settled_at,
        reason: row.last_error,
      }));
    },
  };
}
export type OfficeOutbox = ReturnType<typeof createOfficeOutbox>;
