import type { QueueCounts, SyncStatus } from './types';

/** Events pushed from the main side to the renderer, over IPC or Server-Sent Events. */
export interface ApiEvents {
  'sync.progress': SyncStatus;
  'cases.changed': { ids: string[] };
  'inbox.counts': QueueCounts;
  /** These users' notifications changed (a case assigned to them, read elsewhere). */
  'notifications.changed': { userIds: string[] };
  /** Electron only: a menu item the renderer carries out (À propos, shortcuts help, zoom). */
  'desktop.command': { command: DesktopCommand };
}
export type DesktopCommand = 'about' | 'shortcuts' | 'zoom.in' | 'zoom.out' | 'zoom.reset';
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = [
  'sync.progress',
  'cases.changed',
  'inbox.counts',
  'notifications.changed',
  'desktop.command',
];

export interface ApiEventMessage<E extends EventName = EventName> {
  event: E;
  payload: ApiEvents[E];
}
