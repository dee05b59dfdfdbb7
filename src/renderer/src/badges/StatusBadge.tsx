import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import { STATUS_COLORS } from './statusColors';

export function StatusBadge({ status, size = 'sm' }: { status: CaseStatus; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant={status === 'issued' ? 'filled' : 'light'}
      size={size}
      radius="sm"
      tt="none"
      fw={600}
      style={{ maxWidth: '100%' }}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}
