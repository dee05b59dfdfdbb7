import type { QueueCounts, SyncStatus } from './types';

/** Events pushed from the main side to the renderer, over IPC or Server-Sent Events. */
export interface ApiEvents {
  'sync.progress': SyncStatus;
  'cases.changed': { ids: string[] };
  'inbox.counts': QueueCounts;
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = ['sync.progress', 'cases.changed', 'inbox.counts'];

export interface ApiEventMessage<E extends EventName = EventName> {
  event: E;
  payload: ApiEvents[E];
}
