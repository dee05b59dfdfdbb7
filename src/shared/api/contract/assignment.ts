import { z } from 'zod';
import type {
  AssignmentOutcome,
  BalancePlan,
  NotificationList,
  StaffLoad,
} from '../assignmentTypes';
import { method } from '../method';
import { noInput, staff, caseId, supervisors, userId, caseIdList } from './common';

/** Assignment and notifications: part of the one API contract (`../contract.ts`). */
export const assignmentMethods = {
  // — Assignment (issue 7): supervisors give cases to the clerks of their office —
  'assignment.staff': method<StaffLoad[]>()({ input: noInput, access: supervisors }),
  'assignment.assign': method<AssignmentOutcome>()({
    input: z.strictObject({ caseIds: caseIdList, assigneeId: userId }),
    access: supervisors,
  }),
  /** Nothing is written: the supervisor reviews the plan, then applies it. */
  'assignment.previewBalance': method<BalancePlan>()({
    input: z.strictObject({
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('unassigned') }),
        z.strictObject({ kind: z.literal('selection'), caseIds: caseIdList }),
        z.strictObject({ kind: z.literal('assignee'), userId }),
      ]),
      clerkIds: z.array(userId).min(1).max(50),
    }),
    access: supervisors,
  }),
  'assignment.applyBalance': method<AssignmentOutcome>()({
    input: z.strictObject({
      items: z
        .array(z.strictObject({ caseId, assigneeId: userId }))
        .min(1)
        .max(5000),
    }),
    access: supervisors,
  }),
  'notifications.list': method<NotificationList>()({ input: noInput, access: staff }),
  /** Marks the listed notifications read, or all of the user's when `ids` is absent. */
  'notifications.markRead': method<void>()({
    input: z.strictObject({ ids: z.array(z.int().positive()).max(500).optional() }),
    access: staff,
  }),
} as const;
