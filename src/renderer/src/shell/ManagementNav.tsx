import { memo } from 'react';
import {
  IconCalendarEvent,
  IconChartBar,
  IconDatabaseExport,
  IconDevices,
  IconBuilding,
  IconListCheck,
  IconMessage2Bolt,
  IconSend,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/domain/roles';
import type { Route } from '../routing/route';
import { useRoute } from '../routing/useRoute';
import { useSessionStore } from '../stores/sessionStore';
import { NavEntry } from './NavEntry';
import { NavSection } from './NavSection';

interface Entry {
  route: Route;
  label:
    | 'dashboard.nav'
    | 'admin.nav.users'
    | 'admin.nav.office'
    | 'admin.nav.desks'
    | 'admin.nav.holidays'
    | 'textModules.nav'
    | 'admin.nav.audit'
    | 'admin.nav.backups'
    | 'syncWork.outboxNav';
  Icon: typeof IconUsers;
  testId: string;
}

const SECTIONS: {
  roles: readonly Role[];
  title: 'dashboard.navTitle' | 'admin.nav.title' | 'syncWork.navSection';
  entries: Entry[];
}[] = [
  {
    // What this desk sent, sends or could not send to the portal (issue 17): every role.
    roles: ['agent', 'superviseur', 'administrateur'],
    title: 'syncWork.navSection',
    entries: [
      {
        route: { view: 'outbox' },
        label: 'syncWork.outboxNav',
        Icon: IconSend,
        testId: 'nav-outbox',
      },
    ],
  },
  {
    roles: ['superviseur'],
    title: 'dashboard.navTitle',
    entries: [
      {
        route: { view: 'dashboard' },
        label: 'dashboard.nav',
        Icon: IconChartBar,
        testId: 'nav-dashboard',
      },
    ],
  },
  {
    roles: ['administrateur'],
    title: 'admin.nav.title',
    entries: [
      {
        route: { view: 'admin', section: 'users' },
        label: 'admin.nav.users',
        Icon: IconUsers,
        testId: 'nav-admin-users',
      },
      {
        route: { view: 'admin', section: 'office' },
        label: 'admin.nav.office',
        Icon: IconBuilding,
        testId: 'nav-admin-office',
      },
      {
        route: { view: 'admin', section: 'desks' },
        label: 'admin.nav.desks',
        Icon: IconDevices,
        testId: 'nav-admin-desks',
      },
      {
        route: { view: 'admin', section: 'holidays' },
        label: 'admin.nav.holidays',
        Icon: IconCalendarEvent,
        testId: 'nav-admin-holidays',
      },
      {
        route: { view: 'admin', section: 'textModules' },
        label: 'textModules.nav',
        Icon: IconMessage2Bolt,
        testId: 'nav-admin-text-modules',
      },
      {
        route: { view: 'admin', section: 'audit' },
        label: 'admin.nav.audit',
        Icon: IconListCheck,
        testId: 'nav-admin-audit',
      },
      {
        route: { view: 'admin', section: 'backups' },
        label: 'admin.nav.backups',
        Icon: IconDatabaseExport,
        testId: 'nav-admin-backups',
      },
    ],
  },
];

const isActive = (current: Route, route: Route) =>
  current.view === route.view &&
  (route.view !== 'admin' || (current.view === 'admin' && current.section === route.section));

/** Navbar sections shown by role: the supervisor's dashboard, the administrator's screens. */
export const ManagementNav = memo(function ManagementNav({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const current = useRoute();
  const role = useSessionStore((state) => state.user?.role);
  return (
    <>
      {SECTIONS.filter((section) => role && section.roles.includes(role)).map((section) => (
        <NavSection key={section.title} title={t(section.title)} compact={compact}>
          {section.entries.map(({ route, label, Icon, testId }) => (
            <NavEntry
              key={testId}
              route={route}
              text={t(label)}
              Icon={Icon}
              active={isActive(current, route)}
              compact={compact}
              testId={testId}
            />
          ))}
        </NavSection>
      ))}
    </>
  );
});
