import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/api/contract';
import type { CaseDetail } from '../../../shared/api/types';
import { api } from '../api/api';
import { apiKey, useApiQuery } from '../api/queries';
import { queryClient } from '../api/queryClient';

/** The case actions: each answers with the case as it now stands. */
export type CaseActionMethod =
  | 'cases.claim'
  | 'cases.release'
  | 'cases.takeOver'
  | 'cases.tickChecklist'
  | 'cases.requestInfo'
  | 'cases.approve'
  | 'cases.reject'
  | 'cases.signOff'
  | 'cases.withdrawProposal'
  | 'cases.resolveConflict'
  | 'cases.confirmPortalChanges';

export interface CaseActionRequest<M extends CaseActionMethod = CaseActionMethod> {
  method: M;
  input: MethodInput<M>;
}

const CASE_ACTION_KEY = ['case.action'] as const;

/**
 * One case, cached under `['cases.get', { id }]`: opening it again shows what we had at once and
 * fetches it afresh; a `cases.changed` event naming it refetches it (`liveInvalidation.ts`).
 */
export function useCaseDetail(id: string) {
  return useApiQuery('cases.get', { id });
}

/**
 * Cases asked for ahead: the one the clerk rests on in the list, the next one while a case is
 * open. `restMs`: how long the clerk stays before it is asked (j held down asks nothing);
 * `freshForMs`: an answer asked ahead is not asked again within that time.
 */
export const CASE_AHEAD = { restMs: 250, freshForMs: 30_000 } as const;

/**
 * Asks for a case before its screen does: the answer is on its way (or in the cache) when the
 * case view first draws, which then shows the case in its first frame instead of a placeholder.
 * `freshForMs`: an answer younger than that is not asked for again. Reading a case changes
 * nothing and is not journaled, so asking ahead is free of side effects.
 */
export function prefetchCase(id: string, freshForMs = 0): void {
  void queryClient.prefetchQuery({
    queryKey: apiKey('cases.get', { id }),
    queryFn: () => api.call('cases.get', { id }),
    staleTime: freshForMs,
  });
}

/** Fetches a case again if it is on screen (after a note, an issued certificate, a conflict). */
export function refreshCase(id: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: apiKey('cases.get', { id }) });
}

/** Sends case actions; each answer replaces the cached case. Rejects with the API's French error. */
export function useCaseActionMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: CASE_ACTION_KEY,
    mutationFn: ({ method, input }: CaseActionRequest) =>
      api.call(method, input as never) as Promise<CaseDetail>,
    onSuccess: (detail) => {
      client.setQueryData(apiKey('cases.get', { id: detail.row.id }), detail);
    },
  });
}

/** The action being sent, so its button shows a spinner and the others wait. */
export function useCaseActionBusy(): CaseActionMethod | null {
  const pending = useMutationState({
    filters: { mutationKey: CASE_ACTION_KEY, status: 'pending' },
    select: (mutation) => (mutation.state.variables as CaseActionRequest | undefined)?.method,
  });
  return pending.find((method) => method !== undefined) ?? null;
}
