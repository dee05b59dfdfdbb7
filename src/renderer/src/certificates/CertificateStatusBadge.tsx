import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { isExpired } from './expiry';

// Revoked and expired are filled; their text reads at 4.5:1 (WCAG AA): black on orange (too light
// for white in every shade, so `autoContrast`), white on the darker gray.7.
const COLORS = {
  valid: 'togo',
  revoked: 'orange',
  cancelled: 'orange',
  expired: 'gray.7',
} as const;

/**
 * Valide, révoqué, annulé (the portal's registry kept another desk's certificate for the
 * application), or expiré (a valid certificate past its expiry date, as verification says).
 */
export function certificateState(
  certificate: Pick<CertificateSummary, 'status' | 'expiresOn'>,
): keyof typeof COLORS {
  if (certificate.status === 'revoked') return 'revoked';
  if (certificate.status === 'cancelled') return 'cancelled';
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
      autoContrast={state === 'revoked' || state === 'cancelled'}
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
