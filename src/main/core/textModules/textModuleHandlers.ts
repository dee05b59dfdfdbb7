import type { Handlers } from '../api/dispatcher';
import { requireUser } from '../inbox/inboxHandlers';
import type { TextModules } from './textModuleStore';

/** The API of text modules (contract/textModules.ts); the dispatcher has checked the role. */
export function createTextModuleHandlers(
  textModules: TextModules,
): Pick<
  Handlers,
  'textModules.list' | 'textModules.create' | 'textModules.update' | 'textModules.retire'
> {
  return {
    'textModules.list': ({ includeRetired }, context) =>
      textModules.list(requireUser(context.user), includeRetired),
    'textModules.create': (draft, context) => textModules.create(draft, requireUser(context.user)),
    'textModules.update': ({ id, ...draft }, context) =>
      textModules.update(id, draft, requireUser(context.user)),
    'textModules.retire': ({ id }, context) => textModules.retire(id, requireUser(context.user)),
  };
}
