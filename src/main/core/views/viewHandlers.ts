import type { Handlers } from '../api/dispatcher';
import type { Clock } from '../clock';
import { requireUser } from '../inbox/inboxHandlers';
import type { SavedViews } from './savedViews';

export function createViewHandlers(
  views: SavedViews,
  clock: Clock,
): Pick<Handlers, 'views.list' | 'views.save' | 'views.delete'> {
  return {
    'views.list': (_input, { user }) => views.list(requireUser(user).id),
    'views.save': ({ name, query }, { user }) =>
      views.save(requireUser(user).id, name, query, clock.now().toISOString()),
    'views.delete': ({ id }, { user }) => views.delete(requireUser(user).id, id),
  };
}
