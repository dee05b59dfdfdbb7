import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { isExpired } from './expiry';

const COLORS = { valid: 'togo', revoked: 'orange', expired: 'gray' } as const;

/** Valide, révoqué, or expiré (a valid certificate past its expiry date, as verification says). */
export function certificateState(
  certificate: Pick<CertificateSummary, 'status' | 'expiresOn'>,
): keyof typeof COLORS {
  if (certificate.status === 'revoked') return 'revoked';
  return isExpired(certificate.expiresOn) ? 'expired' : 'valid';
}

export function CertificateStatusBadge({
  certificate,
  size = 'sm',
}: {
  certificate: Pick<CertificateSummary, 'status' | 'expiresOn'>;
  size?: 'sm' | 'md';
}) {
  const { t } = useTranslation();
  const state = certificateState(certificate);
  return (
    <Badge
      color={COLORS[state]}
      variant={state === 'valid' ? 'light' : 'filled'}
      size={size}
      radius="sm"
      tt="none"
      fw={600}
      data-testid="certificate-status"
    >
      {t(`certificates.state.${state}`)}
    </Badge>
  );
}
