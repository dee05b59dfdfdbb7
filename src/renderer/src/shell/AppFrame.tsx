import { AppShell, ScrollArea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { QueueId } from '../../../shared/api/types';
import { CertificatesNav } from '../certificates/CertificatesNav';
import { useNavCollapsed } from '../stores/shellStore';
import { SavedViewsNav } from '../views/SavedViewsNav';
import { HeaderBar } from './HeaderBar';
import { ManagementNav } from './ManagementNav';
import { NAV_ID } from './NavToggle';
import classes from './QueueNav.module.css';
import { QueueNav } from './QueueNav';

// Below this width the queue labels give way to icons, so the list keeps its useful columns.
const WIDE_NAV_QUERY = '(min-width: 75em)';

export function AppFrame({
  activeQueue,
  onInbox,
  children,
}: {
  activeQueue: QueueId | null;
  onInbox: boolean;
  children: ReactNode;
}) {
  const wide = useMediaQuery(WIDE_NAV_QUERY, true, { getInitialValueInEffect: false });
  const collapsed = useNavCollapsed();
  // Wide enough, the person chooses; narrower, icons only.
  const compact = collapsed || !wide;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: compact ? 64 : { base: 248, xl: 272 }, breakpoint: 0 }}
      padding={0}
    >
      <AppShell.Header>
        <HeaderBar canCollapseNav={wide} />
      </AppShell.Header>
      <AppShell.Navbar p={6} id={NAV_ID} className={classes.navbar} data-compact={compact}>
        <AppShell.Section grow component={ScrollArea} scrollbarSize={6}>
          <QueueNav active={activeQueue} compact={compact} />
          <SavedViewsNav compact={compact} onInbox={onInbox} />
          <CertificatesNav compact={compact} />
          <ManagementNav compact={compact} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main
        style={{ height: '100dvh', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
      >
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
