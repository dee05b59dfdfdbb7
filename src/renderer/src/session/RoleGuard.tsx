import { Alert, Box } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/domain/roles';
import { useSessionStore } from '../stores/sessionStore';

/**
 * Screens reserved to some roles. The navigation already hides them and the API refuses their
 * calls; this only explains a typed-in address instead of showing a broken screen.
 */
export function RoleGuard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const role = useSessionStore((state) => state.user?.role);
  if (role && roles.includes(role)) return <>{children}</>;
  return (
    <Box p="xl" maw={640}>
      <Alert color="orange" icon={<IconLock size={18} />} title={t('session.reservedTitle')}>
        {t('session.reservedBody')}
      </Alert>
    </Box>
  );
}
