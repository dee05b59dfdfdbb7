import type { Handlers } from '../api/dispatcher';
import { requireUser } from '../inbox/inboxHandlers';
import type { SyncWorklist } from './syncWorklist';

type SyncWorkHandlerNames = 'sync.worklist' | 'sync.worklistCount' | 'sync.outbox';

/** « À régulariser » and the outbox view: the caller's office only, like the office's queues. */
export function createSyncWorkHandlers(
  worklist: SyncWorklist,
): Pick<Handlers, SyncWorkHandlerNames> {
  return {
    'sync.worklist': ({ limit }, { user }) => worklist.list(requireUser(user).officeCode, limit),
    'sync.worklistCount': (_input, { user }) => worklist.count(requireUser(user).officeCode),
    'sync.outbox': ({ filter, cursor, limit }, { user }) =>
      worklist.outbox(requireUser(user).officeCode, filter, cursor, limit),
  };
}
