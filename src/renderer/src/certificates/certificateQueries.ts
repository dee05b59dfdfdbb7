import type { QueryClient } from '@tanstack/react-query';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import type { CaseDetail } from '../../../shared/api/types';
import { apiKey, methodKey, useApiQuery } from '../api/queries';
import { CASE_AHEAD } from '../case/caseAhead';

/** An approved or issued case shows its certificate (to issue, or issued). */
export function showsCertificate(detail: CaseDetail): boolean {
  return detail.row.status === 'approved' || detail.row.status === 'issued';
}

/** Newest first: the one to show is the latest issued. */
function newestFirst(certificates: CertificateSummary[]): CertificateSummary[] {
  return [...certificates].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
}

/**
 * A case's certificates, newest first, cached under `['certificates.forCase', { caseId }]`. A
 * `cases.changed` event naming the case refetches them with the case (`liveInvalidation.ts`); as
 * fresh as the case (`CASE_AHEAD`), with which they are asked for ahead.
 */
export function useCaseCertificates(caseId: string) {
  return useApiQuery(
    'certificates.forCase',
    { caseId },
    { select: newestFirst, staleTime: CASE_AHEAD.freshForMs },
  );
}

/** A certificate of this case was issued or reprinted: its list (and duplicate count) follows. */
export function refreshCaseCertificates(client: QueryClient, caseId: string): Promise<void> {
  return client.invalidateQueries({ queryKey: apiKey('certificates.forCase', { caseId }) });
}

/** The core answered a change of one certificate (a revocation): it replaces the cached one. */
export function adoptCertificate(
  client: QueryClient,
  caseId: string,
  updated: CertificateSummary,
): void {
  client.setQueryData<CertificateSummary[]>(
    apiKey('certificates.forCase', { caseId }),
    (certificates) => certificates?.map((entry) => (entry.id === updated.id ? updated : entry)),
  );
  // The certificates list shows its status too.
  void client.invalidateQueries({ queryKey: methodKey('certificates.list') });
}

/**
 * The stored original of a certificate (the core checks its SHA-256 before answering), loaded
 * once per certificate and shared by the preview, the print and the save: an issued file never
 * changes, so it is never fetched again while cached.
 */
export function useCertificateFile(id: string | null) {
  const file = useApiQuery(
    'certificates.file',
    { id: id ?? '' },
    { enabled: id !== null, staleTime: Infinity },
  );
  return {
    file: id !== null ? (file.data ?? null) : null,
    error: id !== null && file.isError ? file.error : null,
    loading: id !== null && file.isPending && !file.isError,
    retry: () => void file.refetch(),
  };
}
