import { QUEUE_IDS, type QueueId } from '../../../shared/api/types';

export const ADMIN_SECTIONS = [
  'users',
  'office',
  'desks',
  'holidays',
  'textModules',
  'audit',
  'backups',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export type Route =
  | { view: 'inbox'; queue: QueueId }
  | { view: 'case'; id: string }
  | { view: 'certificates' }
  | { view: 'verify' }
  | { view: 'dashboard' }
  | { view: 'worklist' }
  | { view: 'outbox' }
  | { view: 'admin'; section: AdminSection };

export const DEFAULT_QUEUE: QueueId = 'mine';

export function parseRoute(hash: string): Route {
  // The query part (`?…`) belongs to the view (the inbox's filters), not to the route.
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const [view, param] = parts;
  if (view === 'cases' && param) return { view: 'case', id: decodeURIComponent(param) };
  if (view === 'certificates') return { view: 'certificates' };
  if (view === 'verify') return { view: 'verify' };
  if (view === 'dashboard') return { view: 'dashboard' };
  if (view === 'worklist') return { view: 'worklist' };
  if (view === 'outbox') return { view: 'outbox' };
  if (view === 'admin') {
    const section = ADMIN_SECTIONS.includes(param as AdminSection)
      ? (param as AdminSection)
      : 'users';
    return { view: 'admin', section };
  }
  if (view === 'inbox' && QUEUE_IDS.includes(param as QueueId)) {
    return { view: 'inbox', queue: param as QueueId };
  }
  return { view: 'inbox', queue: DEFAULT_QUEUE };
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'certificates':
      return '#/certificates';
    case 'verify':
      return '#/verify';
    case 'dashboard':
      return '#/dashboard';
    case 'worklist':
      return '#/worklist';
    case 'outbox':
      return '#/outbox';
    case 'admin':
      return `#/admin/${route.section}`;
    case 'inbox':
      return `#/inbox/${route.queue}`;
  }
}
