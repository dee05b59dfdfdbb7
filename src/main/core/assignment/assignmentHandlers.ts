import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { BalancePlan } from '../../../shared/api/assignmentTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { Handlers } from '../api/dispatcher';
import { refusal } from '../api/domainError';
import type { CoreServices } from '../coreServices';
import { requireUser } from '../inbox/inboxHandlers';
import { createBalanceSource } from './balanceSource';
import { planBalance } from './balancePlanner';
import { createCaseAssigner, type AssignmentResult } from './caseAssigner';
import { createNotificationInbox } from './notificationInbox';
import { createStaffDirectory } from './staffDirectory';

type AssignmentHandlerNames =
  | 'assignment.staff'
  | 'assignment.assign'
  | 'assignment.previewBalance'
  | 'assignment.applyBalance'
  | 'notifications.list'
  | 'notifications.markRead';

/** Supervisors assign their office's cases by hand or by a previewed plan; clerks are notified. */
export function createAssignmentHandlers(
  services: CoreServices,
): Pick<Handlers, AssignmentHandlerNames> {
  const { db, clock, events } = services;
  const staff = createStaffDirectory(db);
  const notifications = createNotificationInbox(db);
  const source = createBalanceSource(db);
  const anyUserName = db.prepare<[string], { display_name: string }>(
    'SELECT display_name FROM users WHERE id = ?',
  );
  const assigner = createCaseAssigner({
    db,
    writer: services.writer,
    clock,
    staff,
    notifications,
    displayNameOf: (userId) => anyUserName.get(userId)?.display_name ?? null,
  });

  function loadsFor(user: CurrentUser) {
    const today = isoDateOf(clock.now());
    const { dueSoonUntil } = services.inbox.scopeFor(user, today);
    return { today, staff: staff.withLoads(user.officeCode, today, dueSoonUntil) };
  }

  /** After the commit: lists and counts refresh, the outbox pushes, the bells ring. */
  function announce(result: AssignmentResult): AssignmentResult {
    const [first, ...rest] = result.changedIds;
    if (first !== undefined) {
      // One event for the batch (not one per case); caseChanged also wakes the outbox push.
      if (rest.length > 0) events.emit('cases.changed', { ids: rest });
      services.caseChanged(first);
    }
    if (result.notifiedUserIds.length > 0) {
      events.emit('notifications.changed', { userIds: result.notifiedUserIds });
    }
    return result;
  }

  const outcome = ({ assigned, skipped }: AssignmentResult) => ({ assigned, skipped });

  return {
    'assignment.staff': (_input, { user }) => loadsFor(requireUser(user)).staff,

    'assignment.assign': async ({ caseIds, assigneeId }, { user }) => {
      const supervisor = requireUser(user);
      assigner.requireMember(assigneeId, supervisor.officeCode);
      const requests = caseIds.map((caseId) => ({ caseId, assigneeId }));
      return outcome(announce(await assigner.assign(requests, supervisor)));
    },

    'assignment.previewBalance': ({ source: wanted, clerkIds }, { user }): BalancePlan => {
      const supervisor = requireUser(user);
      const { today, staff: office } = loadsFor(supervisor);
      const byId = new Map(office.map((member) => [member.userId, member]));
      const excluded = wanted.kind === 'assignee' ? wanted.userId : null;
      const clerks = [...new Set(clerkIds)]
        .filter((id) => id !== excluded)
        .map((id) => {
          const member = byId.get(id);
          if (!member) {
            throw refusal('invalid_input', 'staffListStale', { user: id });
          }
          return member;
        });
      if (clerks.length === 0) {
        throw refusal('invalid_input', 'noOtherAssignee', {});
      }
      const loaded = source.load(wanted, supervisor.officeCode);
      const plan = planBalance({
        cases: loaded.cases,
        clerks,
        today,
        truncated: loaded.truncated,
      });
      return { ...plan, unassignable: [...loaded.refused, ...plan.unassignable] };
    },

    'assignment.applyBalance': async ({ items }, { user }) => {
      const supervisor = requireUser(user);
      return outcome(announce(await assigner.assign(items, supervisor)));
    },

    'notifications.list': (_input, { user }) => notifications.list(requireUser(user).id),

    'notifications.markRead': ({ ids }, { user }) => {
      const reader = requireUser(user);
      if (notifications.markRead(reader.id, ids, clock.now().toISOString()) > 0) {
        events.emit('notifications.changed', { userIds: [reader.id] });
      }
    },
  };
}
