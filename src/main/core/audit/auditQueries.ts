import type Database from 'better-sqlite3';
import type { AuditPage, AuditRow, AuditVerification } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import { jsonObject, parseJsonColumn } from '../db/jsonColumn';
import { describeAuditRow, type AuditLookups } from './auditDescription';
import type { AuditLog } from './auditLog';
import { verifyAuditChain } from './auditVerifier';

export interface AuditFilters {
  actorId?: string | undefined;
  actionPrefix?: string | undefined;
  entityId?: string | undefined;
  /** A case, by id or reference: its rows and its certificates' rows. */
  caseRef?: string | undefined;
  /** A person: what they did, and what was done to their account. */
  personId?: string | undefined;
  /** Calendar days, inclusive (Togo is on UTC, like the stored instants). */
  from?: string | undefined;
  to?: string | undefined;
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

const COLUMNS = `a.seq, a.at, a.actor_id, u.display_name AS actor_name, a.office_code, a.action,
                 a.entity_type, a.entity_id, a.summary_json`;

/** A kind of action as the journal's filter names it: « case. », « certificate. ». */
const ACTION_CATEGORY = /^[a-z_]+\.$/;

/**
 * A kind of action is read through `audit_log_by_category` (migration 027), whose expression
 * this condition repeats word for word; any other prefix compares each row walked. A person's
 * rows are walked through their own indexes (one person did far fewer things than a whole kind
 * holds), so there the kind is only compared.
 */
function actionCondition(prefix: string, use: { byKind: boolean }): string {
  return use.byKind && ACTION_CATEGORY.test(prefix)
    ? "substr(a.action, 1, instr(a.action, '.')) = @actionPrefix"
    : 'substr(a.action, 1, length(@actionPrefix)) = @actionPrefix';
}

/**
 * Builds the page query for the filters in use (each shape prepared once, then reused). Every
 * filter either leads an index — actor (actor_id, seq), entity and case (entity_id, seq) — or
 * narrows a walk down `seq`, newest first, that stops at the page's size (keyset, never OFFSET).
 * A person is two indexed walks (as actor, as the account concerned), each cut at the page's
 * size, merged: never a sort of everything a busy clerk ever did.
 */
export function auditPageSql(filters: AuditFilters): string {
  const where = ['a.seq < @beforeSeq'];
  if (filters.actorId) where.push('a.actor_id = @actorId');
  if (filters.entityId) where.push('a.entity_id = @entityId');
  if (filters.caseRef) {
    where.push(
      `a.entity_id IN (SELECT @caseId UNION ALL SELECT id FROM certificates WHERE application_id = @caseId)`,
    );
  }
  if (filters.actionPrefix)
    where.push(actionCondition(filters.actionPrefix, { byKind: !filters.personId }));
  if (filters.from) where.push('a.at >= @from');
  if (filters.to) where.push('a.at < @toExclusive');
  if (!filters.personId) {
    return `SELECT ${COLUMNS}
              FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
             WHERE ${where.join(' AND ')}
             ORDER BY a.seq DESC
             LIMIT @limit`;
  }
  const walk = (lead: string) =>
    `SELECT seq FROM (SELECT a.seq FROM audit_log a WHERE ${lead} AND ${where.join(' AND ')}
                        ORDER BY a.seq DESC LIMIT @limit)`;
  return `SELECT ${COLUMNS}
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
           WHERE a.seq IN (${walk('a.actor_id = @personId')} UNION ${walk('a.entity_id = @personId')})
           ORDER BY a.seq DESC
           LIMIT @limit`;
}

/** Rows read per page of an export. */
const EXPORT_PAGE = 500;

/** The audit viewer's reads: newest first, keyset by `seq` (never OFFSET), and the verifier. */
export function createAuditQueries(deps: {
  db: Database.Database;
  audit: AuditLog;
  clock: Clock;
  catalog: Catalog;
}) {
  const { db, audit, clock, catalog } = deps;
  const caseById = db.prepare<[string], { id: string; reference: string; procedure_code: string }>(
    'SELECT id, reference, procedure_code FROM applications WHERE id = ?',
  );
  const caseByReference = db.prepare<[string], { id: string }>(
    'SELECT id FROM applications WHERE reference = ?',
  );
  const caseOfCertificate = db.prepare<[string], { application_id: string }>(
    'SELECT application_id FROM certificates WHERE id = ?',
  );
  const userName = db.prepare<[string], { display_name: string }>(
    'SELECT display_name FROM users WHERE id = ?',
  );

  /** Names and references, each read once per call (a page, an export). */
  function lookups(): AuditLookups & { caseIdOfCertificate(id: string): string | null } {
    const cases = new Map<
      string,
      { reference: string; procedure: ProcedureDefinition | undefined } | null
    >();
    const names = new Map<string, string | null>();
    return {
      caseOf(id) {
        if (!cases.has(id)) {
          const row = caseById.get(id);
          cases.set(
            id,
            row ? { reference: row.reference, procedure: catalog.get(row.procedure_code) } : null,
          );
        }
        return cases.get(id)!;
      },
      nameOf(id) {
        if (!names.has(id)) names.set(id, userName.get(id)?.display_name ?? null);
        return names.get(id)!;
      },
      caseIdOfCertificate: (id) => caseOfCertificate.get(id)?.application_id ?? null,
    };
  }

  /** The case a filter names, by id or by reference (typed as printed, any case). */
  function caseIdOf(caseRef: string): string | null {
    const trimmed = caseRef.trim();
    return caseById.get(trimmed)?.id ?? caseByReference.get(trimmed.toUpperCase())?.id ?? null;
  }
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
      const caseId = filters.caseRef ? caseIdOf(filters.caseRef) : null;
      if (filters.caseRef && !caseId) return { rows: [], nextBeforeSeq: null };
      const stored = statementFor(auditPageSql(filters)).all({
        beforeSeq: filters.beforeSeq ?? Number.MAX_SAFE_INTEGER,
        actorId: filters.actorId,
        entityId: filters.entityId,
        caseId: caseId ?? undefined,
        personId: filters.personId,
        actionPrefix: filters.actionPrefix,
        from: filters.from,
        toExclusive: filters.to ? nextDay(filters.to) : undefined,
        limit: filters.limit + 1,
      });
      const known = lookups();
      const rows: AuditRow[] = stored.slice(0, filters.limit).map((row) => {
        const summary = parseJsonColumn(jsonObject, row.summary_json, {
          table: 'audit_log',
          column: 'summary_json',
          rowId: row.seq,
        });
        const described =
          row.entity_type === 'certificate' && row.entity_id && !summary.applicationId
            ? { ...summary, applicationId: known.caseIdOfCertificate(row.entity_id) }
            : summary;
        const description = describeAuditRow(
          {
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            summary: described,
          },
          known,
        );
        return {
          seq: row.seq,
          at: row.at,
          actorId: row.actor_id,
          actorName: row.actor_name,
          officeCode: row.office_code,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary,
          description,
        };
      });
      const more = stored.length > filters.limit;
      return { rows, nextBeforeSeq: more ? rows[rows.length - 1]!.seq : null };
    },

    /**
     * Every row the filters match, newest first, read by keyset pages with a pause between them
     * (the event loop keeps answering clerks), up to `max` rows.
     */
    async allRows(
      filters: Omit<AuditFilters, 'beforeSeq' | 'limit'>,
      max: number,
    ): Promise<{ rows: AuditRow[]; truncated: boolean }> {
      const rows: AuditRow[] = [];
      let beforeSeq: number | null = null;
      for (;;) {
        const page = this.list({
          ...filters,
          beforeSeq,
          limit: Math.min(EXPORT_PAGE, max - rows.length),
        });
        rows.push(...page.rows);
        if (page.nextBeforeSeq === null) return { rows, truncated: false };
        if (rows.length >= max) return { rows, truncated: true };
        beforeSeq = page.nextBeforeSeq;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
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
