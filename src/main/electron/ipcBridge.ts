import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/api/result';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api/ipcChannels';
import type { CallContext, ContextOptions, Dispatch } from '../core/api/dispatcher';
import { mayReceiveEvents } from '../core/api/eventAudience';
import type { EventBus } from '../core/eventBus';
import { isAppUrl } from './appUrl';

/**
 * Wires the contract's dispatcher to IPC. Only the main frame of our own window, showing our own
 * page, may call; anything else gets a typed refusal.
 */
export function bridgeIpc(options: {
  window: BrowserWindow;
  rendererIndexUrl: string;
  dispatch: Dispatch;
  events: EventBus;
  /** One session per window's contents: signing in in one window never signs in another. */
  context: (sessionKey: string, options?: ContextOptions) => CallContext;
}): () => void {
  const { window } = options;
  const isTrustedSender = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === window.webContents.mainFrame &&
    isAppUrl(event.senderFrame.url, options.rendererIndexUrl);

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return fail('forbidden', 'Appel refusé : expéditeur inconnu.');
    if (typeof method !== 'string') return fail('unknown_method', 'Opération inconnue.');
    return options.dispatch(method, input, options.context(`ipc:${event.sender.id}`));
  });
  const unsubscribe = options.events.subscribe((message) => {
    if (window.isDestroyed()) return;
    if (!mayReceiveEvents(options.context(`ipc:${window.webContents.id}`, { touch: false })))
      return;
    window.webContents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
