import { ApiCallError, createApiClient, type ApiClient } from '../../../shared/api/client';
import { createHttpTransport } from './httpTransport';
import { createIpcTransport } from './ipcTransport';

const client = createApiClient(
  window.bureau ? createIpcTransport(window.bureau) : createHttpTransport(),
);
const sessionListeners = new Set<() => void>();
const underWay = new Set<Promise<unknown>>();

/**
 * Called when a call is refused because the session locked (idle time elsewhere) or ended
 * (account deactivated): the session store then fetches the state and shows the right screen.
 */
export function onSessionInterrupted(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * Resolves once every call under way has answered (whatever the answer). Signing out waits for
 * it, so no call started by the previous user's screens reaches the core after the session ends.
 */
export async function callsSettled(): Promise<void> {
  while (underWay.size > 0) await Promise.allSettled([...underWay]);
}

/** One typed client for the whole renderer; the transport depends on the host we run in. */
export const api: ApiClient = {
  on: client.on,
  async call(method, input) {
    const call = client.call(method, input);
    underWay.add(call);
    try {
      return await call;
    } catch (error) {
      const interrupted =
        error instanceof ApiCallError &&
        (error.code === 'locked' || error.code === 'unauthenticated') &&
        !method.startsWith('session.');
      if (interrupted) for (const listener of sessionListeners) listener();
      throw error;
    } finally {
      underWay.delete(call);
    }
  },
};
