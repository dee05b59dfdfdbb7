/** The supervisor's dashboard over a period (inclusive days, office of the supervisor). */
export interface DashboardData {
  period: { from: string; to: string };
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
  clerks: {
    userId: string;
    displayName: string;
    decided: number;
    open: number;
    overdue: number;
  }[];
  /** The most overdue open cases, worst first (at most 100). */
  overdue: {
    id: string;
    reference: string;
    procedureCode: string;
    applicantName: string;
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
