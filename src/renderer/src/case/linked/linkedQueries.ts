import type { LinkedRecords } from '../../../../shared/api/linkedTypes';
import type { CaseDetail } from '../../../../shared/api/types';
import { api } from '../../api/api';
import { apiKey, useApiQuery } from '../../api/queries';
import { queryClient } from '../../api/queryClient';
import { CASE_AHEAD } from '../caseAhead';

/**
 * What Bureau already holds about one case (`cases.linked`), cached under its id: the checklist's
 * prerequisite lines and the « Dossiers liés » section read the same answer (one request). As
 * fresh as the case (`CASE_AHEAD`), with which it is asked for ahead; any `cases.changed` event
 * marks it stale (`liveInvalidation.ts`).
 */
export function useLinkedRecords(id: string, enabled = true) {
  return useApiQuery('cases.linked', { id }, { enabled, staleTime: CASE_AHEAD.freshForMs });
}

/**
 * « Marquer comme doublon »: the answer is the case as it now stands (its history says it); the
 * linked records of both cases and the other case are read again.
 */
export async function markDuplicate(
  id: string,
  duplicateOf: string,
  reason: string,
): Promise<CaseDetail> {
  const detail = await api.call('cases.markDuplicate', { id, duplicateOf, reason });
  queryClient.setQueryData(apiKey('cases.get', { id }), detail);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: apiKey('cases.linked', { id }) }),
    queryClient.invalidateQueries({ queryKey: apiKey('cases.linked', { id: duplicateOf }) }),
    queryClient.invalidateQueries({ queryKey: apiKey('cases.get', { id: duplicateOf }) }),
  ]);
  return detail;
}

export type { LinkedRecords };
