import type Database from 'better-sqlite3';
import {
  QUEUE_IDS,
  type DeadlineState,
  type InboxPage,
  type InboxRow,
  type QueueCounts,
  type QueueId,
} from '../../../shared/api/types';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { DomainError } from '../api/domainError';
import { decodeCursor, encodeCursor } from './keysetCursor';
import { QUEUE_CONDITIONS, type QueueScope } from './queueFilters';

/** Working days before the deadline from which a case counts as "échéance proche". */
export const DUE_SOON_WORKING_DAYS = 3;

interface RowRecord {
  id: string;
  reference: string;
  procedure_code: string;
  status: CaseStatus;
  is_open: number;
  applicant_name: string;
  company_name: string | null;
  region: string;
  city: string;
  office_code: string;
  submitted_at: string;
  due_date: string;
  assignee_id: string | null;
  assignee_name: string | null;
}

const ROW_COLUMNS = `a.id, a.reference, a.procedure_code, a.status, a.is_open, a.applicant_name,
  a.company_name, a.region, a.city, a.office_code, a.submitted_at, a.due_date, a.assignee_id,
  u.display_name AS assignee_name`;

export interface ListQuery {
  queue: QueueId;
  procedureCode?: string | undefined;
  cursor: string | null;
  limit: number;
}

export function createInboxQueries(db: Database.Database, calendar: WorkingCalendar) {
  const pageStatements = new Map<string, Database.Statement>();
  const countStatements = new Map<QueueId, Database.Statement>();

  function pageStatement(queue: QueueId, withProcedure: boolean, withCursor: boolean) {
    const key = `${queue}|${withProcedure}|${withCursor}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const conditions = [QUEUE_CONDITIONS[queue]];
      if (withProcedure) conditions.push('a.procedure_code = @procedureCode');
      if (withCursor) conditions.push('(a.due_date, a.id) > (@afterDueDate, @afterId)');
      statement = db.prepare(`
        SELECT ${ROW_COLUMNS}
        FROM applications a LEFT JOIN users u ON u.id = a.assignee_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY a.due_date, a.id
        LIMIT @limit`);
      pageStatements.set(key, statement);
    }
    return statement;
  }

  function countStatement(queue: QueueId) {
    let statement = countStatements.get(queue);
    if (!statement) {
      statement = db.prepare(
        `SELECT count(*) AS n FROM applications a WHERE ${QUEUE_CONDITIONS[queue]}`,
      );
      countStatements.set(queue, statement);
    }
    return statement;
  }

  function toRow(record: RowRecord, today: string): InboxRow {
    const open = record.is_open === 1;
    const workingDaysLeft = open ? calendar.workingDaysBetween(today, record.due_date) : null;
    let deadlineState: DeadlineState = 'none';
    if (workingDaysLeft !== null) {
      if (record.due_date < today) deadlineState = 'overdue';
      else if (workingDaysLeft <= DUE_SOON_WORKING_DAYS) deadlineState = 'due_soon';
      else deadlineState = 'on_time';
    }
    return {
      id: record.id,
      reference: record.reference,
      procedureCode: record.procedure_code,
      status: record.status,
      applicantName: record.applicant_name,
      companyName: record.company_name,
      region: record.region,
      city: record.city,
      officeCode: record.office_code,
      submittedAt: record.submitted_at,
      dueDate: record.due_date,
      workingDaysLeft,
      deadlineState,
      assignee:
        record.assignee_id && record.assignee_name
          ? { id: record.assignee_id, displayName: record.assignee_name }
          : null,
    };
  }

  const getRow = db.prepare<[string], RowRecord>(
    `SELECT ${ROW_COLUMNS} FROM applications a LEFT JOIN users u ON u.id = a.assignee_id WHERE a.id = ?`,
  );

  return {
    scopeFor(user: { id: string; officeCode: string }, today: string): QueueScope {
      return {
        userId: user.id,
        officeCode: user.officeCode,
        today,
        dueSoonUntil: calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS),
      };
    },

    list(query: ListQuery, scope: QueueScope): InboxPage {
      const after = query.cursor === null ? null : decodeCursor(query.cursor);
      if (query.cursor !== null && after === null) {
        throw new DomainError('invalid_input', 'Position de liste invalide : rechargez la liste.');
      }
      const statement = pageStatement(
        query.queue,
        query.procedureCode !== undefined,
        after !== null,
      );
      const records = statement.all({
        ...scope,
        procedureCode: query.procedureCode,
        afterDueDate: after?.dueDate,
        afterId: after?.id,
        limit: query.limit + 1,
      }) as RowRecord[];
      const hasMore = records.length > query.limit;
      const rows = records.slice(0, query.limit).map((record) => toRow(record, scope.today));
      const last = rows.at(-1);
      return {
        rows,
        nextCursor: hasMore && last ? encodeCursor({ dueDate: last.dueDate, id: last.id }) : null,
      };
    },

    counts(scope: QueueScope): QueueCounts {
      const params: Record<string, string> = { ...scope };
      const counts = {} as QueueCounts;
      for (const queue of QUEUE_IDS) {
        const statement = countStatement(queue);
        const wanted = Object.fromEntries(
          Object.entries(params).filter(([name]) => QUEUE_CONDITIONS[queue].includes(`@${name}`)),
        );
        counts[queue] = (statement.get(wanted) as { n: number }).n;
      }
      return counts;
    },

    row(id: string, today: string): InboxRow | null {
      const record = getRow.get(id);
      return record ? toRow(record, today) : null;
    },
  };
}
export type InboxQueries = ReturnType<typeof createInboxQueries>;
