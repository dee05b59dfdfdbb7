import { sayRefusal } from '../../../shared/api/refusals';
import { skippedBecause } from './assignmentRules';
import type {
  BalancePlan,
  BalancePlanItem,
  SkippedCase,
} from '../../../shared/api/assignmentTypes';
import type { CaseStatus } from '../../../shared/domain/caseStatus';

/**
 * Automatic balancing, as a pure function: the oldest deadline goes first, each case to the
 * eligible clerk carrying the least open load (ties: fewest overdue cases, then name). Loads grow
 * as the plan hands out cases, so the result is even however uneven the start was.
 */

export interface PlannerCase {
  id: string;
  reference: string;
  procedureCode: string;
  applicantName: string;
  dueDate: string;
  assigneeId: string | null;
  status: CaseStatus;
}

export interface PlannerClerk {
  userId: string;
  displayName: string;
  /** `null`: handles every procedure. */
  procedureCodes: readonly string[] | null;
  openCases: number;
  overdue: number;
}

export interface PlanInput {
  cases: readonly PlannerCase[];
  clerks: readonly PlannerClerk[];
  /** ISO day: a case due before it (not waiting for the applicant) is overdue. */
  today: string;
  /** Whether the source held more cases than were given here. */
  truncated?: boolean;
}

interface Working {
  clerk: PlannerClerk;
  handles: ReadonlySet<string> | null;
  load: number;
  overdue: number;
}

/**
 * The staff directory's rule for the clerks' starting overdue counts (a case waiting for the
 * applicant is not late), so that moving a case never takes away what was never counted.
 */
const countsAsOverdue = (item: PlannerCase, today: string): boolean =>
  item.status !== 'info_requested' && item.dueDate < today;

const byDeadline = (a: PlannerCase, b: PlannerCase): number =>
  a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const nameOrder = new Intl.Collator('fr', { sensitivity: 'base' });

function lighter(a: Working, b: Working): boolean {
  if (a.load !== b.load) return a.load < b.load;
  if (a.overdue !== b.overdue) return a.overdue < b.overdue;
  const byName = nameOrder.compare(a.clerk.displayName, b.clerk.displayName);
  if (byName !== 0) return byName < 0;
  return a.clerk.userId < b.clerk.userId;
}

export function planBalance(input: PlanInput): BalancePlan {
  const working: Working[] = input.clerks.map((clerk) => ({
    clerk,
    handles: clerk.procedureCodes ? new Set(clerk.procedureCodes) : null,
    load: clerk.openCases,
    overdue: clerk.overdue,
  }));
  const byId = new Map(working.map((entry) => [entry.clerk.userId, entry]));
  const cases = [...input.cases].sort(byDeadline);

  // A case being redistributed no longer weighs on the chosen clerk who holds it now.
  for (const item of cases) {
    const holder = item.assigneeId ? byId.get(item.assigneeId) : undefined;
    if (!holder) continue;
    holder.load -= 1;
    if (countsAsOverdue(item, input.today)) holder.overdue -= 1;
  }

  const items: BalancePlanItem[] = [];
  const unassignable: SkippedCase[] = [];
  for (const item of cases) {
    let best: Working | null = null;
    for (const entry of working) {
      if (entry.handles && !entry.handles.has(item.procedureCode)) continue;
      if (!best || lighter(entry, best)) best = entry;
    }
    if (!best) {
      unassignable.push({
        caseId: item.id,
        reference: item.reference,
        ...skippedBecause(sayRefusal('noChosenClerkHandles', { procedure: item.procedureCode })),
      });
      continue;
    }
    best.load += 1;
    if (countsAsOverdue(item, input.today)) best.overdue += 1;
    // Handing a case back to the clerk who holds it changes nothing: not part of the plan.
    if (best.clerk.userId === item.assigneeId) continue;
    items.push({
      caseId: item.id,
      reference: item.reference,
      procedureCode: item.procedureCode,
      applicantName: item.applicantName,
      dueDate: item.dueDate,
      fromAssigneeId: item.assigneeId,
      assigneeId: best.clerk.userId,
    });
  }

  return {
    items,
    unassignable,
    loads: working.map((entry) => ({
      userId: entry.clerk.userId,
      displayName: entry.clerk.displayName,
      before: entry.clerk.openCases,
      after: entry.load,
    })),
    truncated: input.truncated ?? false,
  };
}
