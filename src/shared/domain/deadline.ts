import { isoDateOf, type IsoDate, type WorkingCalendar } from '../calendar/workingDays';

/**
 * A case's deadline, the one formula for ingest, the applicant's reply and a holiday change: the
 * submission day + the procedure's SLA + the working days spent waiting for the applicant, all
 * counted on `calendar`.
 */
export function dueDateOf(
  calendar: WorkingCalendar,
  submittedAt: string,
  slaWorkingDays: number,
  pausedWorkingDays: number,
): IsoDate {
  return calendar.addWorkingDays(
    isoDateOf(new Date(submittedAt)),
    slaWorkingDays + pausedWorkingDays,
  );
}
