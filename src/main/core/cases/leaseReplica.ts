import type Database from 'better-sqlite3';
import { z } from 'zod';

/**
 * The portal's word on who holds each case (design multi-desk §3.7, §3.9): the only writer of
 * `case_leases`, fed by the pull from the `work.lease` of each record. A lease past its expiry is
 * kept (the portal says when it ends; desks compute the lapse with the portal's clock).
 */

const person = z.object({ id: z.string().min(1).max(80), displayName: z.string().min(1).max(120) });
const leaseSchema = z.object({
  holder: person,
  kind: z.enum(['claim', 'checkout']),
  deskId: z.string().max(20).nullable().optional(),
  since: z.string().max(40).nullable().optional(),
  expiresAt: z.string().datetime({ offset: true }),
});
const workSchema = z.object({ lease: leaseSchema.nullable().optional() }).loose();

export interface CaseLease {
  holderId: string;
  holderName: string;
  kind: 'claim' | 'checkout';
  deskId: string | null;
  since: string | null;
  expiresAt: string;
}

export function createLeaseReplica(db: Database.Database) {
  const upsert = db.prepare(`
    INSERT INTO case_leases (application_id, holder_id, holder_name, kind, desk_id, since, expires_at)
    VALUES (@id, @holderId, @holderName, @kind, @deskId, @since, @expiresAt)
    ON CONFLICT (application_id) DO UPDATE SET holder_id = excluded.holder_id,
      holder_name = excluded.holder_name, kind = excluded.kind, desk_id = excluded.desk_id,
      since = excluded.since, expires_at = excluded.expires_at`);
  const remove = db.prepare<[string]>('DELETE FROM case_leases WHERE application_id = ?');
  const read = db.prepare<
    [string],
    {
      holder_id: string;
      holder_name: string;
      kind: 'claim' | 'checkout';
      desk_id: string | null;
      since: string | null;
      expires_at: string;
    }
  >(
    'SELECT holder_id, holder_name, kind, desk_id, since, expires_at FROM case_leases WHERE application_id = ?',
  );

  return {
    /**
     * The `work` blocks of records just written by the pull (inside its transaction). A record
     * without a `work` block says nothing about leases (a v1 feed): nothing changes.
     */
    apply(items: readonly { id: string; work: unknown }[]): void {
      for (const item of items) {
        if (item.work === undefined) continue;
        const work = workSchema.safeParse(item.work);
        if (!work.success) continue;
        const lease = work.data.lease;
        if (!lease) {
          remove.run(item.id);
          continue;
        }
        upsert.run({
          id: item.id,
          holderId: lease.holder.id,
          holderName: lease.holder.displayName,
          kind: lease.kind,
          deskId: lease.deskId ?? null,
          since: lease.since ?? null,
          expiresAt: lease.expiresAt,
        });
      }
    },
    /** The lease in force at `portalNow` (the portal's clock), or null. */
    activeLease(applicationId: string, portalNow: Date): CaseLease | null {
      const row = read.get(applicationId);
      if (!row || Date.parse(row.expires_at) <= portalNow.getTime()) return null;
      return {
        holderId: row.holder_id,
        holderName: row.holder_name,
        kind: row.kind,
        deskId: row.desk_id,
        since: row.since,
        expiresAt: row.expires_at,
      };
    },
  };
}
export type LeaseReplica = ReturnType<typeof createLeaseReplica>;
