import type Database from 'better-sqlite3';
import type { CaseDecision, PersonRef } from '../../../shared/api/caseTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import { isOpenStatus, type CaseStatus } from '../../../shared/domain/caseStatus';
import {
  checkAction,
  checkConfirmPortalChanges,
  type WorkflowAction,
} from '../../../shared/domain/caseWorkflow';
import type { PortalEventKind } from '../../../shared/portal/portalEventKinds';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import type { Outbox } from '../sync/outbox';
import {
  unconfirmedPortalChangesOf,
  type CaseRecordStore,
  type CaseWorkflowRow,
} from './caseRecordStore';

/**
 * The clerk's and the supervisor's actions on a case. Each one asks the shared state machine
 * first, then writes the case's new state, its history line, its audit row and (for what the
 * portal must know) its outbox row in one transaction.
 */

interface Change {
  history: string;
  details: Record<string, unknown>;
  /** Columns to set besides status / is_open. */
  set?: Partial<Record<WritableColumn, string | number | null>>;
  decision?: Omit<CaseDecision, 'at' | 'by'>;
  portalEvent?: { kind: PortalEventKind; payload: Record<string, unknown> };
}

type WritableColumn =
  | 'assignee_id'
  | 'claimed_by'
  | 'claim_activity_at'
  | 'signoff_requested_by'
  | 'info_requested_at'
  | 'portal_changes_json';

const person = (user: CurrentUser): PersonRef => ({ id: user.id, displayName: user.displayName });

function unknownCodes(given: string[], known: Iterable<string>): string[] {
  const valid = new Set(known);
  return given.filter((code) => !valid.has(code));
}

/** `unknownLabel` agrees in gender: « Pièce inconnue », « Champ inconnu »… */
function requireKnown(given: string[], known: Iterable<string>, unknownLabel: string): void {
  const unknown = unknownCodes(given, known);
  if (unknown.length > 0) {
    throw new DomainError(
      'invalid_input',
      `${unknownLabel} pour cette procédure : ${unknown.join(', ')}. Rechargez le dossier et réessayez.`,
    );
  }
}

export function createCaseWorkflowActions(deps: {
  db: Database.Database;
  records: CaseRecordStore;
  catalog: Catalog;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  claimTimeoutMinutes: number;
  displayNameOf: (userId: string) => string | null;
}) {
  const { db, records, catalog, outbox, audit, clock } = deps;
  const insertHistory = db.prepare(`
    INSERT INTO history_events (application_id, at, actor_id, kind, from_status, to_status, details_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const upsertTick = db.prepare(`
    INSERT INTO checklist_ticks (application_id, item_id, checked, by_user_id, at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (application_id, item_id) DO UPDATE
      SET checked = excluded.checked, by_user_id = excluded.by_user_id, at = excluded.at`);
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

  function load(id: string): { row: CaseWorkflowRow; procedure: ProcedureDefinition } {
    const row = records.workflowRow(id);
    const procedure = row ? catalog.get(row.procedure_code) : undefined;
    if (!row || !procedure) {
      throw new DomainError(
        'not_found',
        "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
      );
    }
    return { row, procedure };
  }

  /** One transaction: check, write the case, history, audit and outbox together. */
  const perform = db.transaction(
    (
      id: string,
      action: WorkflowAction,
      user: CurrentUser,
      build: (row: CaseWorkflowRow, procedure: ProcedureDefinition, to: CaseStatus) => Change,
    ): void => {
      const now = clock.now();
      const at = now.toISOString();
      const { row, procedure } = load(id);
      const context = records.contextFor(row, procedure, user, now, deps.claimTimeoutMinutes);
      const check = checkAction(context, action);
      if (!check.allowed) {
        const code = check.code === 'forbidden_role' ? 'forbidden' : 'workflow_refused';
        throw new DomainError(code, check.reason);
      }
      const change = build(row, procedure, check.to);
      const columns: Record<string, string | number | null> = {
        updated_at: at,
        ...change.set,
      };
      if (check.to !== row.status) {
        columns.status = check.to;
        columns.is_open = isOpenStatus(check.to) ? 1 : 0;
      }
      if (check.to !== row.status && (check.to === 'approved' || check.to === 'rejected')) {
        // For the dashboard; a signed-off decision counts for the clerk who proposed it.
        columns.decided_at = at;
        columns.decided_by =
          action === 'signOffApprove' ? (row.signoff_requested_by ?? user.id) : user.id;
      }
      if (change.decision) {
        const decision: CaseDecision = { ...change.decision, at, by: person(user) };
        columns.decision_json = JSON.stringify(decision);
      }
      update(id, columns);
      const statusChanged = check.to !== row.status;
      insertHistory.run(
        id,
        at,
        user.id,
        change.history,
        statusChanged ? row.status : null,
        statusChanged ? check.to : null,
        JSON.stringify(change.details),
      );
      audit.append({
        at,
        actorId: user.id,
        officeCode: row.office_code,
        action: `case.${change.history}`,
        entityType: 'application',
        entityId: id,
        summary: { from: row.status, to: check.to, ...change.details },
      });
      if (change.portalEvent) {
        outbox.enqueueAction({ applicationId: id, ...change.portalEvent }, at);
      }
    },
  );

  /**
   * A person checked what the portal changed after the decision (issue 13): the changes stop
   * blocking sign-off and issuing. Internal work: history and audit, nothing for the portal.
   */
  const confirmPortalChanges = db.transaction((id: string, user: CurrentUser): void => {
    const now = clock.now();
    const at = now.toISOString();
    const { row, procedure } = load(id);
    const context = records.contextFor(row, procedure, user, now, deps.claimTimeoutMinutes);
    const check = checkConfirmPortalChanges(context, row.assignee_id);
    if (!check.allowed) {
      const code =
        check.code === 'forbidden_role' || check.code === 'claimed_by_other'
          ? 'forbidden'
          : 'workflow_refused';
      throw new DomainError(code, check.reason);
    }
    const confirmed = unconfirmedPortalChangesOf(row)!;
    update(id, { portal_changes_json: null, updated_at: at });
    const details = {
      version: confirmed.version,
      changes: confirmed.changes,
      omitted: confirmed.omitted,
    };
    insertHistory.run(
      id,
      at,
      user.id,
      'portal_changes_confirmed',
      null,
      null,
      JSON.stringify(details),
    );
    audit.append({
      at,
      actorId: user.id,
      officeCode: row.office_code,
      action: 'case.portal_changes_confirmed',
      entityType: 'application',
      entityId: id,
      summary: {
        status: row.status,
        version: confirmed.version,
        paths: confirmed.changes.map((change) => change.path),
        omitted: confirmed.omitted,
      },
    });
  });

  const claimed = (user: CurrentUser, at: string) => ({
    claimed_by: user.id,
    claim_activity_at: at,
    assignee_id: user.id,
  });

  return {
    confirmPortalChanges(id: string, user: CurrentUser): void {
      confirmPortalChanges.immediate(id, user);
    },

    claim(id: string, user: CurrentUser): void {
      perform(id, 'claim', user, () => ({
        history: 'claimed',
        details: {},
        set: claimed(user, clock.now().toISOString()),
        portalEvent: { kind: 'case.claimed', payload: { by: person(user) } },
      }));
    },

    takeOver(id: string, user: CurrentUser): void {
      perform(id, 'takeOver', user, (row) => {
        const previous = row.claimed_by
          ? {
              id: row.claimed_by,
              displayName: deps.displayNameOf(row.claimed_by) ?? row.claimed_by,
            }
          : null;
        return {
          history: 'taken_over',
          details: { from: previous },
          set: claimed(user, clock.now().toISOString()),
          portalEvent: {
            kind: 'case.claimed',
            payload: { by: person(user), ...(previous ? { takenOverFrom: previous } : {}) },
          },
        };
      });
    },

    release(id: string, user: CurrentUser): void {
      perform(id, 'release', user, () => ({
        history: 'released',
        details: {},
        set: { claimed_by: null, claim_activity_at: null },
        portalEvent: { kind: 'case.released', payload: { by: person(user) } },
      }));
    },

    /** Internal work: recorded in history and audit, not sent to the portal. */
    tickChecklist(id: string, itemId: string, checked: boolean, user: CurrentUser): void {
      perform(id, 'tickChecklist', user, (_row, procedure) => {
        requireKnown(
          [itemId],
          procedure.checklist.map((item) => item.id),
          'Point de contrôle inconnu',
        );
        const at = clock.now().toISOString();
        upsertTick.run(id, itemId, checked ? 1 : 0, user.id, at);
        return {
          history: 'checklist_ticked',
          details: { itemId, checked },
          set: { claim_activity_at: at },
        };
      });
    },

    requestInfo(
      id: string,
      request: { missingDocuments: string[]; fieldsToCorrect: string[]; message: string },
      user: CurrentUser,
    ): void {
      perform(id, 'requestInfo', user, (_row, procedure) => {
        requireKnown(
          request.missingDocuments,
          procedure.documents.map((document) => document.code),
          'Pièce inconnue',
        );
        requireKnown(
          request.fieldsToCorrect,
          procedure.sections.flatMap((section) => section.fields.map((field) => field.id)),
          'Champ inconnu',
        );
        const at = clock.now().toISOString();
        return {
          history: 'info_requested',
          details: { ...request },
          set: { info_requested_at: at, claim_activity_at: at },
          decision: {
            kind: 'info_requested',
            comment: request.message,
            reasonCodes: [],
            missingDocuments: request.missingDocuments,
            fieldsToCorrect: request.fieldsToCorrect,
          },
          portalEvent: {
            kind: 'info.requested',
            payload: { ...request, requestedBy: person(user) },
          },
        };
      });
    },

    approve(id: string, comment: string | undefined, user: CurrentUser): void {
      perform(id, 'approve', user, (_row, _procedure, to) => {
        const toSignOff = to === 'pending_signoff';
        const decision = {
          kind: toSignOff ? ('signoff_requested' as const) : ('approved' as const),
          comment: comment ?? null,
          reasonCodes: [],
          missingDocuments: [],
          fieldsToCorrect: [],
        };
        return {
          history: toSignOff ? 'signoff_requested' : 'approved',
          details: comment ? { comment } : {},
          set: {
            claimed_by: null,
            claim_activity_at: null,
            signoff_requested_by: toSignOff ? user.id : null,
          },
          decision,
          portalEvent: toSignOff
            ? {
                kind: 'signoff.requested',
                payload: { requestedBy: person(user), ...(comment ? { comment } : {}) },
              }
            : {
                kind: 'decision.approved',
                payload: { decidedBy: person(user), ...(comment ? { comment } : {}) },
              },
        };
      });
    },

    reject(id: string, reasonCodes: string[], comment: string, user: CurrentUser): void {
      perform(id, 'reject', user, (_row, procedure) => {
        requireKnown(
          reasonCodes,
          procedure.rejectReasons.map((reason) => reason.code),
          'Motif de rejet inconnu',
        );
        return {
          history: 'rejected',
          details: { reasonCodes, comment },
          set: { claimed_by: null, claim_activity_at: null },
          decision: {
            kind: 'rejected',
            comment,
            reasonCodes,
            missingDocuments: [],
            fieldsToCorrect: [],
          },
          portalEvent: {
            kind: 'decision.rejected',
            payload: { reasonCodes, comment, decidedBy: person(user) },
          },
        };
      });
    },

    signOff(
      id: string,
      decision: 'approve' | 'return',
      comment: string | undefined,
      user: CurrentUser,
    ): void {
      const action = decision === 'approve' ? 'signOffApprove' : 'signOffReturn';
      perform(id, action, user, (row) => {
        const requester = row.signoff_requested_by
          ? {
              id: row.signoff_requested_by,
              displayName: deps.displayNameOf(row.signoff_requested_by) ?? row.signoff_requested_by,
            }
          : null;
        if (decision === 'approve') {
          return {
            history: 'signoff_approved',
            details: comment ? { comment } : {},
            decision: {
              kind: 'approved',
              comment: comment ?? null,
              reasonCodes: [],
              missingDocuments: [],
              fieldsToCorrect: [],
            },
            portalEvent: {
              kind: 'decision.approved',
              payload: {
                decidedBy: requester ?? person(user),
                signedOffBy: person(user),
                ...(comment ? { comment } : {}),
              },
            },
          };
        }
        return {
          history: 'signoff_returned',
          details: { comment },
          // Back in review, the clerk decides again on the data as it now stands.
          set: { signoff_requested_by: null, portal_changes_json: null },
          decision: {
            kind: 'signoff_returned',
            comment: comment ?? null,
            reasonCodes: [],
            missingDocuments: [],
            fieldsToCorrect: [],
          },
          portalEvent: {
            kind: 'signoff.returned',
            payload: { comment, returnedBy: person(user) },
          },
        };
      });
    },
  };
}
export type CaseWorkflowActions = ReturnType<typeof createCaseWorkflowActions>;
