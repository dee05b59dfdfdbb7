import type { RecoveryReason } from './backupTypes';
import type { SyncStatus } from './types';

/** Events pushed from the main side to the renderer, over IPC or Server-Sent Events. */
export interface ApiEvents {
  'sync.progress': SyncStatus;
  /**
   * These cases changed (a local action, a pull, an assignment). Also what refreshes the queue
   * counts: they depend on who asks (« Mes dossiers », their office), so each window reads its own.
   */
  'cases.changed': { ids: string[] };
  /**
   * These cases' attachments finished downloading (or gave up): what a case shows of them
   * changed, nothing else did. Sent at most about once a second while documents download.
   */
  'documents.changed': { caseIds: string[] };
  /** These users' notifications changed (a case assigned to them, read elsewhere). */
  'notifications.changed': { userIds: string[] };
  /**
   * The check of the running cache found it damaged: Bureau restarts in recovery mode, and the
   * windows reload onto the recovery screen.
   */
  'recovery.required': { reason: RecoveryReason };
  /** Electron only: a menu item the renderer carries out (À propos, shortcuts help, zoom). */
  'desktop.command': { command: DesktopCommand };
}
export type DesktopCommand = 'about' | 'shortcuts' | 'zoom.in' | 'zoom.out' | 'zoom.reset';
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = [
  'sync.progress',
  'cases.changed',
  'documents.changed',
  'notifications.changed',
  'recovery.required',
  'desktop.command',
];

export interface ApiEventMessage<E extends EventName = EventName> {
  event: E;
  payload: ApiEvents[E];
}
