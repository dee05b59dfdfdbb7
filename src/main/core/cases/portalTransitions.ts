import type Database from 'better-sqlite3';
import type { ReplyChanges } from '../../../shared/api/caseTypes';
import { isoDateOf, type WorkingCalendar } from '../../../shared/calendar/workingDays';
import { isOpenStatus, type CaseStatus } from '../../../shared/domain/caseStatus';
import { dueDateOf } from '../../../shared/domain/deadline';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import { storedRecordOf } from '../db/storedColumns';
import type { PortalTransition } from './applicationsRepository';
import { creditedDecider, DECIDED } from './creditedDecider';

/**
 * What the workflow does when the portal changes a case's status: the applicant's reply to a
 * request for information restarts the SLA clock (the deadline moves by the working days spent
 * waiting) and records what the reply changed, so the clerk sees it highlighted.
 */

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export function describeReply(
  before: PortalApplication,
  after: PortalApplication,
): Omit<ReplyChanges, 'at'> {
  const known = new Set(before.documents.map((document) => document.id));
  return {
    fields: changedKeys(before.form, after.form),
    applicantFields: changedKeys(before.applicant, after.applicant),
    documentIds: after.documents
      .filter((document) => !known.has(document.id))
      .map((document) => document.id),
  };
}

export function createPortalTransitionHook(
  db: Database.Database,
  calendar: WorkingCalendar,
  slaWorkingDaysOf: (procedureCode: string) => number,
) {
  const waiting = db.prepare<
    [string],
    {
      record_json: string;
      info_requested_at: string | null;
      submitted_at: string;
      procedure_code: string;
      sla_paused_days: number;
    }
  >(
    `SELECT record_json, info_requested_at, submitted_at, procedure_code, sla_paused_days
       FROM applications WHERE id = ?`,
  );
  const resume = db.prepare(`
    UPDATE applications SET due_date = ?, sla_paused_days = sla_paused_days + ?,
      info_requested_at = NULL
    WHERE id = ?`);
  const markWaiting = db.prepare(
    'UPDATE applications SET info_requested_at = coalesce(info_requested_at, ?) WHERE id = ?',
  );
  // The decision shown is one the portal never accepted: its outbox row (written with the same
  // time as the decision) is still undelivered, or was cancelled when the clerk kept the
  // portal's version — before or after that version came in.
  const dropUndeliveredDecision = db.prepare(`
    UPDATE applications SET decision_json = NULL
    WHERE id = @id AND json_extract(decision_json, '$.at') IN (
      SELECT created_at FROM outbox WHERE application_id = @id AND state <> 'sent'
        AND kind IN ('info.requested', 'signoff.requested', 'signoff.returned',
                     'decision.approved', 'decision.rejected'))`);
  const releaseClaim = db.prepare(
    'UPDATE applications SET claimed_by = NULL, claim_activity_at = NULL WHERE id = ?',
  );
  // The dashboard's decision date (migration 011). Decided on the portal: by whom the portal's
  // `work` credits when that person is in the directory (another desk's clerk), else by nobody
  // here. Approved then issued: the decision keeps its day and its clerk. Taken back from decided
  // (a conflict resolved for the portal): no longer a decision.
  const recordDecision = db.prepare(`
    UPDATE applications SET
      decided_at = CASE WHEN @toDecided = 0 THEN NULL
                        WHEN @fromDecided = 1 THEN coalesce(decided_at, portal_updated_at)
                        ELSE @at END,
      decided_by = CASE WHEN @toDecided = 1 AND @fromDecided = 1
                          THEN coalesce(decided_by, (SELECT id FROM users WHERE id = @decidedBy))
                        WHEN @toDecided = 1 THEN (SELECT id FROM users WHERE id = @decidedBy) END
    WHERE id = @id`);

  return ({ incoming, fromStatus, toStatus }: PortalTransition) => {
    const { record } = incoming;
    // The portal's truth over this desk's unsent work: a decision it never accepted is not the
    // case's last decision. A case the portal closed (withdrawn, decided) is nobody's work.
    dropUndeliveredDecision.run({ id: record.id });
    if (!isOpenStatus(toStatus as CaseStatus)) releaseClaim.run(record.id);
    const fromDecided = DECIDED.has(fromStatus) ? 1 : 0;
    const toDecided = DECIDED.has(toStatus) ? 1 : 0;
    if (fromDecided || toDecided) {
      recordDecision.run({
        id: record.id,
        at: record.updatedAt,
        fromDecided,
        toDecided,
        decidedBy: toDecided ? creditedDecider(incoming.work, toStatus) : null,
      });
    }
    if (toStatus === 'info_requested') {
      // Asked from elsewhere on the portal: the clock pauses from that moment too.
      markWaiting.run(record.updatedAt, record.id);
      return undefined;
    }
    if (fromStatus !== 'info_requested') return undefined;
    const row = waiting.get(record.id);
    if (!row) return undefined;
    const pausedDays = row.info_requested_at
      ? Math.max(
          0,
          calendar.workingDaysBetween(
            isoDateOf(new Date(row.info_requested_at)),
            isoDateOf(new Date(record.updatedAt)),
          ),
        )
      : 0;
    const dueDate = dueDateOf(
      calendar,
      row.submitted_at,
      slaWorkingDaysOf(row.procedure_code),
      row.sla_paused_days + pausedDays,
    );
    resume.run(dueDate, pausedDays, record.id);
    const before = storedRecordOf(record.id, row.record_json);
    return { changes: describeReply(before, record), pausedWorkingDays: pausedDays };
  };
}
