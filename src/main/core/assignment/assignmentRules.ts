import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { Role } from '../../../shared/domain/roles';

/**
 * Who may be given which case, asked the same way when the plan is previewed and again when it
 * is applied (the state may have moved in between). Each refusal is a French sentence that says
 * what stands in the way and what to do.
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

const STATUS_LABEL: Record<CaseStatus, string> = {
  submitted: 'reçu',
  in_review: 'en instruction',
  info_requested: 'en attente du demandeur',
  pending_signoff: 'en attente de validation',
  approved: 'approuvé',
  issued: 'certificat délivré',
  rejected: 'rejeté',
  withdrawn: 'retiré',
};

export const ASSIGNABLE_ROLES: readonly Role[] = ['agent', 'superviseur'];

export function handlesProcedure(member: StaffMember, procedureCode: string): boolean {
  return member.procedureCodes === null || member.procedureCodes.includes(procedureCode);
}

/** Names neither the case's office nor its reference: both belong to that office alone. */
export const OTHER_OFFICE =
  'Ce dossier ne relève pas de votre bureau : seul un superviseur de son bureau peut l’affecter.';

/** The reference a skipped case may show: none for another office's case. */
export const visibleReference = (
  row: Pick<AssignableCase, 'reference' | 'office_code'> | undefined,
  officeCode: string,
): string | null => (row && row.office_code === officeCode ? row.reference : null);

/** Why the supervisor's office may not redistribute this case at all, or null. */
export function caseRefusal(row: AssignableCase, officeCode: string): string | null {
  if (row.office_code !== officeCode) return OTHER_OFFICE;
  if (row.is_open !== 1) {
    return `Dossier clos (${STATUS_LABEL[row.status]}) : il ne peut plus être affecté.`;
  }
  if (row.conflict_json !== null) {
    return 'Dossier en conflit avec le portail : résolvez le conflit avant de l’affecter.';
  }
  return null;
}

/** Why this case may not go to this member, or null when it may. */
export function assignmentRefusal(
  row: AssignableCase,
  member: StaffMember,
  officeCode: string,
): string | null {
  const refusal = caseRefusal(row, officeCode);
  if (refusal) return refusal;
  if (!handlesProcedure(member, row.procedure_code)) {
    return `${member.displayName} ne traite pas la procédure ${row.procedure_code} : choisissez un agent qui la traite.`;
  }
  if (row.assignee_id === member.userId) {
    return `Déjà affecté à ${member.displayName} : rien à changer.`;
  }
  return null;
}

export const NOT_IN_CACHE =
  'Dossier introuvable dans le cache local : synchronisez, puis réessayez.';

export const notAssignableMember = (userId: string): string =>
  `« ${userId} » n’est pas un agent actif de votre bureau : choisissez un agent dans la liste.`;
