import type Database from 'better-sqlite3';
import type {
  CaseNote,
  CaseReview,
  ChecklistTick,
  HistoryEntry,
  PersonRef,
  ReplyChanges,
} from '../../../shared/api/caseTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import {
  allowedActions,
  blockedDecisions,
  isProvisional,
  checkConfirmPortalChanges,
} from '../../../shared/domain/caseWorkflow';
import { jsonObject, parseJsonColumn } from '../db/jsonColumn';
import { caseDecision } from '../db/storedColumns';
import {
  unconfirmedPortalChangesOf,
  type CaseRecordStore,
  type CaseWorkflowRow,
} from './caseRecordStore';

/** Reads everything the review screen shows besides the record itself, in a handful of indexed queries. */

interface HistoryRaw {
  id: number;
  at: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  details_json: string;
}

const personOf = (id: string | null, name: string | null): PersonRef | null =>
  id ? { id, displayName: name ?? id } : null;

export function createCaseReviewQueries(
  db: Database.Database,
  records: CaseRecordStore,
  claimTimeoutMinutes: number,
) {
  const names = db.prepare<[string], { display_name: string }>(
    'SELECT display_name FROM users WHERE id = ?',
  );
  const ticks = db.prepare<
    [string],
    { item_id: string; checked: number; by_user_id: string; by_name: string | null; at: string }
  >(`
    SELECT t.item_id, t.checked, t.by_user_id, u.display_name AS by_name, t.at
    FROM checklist_ticks t LEFT JOIN users u ON u.id = t.by_user_id
    WHERE t.application_id = ?`);
  const notes = db.prepare<
    [string],
    { id: number; author_id: string; author_name: string | null; at: string; body: string }
  >(`
    SELECT n.id, n.author_id, u.display_name AS author_name, n.at, n.body
    FROM notes n LEFT JOIN users u ON u.id = n.author_id
    WHERE n.application_id = ? ORDER BY n.id`);
  const history = db.prepare<[string], HistoryRaw>(`
    SELECT h.id, h.at, h.kind, h.actor_id, u.display_name AS actor_name, h.from_status,
      h.to_status, h.details_json
    FROM history_events h LEFT JOIN users u ON u.id = h.actor_id
    WHERE h.application_id = ? ORDER BY h.id`);

  const displayName = (id: string | null): PersonRef | null =>
    personOf(id, id ? (names.get(id)?.display_name ?? null) : null);

  function replyChangesOf(row: CaseWorkflowRow, entries: HistoryEntry[]): ReplyChanges | null {
    if (row.status !== 'in_review') return null;
    // The reply is news until the clerk decides again (a later request or decision supersedes it).
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index]!;
      if (entry.kind === 'info_requested' || entry.kind === 'signoff_returned') return null;
      if (entry.kind === 'applicant_replied') {
        const changes = (entry.details.changes ?? {}) as Partial<ReplyChanges>;
        return {
          at: entry.at,
          fields: changes.fields ?? [],
          applicantFields: changes.applicantFields ?? [],
          documentIds: changes.documentIds ?? [],
        };
      }
    }
    return null;
  }

  return {
    review(
      row: CaseWorkflowRow,
      procedure: ProcedureDefinition,
      user: CurrentUser | null,
      now: Date,
    ): CaseReview {
      const context = user
        ? records.contextFor(row, procedure, user, now, claimTimeoutMinutes)
        : null;
      const holder = context?.claimedBy ?? null;
      const entries: HistoryEntry[] = history.all(row.id).map((raw) => ({
        id: raw.id,
        at: raw.at,
        kind: raw.kind,
        actor: personOf(raw.actor_id, raw.actor_name),
        fromStatus: raw.from_status,
        toStatus: raw.to_status,
        details: parseJsonColumn(jsonObject, raw.details_json, {
          table: 'history_events',
          column: 'details_json',
          rowId: raw.id,
        }),
      }));
      const claimActivity = row.claim_activity_at;
      const portalChanges = unconfirmedPortalChangesOf(row);
      // On an enrolled desk the portal's lease is the claim every desk shows (design §8).
      const lease = records.activeLease(row.id, now);
      return {
        workflow: {
          claim: lease
            ? {
                holder: { id: lease.holderId, displayName: lease.holderName },
                since: lease.since ?? lease.expiresAt,
                expiresAt: lease.expiresAt,
                lease: { kind: lease.kind, portalNow: lease.portalNow.toISOString() },
              }
            : holder && claimActivity
              ? {
                  holder: displayName(holder)!,
                  since: claimActivity,
                  expiresAt: new Date(
                    Date.parse(claimActivity) + claimTimeoutMinutes * 60_000,
                  ).toISOString(),
                }
              : null,
          allowedActions: context ? allowedActions(context) : [],
          blockedActions: context ? blockedDecisions(context) : [],
          provisionalActions: context
            ? allowedActions(context).filter((action) => isProvisional(context, action))
            : [],
          signOffRequestedBy: displayName(row.signoff_requested_by),
          slaPaused: row.status === 'info_requested',
          slaPausedDays: row.sla_paused_days,
          lastDecision: row.decision_json
            ? parseJsonColumn(caseDecision, row.decision_json, {
                table: 'applications',
                column: 'decision_json',
                rowId: row.id,
              })
            : null,
        },
        checklist: ticks.all(row.id).map((tick): ChecklistTick => ({
          itemId: tick.item_id,
          checked: tick.checked === 1,
          by: personOf(tick.by_user_id, tick.by_name)!,
          at: tick.at,
        })),
        notes: notes.all(row.id).map((note): CaseNote => ({
          id: note.id,
          author: personOf(note.author_id, note.author_name)!,
          at: note.at,
          body: note.body,
        })),
        history: entries,
        replyChanges: replyChangesOf(row, entries),
        portalChanges: portalChanges && {
          ...portalChanges,
          canConfirm: context ? checkConfirmPortalChanges(context, row.assignee_id).allowed : false,
        },
      };
    },
  };
}
export type CaseReviewQueries = ReturnType<typeof createCaseReviewQueries>;
