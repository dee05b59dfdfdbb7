import type { CaseDetail, CurrentUser } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { CaseActions } from '../cases/caseActions';
import type { Quarantine } from './quarantine';
import type { SyncService } from './syncService';

type SyncHandlerNames =
  'sync.status' | 'sync.now' | 'sync.quarantine' | 'notes.add' | 'cases.resolveConflict';

function userOf(context: CallContext): CurrentUser {
  // The dispatcher already refused anonymous calls to staff methods; this narrows the type.
  if (!context.user) throw new DomainError('unauthenticated', 'Session expirée.');
  return context.user;
}

export function createSyncHandlers(deps: {
  sync: SyncService;
  quarantine: Quarantine;
  caseActions: CaseActions;
  resolveConflict: (id: string, keep: 'portal' | 'local', user: CurrentUser) => void;
  getCase: (id: string, user: CurrentUser) => CaseDetail | Promise<CaseDetail>;
}): Pick<Handlers, SyncHandlerNames> {
  const { sync } = deps;
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.syncNow(),
    'sync.quarantine': ({ cursor, limit }) => deps.quarantine.list(cursor, limit),
    'notes.add': ({ applicationId, body }, context) => {
      const added = deps.caseActions.addNote(applicationId, body, userOf(context));
      sync.actionQueued();
      return added;
    },
    'cases.resolveConflict': ({ id, keep }, context) => {
      const user = userOf(context);
      deps.resolveConflict(id, keep, user);
      // A sync, not just a push: requeued actions go out, and when the conflict came from a
      // refusal before the portal's version was pulled, that version comes in now.
      void sync.syncNow();
      return deps.getCase(id, user);
    },
  };
}
