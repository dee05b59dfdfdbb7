import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { Clock } from '../clock';
import type { InboxQueries } from './inboxQueries';
import type { CurrentUser } from '../../../shared/api/types';

export function requireUser(user: CurrentUser | null): CurrentUser {
  if (!user) throw new DomainError('unauthenticated', 'Votre session a expiré. Reconnectez-vous.');
  return user;
}

export function createInboxHandlers(
  inbox: InboxQueries,
  clock: Clock,
): Pick<Handlers, 'inbox.counts' | 'inbox.list' | 'inbox.total' | 'inbox.filterOptions'> {
  const scope = (user: CurrentUser | null) =>
    inbox.scopeFor(requireUser(user), isoDateOf(clock.now()));
  return {
    'inbox.counts': (_input, { user }) => inbox.counts(scope(user)),
    'inbox.list': (input, { user }) => inbox.list(input, scope(user)),
    'inbox.total': (input, { user }) => inbox.total(input, scope(user)),
    'inbox.filterOptions': (_input, { user }) => inbox.filterOptions(requireUser(user).officeCode),
  };
}
