import { notifications } from '@mantine/notifications';
import { useMutationState, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { errorMessage } from '../api/errorMessage';
import { methodKey, useApiMutation } from '../api/queries';
import { refreshCase } from '../case/caseQueries';
import { refreshCaseCertificates } from './certificateQueries';

const ISSUE_KEY = methodKey('certificates.issue');

/** Whether this case's certificate is being issued now (from the panel or the action bar). */
export function useIssuing(caseId: string): boolean {
  const pending = useMutationState({
    filters: {
      mutationKey: ISSUE_KEY,
      status: 'pending',
      predicate: (mutation) =>
        (mutation.state.variables as { caseId?: string } | undefined)?.caseId === caseId,
    },
  });
  return pending.length > 0;
}

/**
 * Issues the certificate of an approved case and says how it went. On failure the case simply
 * stays approved (the core writes nothing) and the certificate panel offers the button again.
 * Resolves to the certificate, or null when it could not be issued (or is being issued already:
 * no second button sends it again meanwhile).
 */
export function useIssueCertificate() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { mutateAsync } = useApiMutation('certificates.issue', {
    // The case moved to « certificat délivré » (or not): show it, and its certificate, as they now stand.
    onSettled: (_certificate, _error, { caseId }) =>
      Promise.all([refreshCase(caseId), refreshCaseCertificates(client, caseId)]),
  });
  return useCallback(
    async (caseId: string): Promise<CertificateSummary | null> => {
      const underWay = client.isMutating({
        mutationKey: ISSUE_KEY,
        predicate: (mutation) =>
          (mutation.state.variables as { caseId?: string } | undefined)?.caseId === caseId,
      });
      if (underWay > 0) return null;
      try {
        const certificate = await mutateAsync({ caseId });
        notifications.show({
          color: 'togo',
          message: t('certificates.issued', { number: certificate.number }),
        });
        return certificate;
      } catch (error) {
        notifications.show({
          color: 'red',
          title: t('certificates.issueFailed'),
          message: errorMessage(error, t('app.unexpectedError')),
          autoClose: 8000,
        });
        return null;
      }
    },
    [client, mutateAsync, t],
  );
}
