import type { CallContext } from './dispatcher';

/**
 * Whether a session may receive core events (case ids, sync progress): only a signed-in, unlocked
 * one, as for non-public calls. Ask at each event, never once per stream: a session can lock or
 * sign out while its stream stays open.
 */
export const mayReceiveEvents = (context: CallContext): boolean =>
  context.user !== null && context.restriction !== 'locked';
