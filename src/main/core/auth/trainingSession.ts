import type { CurrentUser } from '../../../shared/api/types';
import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import { TRAINING_USERS } from './trainingUsers';
import type { UsersRepository } from './usersRepository';

/**
 * Until sign-in exists (issue 7), the desktop session acts as one user. In training mode that user
 * can be switched among the seeded staff, so one person can try the clerk's, the second clerk's
 * and the supervisor's work; outside training mode switching is refused.
 */
export function createTrainingSession(deps: {
  users: UsersRepository;
  audit: AuditLog;
  clock: Clock;
  trainingMode: boolean;
}) {
  let currentId: string | null = null;
  const current = (): CurrentUser | null =>
    (currentId ? deps.users.get(currentId) : null) ?? deps.users.firstWithRole('agent');

  const handlers: Pick<
    Handlers,
    'session.current' | 'session.trainingUsers' | 'session.switchUser'
  > = {
    'session.current': () => current(),
    'session.trainingUsers': () =>
      deps.trainingMode
        ? TRAINING_USERS.map((user) => deps.users.get(user.id)).filter(
            (user): user is CurrentUser => user !== null,
          )
        : [],
    'session.switchUser': ({ userId }) => {
      if (!deps.trainingMode) {
        throw new DomainError(
          'forbidden',
          "Changer d'utilisateur n'est possible qu'en mode formation. Connectez-vous avec votre propre compte.",
        );
      }
      const isTrainingUser = TRAINING_USERS.some((user) => user.id === userId);
      const user = isTrainingUser ? deps.users.get(userId) : null;
      if (!user) {
        throw new DomainError('not_found', "Cet utilisateur de formation n'existe pas.");
      }
      const previous = current();
      currentId = user.id;
      deps.audit.append({
        at: deps.clock.now().toISOString(),
        actorId: user.id,
        officeCode: user.officeCode,
        action: 'session.training_switch',
        entityType: 'user',
        entityId: user.id,
        summary: { from: previous?.id ?? null },
      });
      return user;
    },
  };
  return { current, handlers };
}
