import type { ApiTransport } from '../../../shared/api/client';
import type { BureauBridge } from './bureauBridge';
import { unreachable } from './transportFailure';

/** The Electron shell's transport: the preload bridge, with a rejected call turned into a Result. */
export function createIpcTransport(bridge: BureauBridge): ApiTransport {
  return {
    async invoke(method, input) {
      try {
        return await bridge.invoke(method, input);
      } catch {
        return unreachable();
      }
    },
    subscribe(listener) {
      return bridge.on(listener);
    },
  };
}
