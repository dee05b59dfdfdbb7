import type Database from 'better-sqlite3';

/** What every dashboard query is scoped to: one office, a period, maybe some procedures. */
export interface DashboardScope {
  officeCode: string;
  /** Inclusive calendar days. */
  from: string;
  to: string;
  /** Backlog, ages and lateness are counted at this day. */
  today: string;
  /** `null`: every procedure. */
  procedureCodes: readonly string[] | null;
}

export interface DecisionRow {
  decidedOn: string;
  submittedOn: string;
  /** 1 when decided on or before the deadline. */
  onTime: 0 | 1;
  decidedBy: string | null;
  n: number;
}
export interface OpenBacklogRow {
  procedureCode: string;
  assigneeId: string | null;
  submittedOn: string;
  /** 1 when past the deadline with the SLA clock running. */
  overdue: 0 | 1;
  n: number;
}
export interface OverdueRow {
  id: string;
  reference: string;
  procedureCode: string;
  applicantName: string;
  companyName: string | null;
  assigneeName: string | null;
  dueDate: string;
}
export interface StaffRow {
  userId: string;
  displayName: string;
  role: 'agent' | 'superviseur';
}

/** Open and not waiting for the applicant, past the deadline: the « En retard » queue's rule. */
const OVERDUE = "a.status <> 'info_requested' AND a.due_date < @today";

/** Each query's SQL, given the procedure filter's condition or ''. Exported for the plan tests. */
export const DASHBOARD_SQL = {
  /** Cases received per day, from the daily tallies (migration 029). */
  intake: (filter: string) => `
    SELECT a.day, sum(a.n) AS n FROM dashboard_intake a
    WHERE a.office_code = @officeCode AND a.day >= @from AND a.day <= @to ${filter}
    GROUP BY a.day`,
  /** Decisions grouped by what the figures need: day, submission day, on time, who (tallies). */
  decisions: (filter: string) => `
    SELECT a.decided_on AS decidedOn, a.submitted_on AS submittedOn, a.on_time AS onTime,
      nullif(a.decided_by, '') AS decidedBy, sum(a.n) AS n
    FROM dashboard_decisions a
    WHERE a.office_code = @officeCode AND a.decided_on >= @from AND a.decided_on <= @to ${filter}
    GROUP BY 1, 2, 3, 4`,
  /** Today's open cases, from their tally (migration 029), grouped for every backlog view. */
  openBacklog: (filter: string) => `
    SELECT a.procedure_code AS procedureCode, nullif(a.assignee_id, '') AS assigneeId,
      a.submitted_on AS submittedOn, a.paused = 0 AND a.due_date < @today AS overdue,
      sum(a.n) AS n
    FROM dashboard_open a WHERE a.office_code = @officeCode ${filter}
    GROUP BY 1, 2, 3, 4`,
  overdue: (filter: string) => `
    SELECT a.id, a.reference, a.procedure_code AS procedureCode,
      a.applicant_name AS applicantName, a.company_name AS companyName,
      u.display_name AS assigneeName, a.due_date AS dueDate
    FROM applications a LEFT JOIN users u ON u.id = a.assignee_id
    WHERE a.office_code = @officeCode AND a.is_open = 1 AND ${OVERDUE} ${filter}
    ORDER BY a.due_date, a.reference LIMIT @limit`,
} as const;

export const PROCEDURE_FILTER =
  'AND a.procedure_code IN (SELECT value FROM json_each(@procedureCodes))';

/**
 * The dashboard's queries. Each is prepared twice, with and without the procedure filter, so
 * the planner sees a plain office/day range when there is no filter. Intake and decisions read
 * the daily tallies (a few rows per day); the backlog and the overdue list read open cases only.
 */
export function createDashboardQueries(db: Database.Database) {
  const variants = (sql: (procedureFilter: string) => string) => {
    const plain = db.prepare(sql(''));
    const filtered = db.prepare(sql(PROCEDURE_FILTER));
    return <Row>(scope: DashboardScope, extra: Record<string, unknown> = {}): Row[] => {
      const { procedureCodes, ...params } = scope;
      return (
        procedureCodes
          ? filtered.all({ ...params, ...extra, procedureCodes: JSON.stringify(procedureCodes) })
          : plain.all({ ...params, ...extra })
      ) as Row[];
    };
  };

  const intake = variants(DASHBOARD_SQL.intake);
  const decisions = variants(DASHBOARD_SQL.decisions);
  const openBacklog = variants(DASHBOARD_SQL.openBacklog);
  const overdue = variants(DASHBOARD_SQL.overdue);
  const staff = db.prepare<[string], StaffRow>(`
    SELECT id AS userId, display_name AS displayName, role FROM users
    WHERE office_code = ? AND active = 1 AND role IN ('agent', 'superviseur')
    ORDER BY display_name COLLATE NOCASE, id`);

  return {
    intake: (scope: DashboardScope) => intake<{ day: string; n: number }>(scope),
    decisions: (scope: DashboardScope) => decisions<DecisionRow>(scope),
    openBacklog: (scope: DashboardScope) => openBacklog<OpenBacklogRow>(scope),
    overdue: (scope: DashboardScope, limit: number) => overdue<OverdueRow>(scope, { limit }),
    staff: (officeCode: string) => staff.all(officeCode),
  };
}
export type DashboardQueries = ReturnType<typeof createDashboardQueries>;
