import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName } from '../../../shared/api/contract';
import type { CaseDetail } from '../../../shared/api/types';
import { api } from '../api/api';
import { apiKey, useApiQuery } from '../api/queries';
import { queryClient } from '../api/queryClient';
import { showsCertificate } from '../certificates/certificateQueries';
import { CASE_AHEAD } from './caseAhead';

export { CASE_AHEAD };

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
 * One case, cached under `['cases.get', { id }]`: opening it again shows what we had at once; an
 * answer older than `CASE_AHEAD.freshForMs` is fetched afresh, and a `cases.changed` event naming
 * the case refetches it at once (`liveInvalidation.ts`).
 */
export function useCaseDetail(id: string) {
  return useApiQuery('cases.get', { id }, { staleTime: CASE_AHEAD.freshForMs });
}

function askAhead<M extends MethodName>(method: M, input: MethodInput<M>, freshForMs: number) {
  return queryClient.prefetchQuery({
    queryKey: apiKey(method, input),
    queryFn: () => api.call(method, input),
    staleTime: freshForMs,
  });
}

/**
 * Asks for a case, and for what its view reads beside it (linked records, letters, the
 * certificate of a decided case), before its screen does: the answers are on their way (or in the
 * cache) when the case view first draws, which then shows the case whole in its first frame,
 * without a placeholder nor sections appearing a moment later, and sends no request while it
 * draws. Reading changes nothing and is not journaled, so asking ahead is free of side effects.
 */
export function prefetchCase(id: string, freshForMs: number = CASE_AHEAD.freshForMs): void {
  void askAhead('cases.get', { id }, freshForMs).then(() => {
    const detail = queryClient.getQueryData<CaseDetail>(apiKey('cases.get', { id }));
    if (detail && showsCertificate(detail)) {
      void askAhead('certificates.forCase', { caseId: id }, freshForMs);
    }
  });
  void askAhead('cases.linked', { id }, freshForMs);
  void askAhead('letters.forCase', { caseId: id }, freshForMs);
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
