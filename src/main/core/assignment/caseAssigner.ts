import type Database from 'better-sqlite3';
import type { AssignmentOutcome, SkippedCase } from '../../../shared/api/assignmentTypes';
import type { PersonRef } from '../../../shared/api/caseTypes';
import type { SaidRefusal } from '../../../shared/api/refusals';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError } from '../api/domainError';
import { checkCaseWork, refuse } from '../../../shared/domain/caseWorkflow';
import type { CaseGate, CaseWriter } from '../cases/caseWriter';
import type { Clock } from '../clock';
import {
  assignmentRefusal,
  NOT_IN_CACHE,
  notAssignableMember,
  skippedBecause,
  visibleReference,
  type AssignableCase,
  type StaffMember,
} from './assignmentRules';
import type { NotificationInbox } from './notificationInbox';
import type { StaffDirectory } from './staffDirectory';

/**
 * Writes assignments. Per case, through the case writer like every workflow action: the case
 * row, one history line, one audit row, one `case.assigned` outbox event (and the assignee's
 * notification) in the same transaction. A batch runs in chunks, each one transaction that re-reads its cases, so a large
 * plan never holds the event loop for long and every rule is checked against the current state.
 */

export interface AssignmentRequest {
  caseId: string;
  assigneeId: string;
}

export interface AssignmentResult extends AssignmentOutcome {
  changedIds: string[];
  /** Users who received a notification. */
  notifiedUserIds: string[];
}

/**
 * Cases per transaction. On a 100k cache a case costs about 0.35 ms (row, indexes, history, audit,
 * outbox, notification) and each commit an fsync: 100 keeps each pause of the event loop well
 * under 100 ms (measured 2 000 cases in about 0.7 s in all).
 */
const CHUNK_SIZE = 100;

const CASE_COLUMNS = `id, reference, procedure_code, office_code, status, is_open, assignee_id,
  claimed_by, conflict_json, applicant_name, due_date`;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createCaseAssigner(deps: {
  db: Database.Database;
  writer: CaseWriter;
  clock: Clock;
  staff: StaffDirectory;
  notifications: NotificationInbox;
  /** Any account, active or not (a former holder may have left). */
  displayNameOf: (userId: string) => string | null;
}) {
  const { db, writer, clock, staff, notifications } = deps;
  const casesByIds = db.prepare<[string], AssignableCase>(
    `SELECT ${CASE_COLUMNS} FROM applications WHERE id IN (SELECT value FROM json_each(?))`,
  );
  /** A supervisor of the case's office: the writer's gate, after the assignment rules. */
  const supervisorGate: CaseGate = ({ context }) =>
    context.role === 'superviseur'
      ? checkCaseWork(context)
      : refuse('forbidden_role', 'assignOnlySupervisor', {});

  function personOf(userId: string, names: Map<string, string>): PersonRef {
    let displayName = names.get(userId);
    if (displayName === undefined) {
      displayName = deps.displayNameOf(userId) ?? userId;
      names.set(userId, displayName);
    }
    return { id: userId, displayName };
  }

  const writeChunk = db.transaction(
    (
      chunk: readonly AssignmentRequest[],
      members: ReadonlyMap<string, StaffMember>,
      supervisor: CurrentUser,
      names: Map<string, string>,
      result: AssignmentResult,
    ): void => {
      const at = clock.now().toISOString(); // for the notifications; the writer dates the rest
      const rows = new Map(
        casesByIds
          .all(JSON.stringify(chunk.map((request) => request.caseId)))
          .map((row) => [row.id, row]),
      );
      const by = personOf(supervisor.id, names);
      for (const request of chunk) {
        const row = rows.get(request.caseId);
        const member = members.get(request.assigneeId);
        const skip = (said: Pick<SaidRefusal, 'message'> & Partial<SaidRefusal>) =>
          result.skipped.push({
            caseId: request.caseId,
            reference: visibleReference(row, supervisor.officeCode),
            ...skippedBecause(said),
          });
        if (!row) {
          skip(NOT_IN_CACHE);
          continue;
        }
        if (!member) {
          skip(notAssignableMember(request.assigneeId));
          continue;
        }
        const refusal = assignmentRefusal(row, member, supervisor.officeCode);
        if (refusal) {
          skip(refusal);
          continue;
        }
        const assignee = personOf(member.userId, names);
        const from = row.assignee_id ? personOf(row.assignee_id, names) : null;
        const releasedClaimOf =
          row.claimed_by !== null && row.claimed_by !== member.userId
            ? personOf(row.claimed_by, names)
            : null;
        const released = releasedClaimOf ? { releasedClaimOf } : {};
        try {
          writer.change(row.id, supervisor, supervisorGate, () => {
            if (member.userId !== supervisor.id) {
              notifications.caseAssigned(member.userId, row.id, supervisor.id, at);
            }
            return {
              history: 'assigned',
              details: { from, to: assignee, ...released },
              // The former holder's claim would keep the new assignee from working the case.
              set: releasedClaimOf
                ? { assignee_id: member.userId, claimed_by: null, claim_activity_at: null }
                : { assignee_id: member.userId },
              audit: {
                summary: {
                  from: from?.id ?? null,
                  to: assignee.id,
                  ...(releasedClaimOf ? { releasedClaimOf: releasedClaimOf.id } : {}),
                },
              },
              portalEvent: {
                kind: 'case.assigned',
                payload: { assignee, by, ...(from ? { previousAssignee: from } : {}) },
              },
            };
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          skip({ message: error.message, reason: error.reason });
          continue;
        }
        if (member.userId !== supervisor.id && !result.notifiedUserIds.includes(member.userId)) {
          result.notifiedUserIds.push(member.userId);
        }
        result.assigned += 1;
        result.changedIds.push(row.id);
      }
    },
  );

  return {
    /** Assigns what the rules allow; refused cases come back in `skipped` with their reason. */
    async assign(
      requests: readonly AssignmentRequest[],
      supervisor: CurrentUser,
    ): Promise<AssignmentResult> {
      const seen = new Set<string>();
      const unique = requests.filter((request) => {
        if (seen.has(request.caseId)) return false;
        seen.add(request.caseId);
        return true;
      });
      const members = new Map(
        staff.members(supervisor.officeCode).map((member) => [member.userId, member]),
      );
      const names = new Map<string, string>();
      const result: AssignmentResult = {
        assigned: 0,
        skipped: [] as SkippedCase[],
        changedIds: [],
        notifiedUserIds: [],
      };
      for (let start = 0; start < unique.length; start += CHUNK_SIZE) {
        if (start > 0) await yieldToEventLoop();
        writeChunk(unique.slice(start, start + CHUNK_SIZE), members, supervisor, names, result);
      }
      return result;
    },

    /** Refuses at once an assignee who cannot take any case (not staff of the office). */
    requireMember(userId: string, officeCode: string): StaffMember {
      const member = staff.members(officeCode).find((candidate) => candidate.userId === userId);
      if (!member) {
        const said = notAssignableMember(userId);
        throw new DomainError('invalid_input', said.message, undefined, said.reason);
      }
      return member;
    },
  };
}
export type CaseAssigner = ReturnType<typeof createCaseAssigner>;
