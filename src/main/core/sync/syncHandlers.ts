import type { Handlers } from '../api/dispatcher';
import type { Quarantine } from './quarantine';
import type { SyncService } from './syncService';

type SyncHandlerNames = 'sync.status' | 'sync.now' | 'sync.quarantine';

export function createSyncHandlers(deps: {
  sync: SyncService;
  quarantine: Quarantine;
}): Pick<Handlers, SyncHandlerNames> {
  const { sync } = deps;
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.syncNow(),
    'sync.quarantine': ({ cursor, limit }) => deps.quarantine.list(cursor, limit),
  };
}
