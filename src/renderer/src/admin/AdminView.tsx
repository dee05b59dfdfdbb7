import { Box } from '@mantine/core';
import { BackupsPanel } from '../backup/BackupsPanel';
import type { AdminSection } from '../routing/route';
import { AuditScreen } from './AuditScreen';
import { DesksScreen } from './DesksScreen';
import { HolidaysScreen } from './HolidaysScreen';
import { OfficeScreen } from './OfficeScreen';
import { UsersScreen } from './UsersScreen';
import { TextModulesScreen } from '../textModules/TextModulesScreen';

/** Administration: users, office settings, workstations, holidays, audit trail (issue 7). */
export function AdminView({ section }: { section: AdminSection }) {
  switch (section) {
    case 'users':
      return <UsersScreen />;
    case 'office':
      return <OfficeScreen />;
    case 'desks':
      return <DesksScreen />;
    case 'holidays':
      return <HolidaysScreen />;
    case 'textModules':
      return <TextModulesScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'backups':
      return (
        <Box p="md" style={{ overflow: 'auto' }}>
          <BackupsPanel />
        </Box>
      );
  }
}
