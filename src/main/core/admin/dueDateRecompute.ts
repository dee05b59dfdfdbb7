import type Database from 'better-sqlite3';
import { isoDateOf, type WorkingCalendar } from '../../../shared/calendar/workingDays';
import type { Catalog } from '../catalog/loadCatalog';

interface OpenCase {
  id: string;
  procedure_code: string;
  submitted_at: string;
  sla_paused_days: number;
  due_date: string;
}

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Re-derives the stored deadline of open cases after the holiday calendar changed, with the
 * formula of ingest and of the SLA pauses: submission day + the procedure's SLA + the working
 * days already spent waiting for the applicant, all counted on the new calendar. Only cases whose
 * deadline window (submission day, deadline] can contain a changed date are read: the others
 * cannot move. Cases waiting for the applicant are included: their stored deadline is what the
 * applicant's reply extends, so it must follow the new calendar too. Call inside the transaction
 * that saves the calendar; returns the ids whose deadline moved.
 */
export function createDueDateRecompute(db: Database.Database, catalog: Catalog) {
  const candidates = db.prepare<{ earliest: string; beforeDay: string }, OpenCase>(
    `SELECT id, procedure_code, submitted_at, sla_paused_days, due_date
       FROM applications
      WHERE is_open = 1 AND due_date >= @earliest AND submitted_at < @beforeDay`,
  );
  const setDueDate = db.prepare<[string, string]>(
    'UPDATE applications SET due_date = ? WHERE id = ?',
  );

  return (changedDates: readonly string[], calendar: WorkingCalendar): string[] => {
    if (changedDates.length === 0) return [];
    const sorted = [...changedDates].sort();
    const earliest = sorted[0]!;
    // submitted_at is an instant; a day's margin covers any offset, the exact test is below.
    const beforeDay = nextDay(sorted[sorted.length - 1]!);
    const moved: string[] = [];
    // Thousands of cases share a submission day and an SLA: count each pair's days once.
    const dueDates = new Map<string, string>();
    // Read all first: better-sqlite3 refuses writes while a statement is still iterating.
    for (const row of candidates.all({ earliest, beforeDay })) {
      const days = (catalog.get(row.procedure_code)?.slaWorkingDays ?? 0) + row.sla_paused_days;
      const submittedOn = isoDateOf(new Date(row.submitted_at));
      const key = `${submittedOn}+${days}`;
      let dueDate = dueDates.get(key);
      if (dueDate === undefined) {
        dueDate = calendar.addWorkingDays(submittedOn, days);
        dueDates.set(key, dueDate);
      }
      if (dueDate === row.due_date) continue;
      setDueDate.run(dueDate, row.id);
      moved.push(row.id);
    }
    return moved;
  };
}
