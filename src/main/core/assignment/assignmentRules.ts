import { sayRefusal, type SaidRefusal } from '../../../shared/api/refusals';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { Role } from '../../../shared/domain/roles';

/**
 * Who may be given which case, asked the same way when the plan is previewed and again when it
 * is applied (the state may have moved in between). Each refusal says what stands in the way and
 * what to do: in French, and as a key and parameters for the renderer.
 */

export interface AssignableCase {
  id: string;
  reference: string;
  procedure_code: string;
  office_code: string;
  status: CaseStatus;
  is_open: number;
  assignee_id: string | null;
  claimed_by: string | null;
  conflict_json: string | null;
  applicant_name: string;
  due_date: string;
}

export interface StaffMember {
  userId: string;
  displayName: string;
  role: Role;
  officeCode: string;
  /** `null`: handles every procedure. */
  procedureCodes: readonly string[] | null;
}

export const ASSIGNABLE_ROLES: readonly Role[] = ['agent', 'superviseur'];

export function handlesProcedure(member: StaffMember, procedureCode: string): boolean {
  return member.procedureCodes === null || member.procedureCodes.includes(procedureCode);
}

/** Names neither the case's office nor its reference: both belong to that office alone. */
export const OTHER_OFFICE = sayRefusal('assignOtherOffice', {});

/** The reference a skipped case may show: none for another office's case. */
export const visibleReference = (
  row: Pick<AssignableCase, 'reference' | 'office_code'> | undefined,
  officeCode: string,
): string | null => (row && row.office_code === officeCode ? row.reference : null);

/** Why the supervisor's office may not redistribute this case at all, or null. */
export function caseRefusal(row: AssignableCase, officeCode: string): SaidRefusal | null {
  if (row.office_code !== officeCode) return OTHER_OFFICE;
  if (row.is_open !== 1) return sayRefusal('assignClosed', { status: row.status });
  if (row.conflict_json !== null) return sayRefusal('assignInConflict', {});
  return null;
}

/** Why this case may not go to this member, or null when it may. */
export function assignmentRefusal(
  row: AssignableCase,
  member: StaffMember,
  officeCode: string,
): SaidRefusal | null {
  const refusal = caseRefusal(row, officeCode);
  if (refusal) return refusal;
  if (!handlesProcedure(member, row.procedure_code)) {
    return sayRefusal('assigneeLacksProcedure', {
      name: member.displayName,
      procedure: row.procedure_code,
    });
  }
  if (row.assignee_id === member.userId) {
    return sayRefusal('alreadyAssignedTo', { name: member.displayName });
  }
  return null;
}

export const NOT_IN_CACHE = sayRefusal('assignNotInCache', {});

export const notAssignableMember = (userId: string): SaidRefusal =>
  sayRefusal('notAssignableMember', { user: userId });

/** A skipped case's reason, both ways (the French `reason`, the renderer's `refusal`). */
export const skippedBecause = (said: Pick<SaidRefusal, 'message'> & Partial<SaidRefusal>) => ({
  reason: said.message,
  ...(said.reason ? { refusal: said.reason } : {}),
});
