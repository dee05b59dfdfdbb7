import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { refreshCase } from '../case/caseQueries';

/** Cases whose certificate is being issued now, so no second button sends it again meanwhile. */
export const useIssuingStore = create<{ caseIds: ReadonlySet<string> }>()(() => ({
  caseIds: new Set(),
}));

function setIssuing(caseId: string, on: boolean) {
  useIssuingStore.setState((state) => {
    const caseIds = new Set(state.caseIds);
    if (on) caseIds.add(caseId);
    else caseIds.delete(caseId);
    return { caseIds };
  });
}

/**
 * Issues the certificate of an approved case and says how it went. On failure the case simply
 * stays approved (the core writes nothing) and the certificate panel offers the button again.
 * Resolves to the certificate, or null when it could not be issued.
 */
export function useIssueCertificate() {
  const { t } = useTranslation();
  return useCallback(
    async (caseId: string): Promise<CertificateSummary | null> => {
      if (useIssuingStore.getState().caseIds.has(caseId)) return null;
      setIssuing(caseId, true);
      try {
        const certificate = await api.call('certificates.issue', { caseId });
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
      } finally {
        setIssuing(caseId, false);
        // The case moved to « certificat délivré » (or not): show it as it now stands.
        await refreshCase(caseId);
      }
    },
    [t],
  );
}
