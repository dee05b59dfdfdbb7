import { QUEUE_IDS, type QueueId } from '../../../shared/api/types';

export type Route = { view: 'inbox'; queue: QueueId } | { view: 'case'; id: string };

export const DEFAULT_QUEUE: QueueId = 'mine';

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [view, param] = parts;
  if (view === 'cases' && param) return { view: 'case', id: decodeURIComponent(param) };
  if (view === 'inbox' && QUEUE_IDS.includes(param as QueueId)) {
    return { view: 'inbox', queue: param as QueueId };
  }
  return { view: 'inbox', queue: DEFAULT_QUEUE };
}

export function hrefOf(route: Route): string {
  return route.view === 'case'
    ? `#/cases/${encodeURIComponent(route.id)}`
    : `#/inbox/${route.queue}`;
}
