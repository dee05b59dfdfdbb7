import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import { Pill } from './Pill';
import { STATUS_COLORS } from './statusColors';

export function StatusBadge({ status, size = 'sm' }: { status: CaseStatus; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Pill
      color={STATUS_COLORS[status]}
      variant={status === 'issued' ? 'filled' : 'light'}
      size={size}
    >
      {t(`status.${status}`)}
    </Pill>
  );
}
