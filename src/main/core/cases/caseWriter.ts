import type Database from 'better-sqlite3';
import type { CaseDecision, PersonRef } from '../../../shared/api/caseTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import { isOpenStatus, type CaseStatus } from '../../../shared/domain/caseStatus';
import type {
  WorkflowCheck,
  WorkflowContext,
  WorkflowRefusal,
} from '../../../shared/domain/caseWorkflow';
import type { PortalEventKind } from '../../../shared/portal/portalEventKinds';
import { DomainError, refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import type { Outbox, OutboxRow } from '../sync/outbox';

/** Thrown to undo a rehearsed change. */
const UNDO = Symbol('rehearsal');
import type { CaseRecordStore, CaseWorkflowRow } from './caseRecordStore';

/**
 * The one writer of a case's workflow state. Every change a person makes to a case — a workflow
 * transition, a note, a conflict decision, an assignment, a certificate — goes through `change`,
 * which in ONE transaction:
 *
 * 1. reads the case and asks the access gate (role, office, holder: the shared state machine),
 *    so no change can skip the office check;
 * 2. writes the row's columns, with the values derived from a status change (`is_open`,
 *    `decided_at`, `decided_by`) computed here and nowhere else;
 * 3. writes the history line, the audit row and, for what the portal must know, the outbox row.
 *
 * The pull writes the portal's versions of a case (`applicationsRepository`, `portalTransitions`,
 * `conflicts`): the portal's word, not a person's action, so it has no gate.
 */

/** Columns a person's action may set; status and its derived columns are the writer's. */
export type WritableColumn =
  | 'assignee_id'
  | 'claimed_by'
  | 'claim_activity_at'
  | 'signoff_requested_by'
  | 'info_requested_at'
  | 'portal_changes_json';

export interface CaseChange {
  /** The history line's kind; the audit action is `case.<history>` unless `audit.action`. */
  history: string;
  details: Record<string, unknown>;
  /** Columns to set besides the status and what it derives. */
  set?: Partial<Record<WritableColumn, string | number | null>>;
  decision?: Omit<CaseDecision, 'at' | 'by'>;
  /** Who is credited with a decision (a signed-off decision: the clerk who proposed it). */
  decidedBy?: string;
  portalEvent?: {
    kind: PortalEventKind;
    payload: Record<string, unknown>;
    /** Decided offline on a case the person does not hold on the portal (design §3.7). */
    provisional?: boolean;
    /** The key of the request already sent to the portal (portal-first claims, design §6.3). */
    idempotencyKey?: string;
  };
  /** The audit row's action, summary and entity when not `case.<history>` on the case. */
  audit?: {
    action?: string;
    summary?: Record<string, unknown>;
    entity?: { type: string; id: string };
  };
}

/** The outbox row a change queued for the portal. */
export interface QueuedEvent {
  id: number;
  idempotencyKey: string;
}

/** What the gate and the change are given: the case as it is now, inside the transaction. */
export interface LoadedCase {
  row: CaseWorkflowRow;
  procedure: ProcedureDefinition;
  context: WorkflowContext;
  /** The transaction's time, for every date the change writes. */
  at: string;
}

/** Decides whether `context.userId` may make this change; `to` is the status afterwards. */
export type CaseGate = (loaded: LoadedCase) => WorkflowCheck;

/** Refusals that are about who is asking (403), not about the case's state. */
const DEFAULT_FORBIDDEN: readonly WorkflowRefusal[] = ['forbidden_role'];

function gateRefusal(
  check: Extract<WorkflowCheck, { allowed: false }>,
  forbidden: readonly WorkflowRefusal[] = DEFAULT_FORBIDDEN,
): DomainError {
  return new DomainError(
    forbidden.includes(check.code) ? 'forbidden' : 'workflow_refused',
    check.reason,
    undefined,
    check.refusal,
  );
}

export const personOf = (user: CurrentUser): PersonRef => ({
  id: user.id,
  displayName: user.displayName,
});

/** The columns a status change derives: computed in this one place. */
export function statusColumns(
  from: CaseStatus,
  to: CaseStatus,
  at: string,
  decidedBy: string,
): Record<string, string | number> {
  if (to === from) return {};
  const columns: Record<string, string | number> = {
    status: to,
    is_open: isOpenStatus(to) ? 1 : 0,
  };
  if (to === 'approved' || to === 'rejected') {
    columns.decided_at = at; // for the dashboard
    columns.decided_by = decidedBy;
  }
  return columns;
}

/**
 * The deadline a calendar change moves: derived data (`dueDateOf`), not a person's action on the
 * case, so no gate and no history line; the holiday change itself is audited.
 */
export function createDeadlineWriter(db: Database.Database) {
  const setDueDate = db.prepare<[string, string]>(
    'UPDATE applications SET due_date = ? WHERE id = ?',
  );
  return {
    rewriteDueDate(id: string, dueDate: string): void {
      setDueDate.run(dueDate, id);
    },
  };
}
export type DeadlineWriter = ReturnType<typeof createDeadlineWriter>;

export function createCaseWriter(deps: {
  db: Database.Database;
  records: CaseRecordStore;
  catalog: Catalog;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  claimTimeoutMinutes: number;
}) {
  const { db, records, catalog, outbox, audit, clock } = deps;
  const insertHistory = db.prepare(`
    INSERT INTO history_events (application_id, at, actor_id, kind, from_status, to_status, details_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const statements = new Map<string, Database.Statement>();

  function update(id: string, columns: Record<string, string | number | null>): void {
    const names = Object.keys(columns).sort();
    const sql = `UPDATE applications SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE id = @id`;
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    statement.run({ ...columns, id });
  }

  function load(id: string, user: CurrentUser): LoadedCase {
    const now = clock.now();
    const row = records.workflowRow(id);
    const procedure = row ? catalog.get(row.procedure_code) : undefined;
    if (!row || !procedure) {
      throw refusal('not_found', 'caseNotInCache', {});
    }
    const context = records.contextFor(row, procedure, user, now, deps.claimTimeoutMinutes);
    return { row, procedure, context, at: now.toISOString() };
  }

  /**
   * Checks, then writes the change, its history, audit and outbox rows — all or nothing. Inside
   * another transaction (an assignment of many cases) it joins it. `build` runs after the gate,
   * inside the transaction: it may write the case's own rows (a note, a checklist tick) too.
   */
  const change = db.transaction(
    (
      id: string,
      user: CurrentUser,
      gate: CaseGate,
      build: (loaded: LoadedCase, to: CaseStatus) => CaseChange,
      forbidden: readonly WorkflowRefusal[] = DEFAULT_FORBIDDEN,
    ): QueuedEvent | null => {
      const loaded = load(id, user);
      const check = gate(loaded);
      if (!check.allowed) throw gateRefusal(check, forbidden);
      const { row, at } = loaded;
      const built = build(loaded, check.to);
      const columns: Record<string, string | number | null> = {
        updated_at: at,
        ...built.set,
        ...statusColumns(row.status, check.to, at, built.decidedBy ?? user.id),
      };
      if (built.decision) {
        const decision: CaseDecision = { ...built.decision, at, by: personOf(user) };
        columns.decision_json = JSON.stringify(decision);
      }
      update(id, columns);
      const statusChanged = check.to !== row.status;
      insertHistory.run(
        id,
        at,
        user.id,
        built.history,
        statusChanged ? row.status : null,
        statusChanged ? check.to : null,
        JSON.stringify(built.details),
      );
      audit.append({
        at,
        actorId: user.id,
        officeCode: row.office_code,
        action: built.audit?.action ?? `case.${built.history}`,
        entityType: built.audit?.entity?.type ?? 'application',
        entityId: built.audit?.entity?.id ?? id,
        summary: built.audit?.summary ?? { from: row.status, to: check.to, ...built.details },
      });
      if (!built.portalEvent) return null;
      return outbox.enqueueAction(
        {
          applicationId: id,
          ...built.portalEvent,
          actor: personOf(user),
          expectedVersion: row.portal_version,
        },
        at,
      );
    },
  );

  return {
    change,
    /** As `change`, taking the write lock at once: a lone action, not part of a batch. */
    changeNow(
      id: string,
      user: CurrentUser,
      gate: CaseGate,
      build: (loaded: LoadedCase, to: CaseStatus) => CaseChange,
      forbidden: readonly WorkflowRefusal[] = DEFAULT_FORBIDDEN,
    ): QueuedEvent | null {
      return change.immediate(id, user, gate, build, forbidden);
    },
    /**
     * Runs `write` (one change through this writer) and undoes it, answering the outbox row it
     * would queue: the exact event a portal-first request sends, gate included (a refusal throws).
     */
    rehearse(write: () => QueuedEvent | null): OutboxRow | null {
      let queued: OutboxRow | null = null;
      try {
        db.transaction(() => {
          const event = write();
          queued = event ? outbox.row(event.id) : null;
          throw UNDO;
        })();
      } catch (error) {
        if (error !== UNDO) throw error;
      }
      return queued;
    },
  };
}
export type CaseWriter = ReturnType<typeof createCaseWriter>;
