import { createApiClient, type ApiClient } from '../../../shared/api/client';
import { createHttpTransport } from './httpTransport';
import { createIpcTransport } from './ipcTransport';

/** One typed client for the whole renderer; the transport depends on the host we run in. */
export const api: ApiClient = createApiClient(
  window.bureau ? createIpcTransport(window.bureau) : createHttpTransport(),
);
