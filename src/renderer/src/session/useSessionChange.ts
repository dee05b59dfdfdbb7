import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { SessionState } from '../../../shared/api/sessionTypes';
import { api } from '../api/api';
import { methodKey } from '../api/queries';
import { useSessionStore } from '../stores/sessionStore';

/** The session methods whose answer is this window's new session state. */
type SessionChange = {
  [M in MethodName]: MethodOutput<M> extends SessionState
    ? M extends `session.${string}`
      ? M
      : never
    : never;
}[MethodName];

/**
 * A sign-in form's change (sign in, unlock, change password, first administrator): sends it and
 * adopts the session state the core answers. Its pending state is the form's busy state, its
 * error the refusal the form shows (in the core's French), cleared when the form is sent again.
 */
export function useSessionChange<M extends SessionChange>(
  method: M,
  options?: Omit<
    UseMutationOptions<SessionState, unknown, MethodInput<M>>,
    'mutationFn' | 'mutationKey'
  >,
) {
  return useMutation({
    ...options,
    mutationKey: methodKey(method),
    mutationFn: async (input: MethodInput<M>) => {
      const session = (await api.call(method, input)) as SessionState;
      await useSessionStore.getState().adopt(session);
      return session;
    },
  });
}
