import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventMessage } from '../shared/api/events';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/ipcChannels';

/**
 * The renderer's only door to the main process: one call and one event stream, no Node, no
 * ipcRenderer leak. Method names and inputs are validated again on the main side.
 */
contextBridge.exposeInMainWorld('bureau', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  on: (listener: (message: ApiEventMessage) => void) => {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
});
