import { isoDateOf, type IsoDate, type WorkingCalendar } from '../calendar/workingDays';

/**
 * A case's deadline, the one formula for ingest, the applicant's reply and a holiday change: the
 * submission day + the procedure's SLA + the working days spent waiting for the applicant, all
 * counted on `calendar`. It always falls on a working day (and a holiday change recomputes it).
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

/** « Échéance proche »: due today or within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

export type DeadlineStandingState = 'on_time' | 'due_soon' | 'overdue';

export interface DeadlineStanding {
  state: DeadlineStandingState;
  /** Working days left: 0 when due today, negative when late (-1: late by 1 working day). */
  workingDaysLeft: number;
}

/**
 * Where an open case stands against its deadline on `today`, whatever day today is (a weekend,
 * a holiday): the one rule behind the badge, the queues and the dashboard.
 *
 * - A deadline is the end of its day: from the next calendar day on — a Saturday for a Friday
 *   deadline — the case is late (the queues' `due_date < today`).
 * - Late by the working days begun since the deadline, at least 1: on Saturday, Sunday or Monday
 *   a case due Friday is late by 1 working day, on Tuesday by 2. Never « Aujourd’hui », never 0.
 * - Due today (0, « Aujourd’hui »): only on the due day itself, a working day since deadlines
 *   fall on working days (`dueDateOf`).
 * - Otherwise the working days left until the deadline (from a Sunday, a Monday deadline is 1
 *   away), « Échéance proche » up to DUE_SOON_WORKING_DAYS.
 *
 * `calendar` needs only `workingDaysBetween`, so the dashboard can pass its precomputed counter.
 */
export function deadlineStanding(
  calendar: Pick<WorkingCalendar, 'workingDaysBetween'>,
  today: IsoDate,
  due: IsoDate,
): DeadlineStanding {
  if (due < today) {
    const late = Math.max(1, calendar.workingDaysBetween(due, today));
    return { state: 'overdue', workingDaysLeft: -late };
  }
  const left = calendar.workingDaysBetween(today, due);
  return { state: left <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'on_time', workingDaysLeft: left };
}

/**
 * The last day still counted as « Échéance proche » from `today`: the day before the working
 * day after the DUE_SOON_WORKING_DAYS next ones, so that a weekend or holiday right after them
 * counts too — the SQL bound of the queues, agreeing with `deadlineStanding`.
 */
export function dueSoonUntil(calendar: WorkingCalendar, today: IsoDate): IsoDate {
  const after = calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1);
  return new Date(Date.parse(`${after}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
