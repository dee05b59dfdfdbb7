import type Database from 'better-sqlite3';
import type { StaffLoad } from '../../../shared/api/assignmentTypes';
import type { Role } from '../../../shared/domain/roles';
import type { StaffMember } from './assignmentRules';

interface StaffRecord {
  id: string;
  display_name: string;
  role: Role;
  office_code: string;
  procedure_codes: string | null;
}

interface LoadRecord {
  open: number;
  overdue: number;
  due_soon: number;
}

function parseProcedures(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    // null is « every procedure »: only SQL NULL may mean it, never a value of another shape.
    return Array.isArray(parsed) ? parsed.filter((code) => typeof code === 'string') : [];
  } catch {
    // An unreadable list must not widen what someone handles: treat it as none.
    return [];
  }
}

/** The office's active case workers, who can be given cases, and the open load each one carries. */
export function createStaffDirectory(db: Database.Database) {
  const ofOffice = db.prepare<[string], StaffRecord>(`
    SELECT id, display_name, role, office_code, procedure_codes FROM users
    WHERE office_code = ? AND active = 1 AND role IN ('agent', 'superviseur')
    ORDER BY display_name COLLATE NOCASE, id`);
  // A range of applications_by_assignee (assignee_id, is_open, due_date): the clerk's open cases.
  // The SLA conditions match the inbox's « En retard » and « Échéance proche » (and the balance
  // planner's countsAsOverdue).
  const loadOf = db.prepare<{ userId: string; today: string; dueSoonUntil: string }, LoadRecord>(`
    SELECT count(*) AS open,
      coalesce(sum(status <> 'info_requested' AND due_date < @today), 0) AS overdue,
      coalesce(sum(status <> 'info_requested' AND due_date >= @today
        AND due_date <= @dueSoonUntil), 0) AS due_soon
    FROM applications WHERE assignee_id = @userId AND is_open = 1`);

  const toMember = (record: StaffRecord): StaffMember => ({
    userId: record.id,
    displayName: record.display_name,
    role: record.role,
    officeCode: record.office_code,
    procedureCodes: parseProcedures(record.procedure_codes),
  });

  return {
    members: (officeCode: string): StaffMember[] => ofOffice.all(officeCode).map(toMember),

    withLoads(officeCode: string, today: string, dueSoonUntil: string): StaffLoad[] {
      return ofOffice.all(officeCode).map((record) => {
        const member = toMember(record);
        const load = loadOf.get({ userId: member.userId, today, dueSoonUntil });
        return {
          userId: member.userId,
          displayName: member.displayName,
          role: member.role,
          procedureCodes: member.procedureCodes ? [...member.procedureCodes] : null,
          openCases: load?.open ?? 0,
          overdue: load?.overdue ?? 0,
          dueSoon: load?.due_soon ?? 0,
        };
      });
    },
  };
}
export type StaffDirectory = ReturnType<typeof createStaffDirectory>;
