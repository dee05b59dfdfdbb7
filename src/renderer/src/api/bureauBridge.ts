import type { ApiEventMessage } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';

/** What the Electron preload exposes on `window.bureau` (see src/preload/index.ts). */
export interface BureauBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (message: ApiEventMessage) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron shell; absent in the browser host. */
    bureau?: BureauBridge;
  }
}
