/** The supervisor's dashboard over a period (inclusive days, office of the supervisor). */
export interface DashboardData {
  period: { from: string; to: string };
  /** The day the backlog, ages and lateness are counted at (today, on the core's clock). */
  asOf: string;
  totals: {
    /** Submitted in the period. */
    received: number;
    /** Decided (approved or rejected) in the period. */
    decided: number;
    /** Open today. */
    open: number;
    /** Open today, SLA clock running, past the deadline. */
    overdue: number;
  };
  /** One row per calendar day of the period. */
  daily: { day: string; received: number; decided: number }[];
  backlogByProcedure: {
    procedureCode: string;
    shortTitle: string;
    open: number;
    overdue: number;
  }[];
  /** Open cases by working days since submission. */
  backlogByAge: { bucket: string; label: string; open: number }[];
  sla: {
    /** Decisions taken in the period. */
    decided: number;
    /** Of which on or before their deadline. */
    onTime: number;
    /** `null` when nothing was decided. */
    compliancePercent: number | null;
  };
  /** Working days from submission to decision, decisions of the period; `null` when none. */
  medianProcessingDays: number | null;
  /** Active agents and supervisors of the office, by name. */
  clerks: {
    userId: string;
    displayName: string;
    role: 'agent' | 'superviseur';
    decided: number;
    open: number;
    overdue: number;
  }[];
  /** The most overdue open cases, worst first (at most 100; `totals.overdue` counts them all). */
  overdue: {
    id: string;
    reference: string;
    procedureCode: string;
    applicantName: string;
    companyName: string | null;
    assigneeName: string | null;
    dueDate: string;
    workingDaysLate: number;
  }[];
}

export const DASHBOARD_TABLES = [
  'daily',
  'backlogByProcedure',
  'backlogByAge',
  'clerks',
  'overdue',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}
