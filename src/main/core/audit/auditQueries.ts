import type Database from 'better-sqlite3';
import type { AuditPage, AuditRow, AuditVerification } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { AuditLog } from '../audit/auditLog';
import { verifyAuditChain } from '../audit/auditVerifier';
import type { Clock } from '../clock';
import { jsonObject, parseJsonColumn } from '../db/jsonColumn';

export interface AuditFilters {
  actorId?: string;
  actionPrefix?: string;
  entityId?: string;
  /** Calendar days, inclusive (Togo is on UTC, like the stored instants). */
  from?: string;
  to?: string;
  beforeSeq: number | null;
  limit: number;
}

interface StoredRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  office_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary_json: string;
}

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Builds the page query for the filters in use (each shape prepared once, then reused). */
function pageSql(filters: AuditFilters): string {
  const where = ['a.seq < @beforeSeq'];
  if (filters.actorId) where.push('a.actor_id = @actorId');
  if (filters.entityId) where.push('a.entity_id = @entityId');
  if (filters.actionPrefix)
    where.push('substr(a.action, 1, length(@actionPrefix)) = @actionPrefix');
  if (filters.from) where.push('a.at >= @from');
  if (filters.to) where.push('a.at < @toExclusive');
  return `SELECT a.seq, a.at, a.actor_id, u.display_name AS actor_name, a.office_code, a.action,
                 a.entity_type, a.entity_id, a.summary_json
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
           WHERE ${where.join(' AND ')}
           ORDER BY a.seq DESC
           LIMIT @limit`;
}

/** The audit viewer's reads: newest first, keyset by `seq` (never OFFSET), and the verifier. */
export function createAuditQueries(deps: { db: Database.Database; audit: AuditLog; clock: Clock }) {
  const { db, audit, clock } = deps;
  const statements = new Map<string, Database.Statement<Record<string, unknown>, StoredRow>>();
  const statementFor = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, StoredRow>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    list(filters: AuditFilters): AuditPage {
      const stored = statementFor(pageSql(filters)).all({
        beforeSeq: filters.beforeSeq ?? Number.MAX_SAFE_INTEGER,
        actorId: filters.actorId,
        entityId: filters.entityId,
        actionPrefix: filters.actionPrefix,
        from: filters.from,
        toExclusive: filters.to ? nextDay(filters.to) : undefined,
        limit: filters.limit + 1,
      });
      const rows: AuditRow[] = stored.slice(0, filters.limit).map((row) => ({
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        officeCode: row.office_code,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        summary: parseJsonColumn(jsonObject, row.summary_json, {
          table: 'audit_log',
          column: 'summary_json',
          rowId: row.seq,
        }),
      }));
      const more = stored.length > filters.limit;
      return { rows, nextBeforeSeq: more ? rows[rows.length - 1]!.seq : null };
    },

    /**
     * Walks the whole chain in batches, yielding to the event loop between them (the app keeps
     * answering meanwhile), then records who checked and what was found.
     */
    async verify(actor: CurrentUser): Promise<AuditVerification> {
      const started = performance.now();
      const verdict = await verifyAuditChain(db);
      const durationMs = Math.round(performance.now() - started);
      audit.append({
        at: clock.now().toISOString(),
        actorId: actor.id,
        officeCode: actor.officeCode,
        action: 'audit.verified',
        entityType: 'audit_log',
        entityId: null,
        summary: verdict.ok
          ? { ok: true, rows: verdict.rows, lastHash: verdict.lastHash }
          : {
              ok: false,
              rows: verdict.rows,
              firstBrokenSeq: verdict.firstBrokenSeq,
              breach: verdict.breach,
            },
      });
      return verdict.ok
        ? {
            ok: true,
            checkedRows: verdict.rows,
            firstBroken: null,
            lastHash: verdict.lastHash,
            durationMs,
          }
        : {
            ok: false,
            checkedRows: verdict.rows,
            firstBroken: {
              seq: verdict.firstBrokenSeq,
              breach: verdict.breach,
              reason: verdict.reason,
            },
            lastHash: null,
            durationMs,
          };
    },
  };
}
