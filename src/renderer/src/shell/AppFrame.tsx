import { AppShell, ScrollArea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { QueueId } from '../../../shared/api/types';
import { CertificatesNav } from '../certificates/CertificatesNav';
import { SavedViewsNav } from '../views/SavedViewsNav';
import { HeaderBar } from './HeaderBar';
import { ManagementNav } from './ManagementNav';
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
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: wide ? { base: 256, xl: 284 } : 76, breakpoint: 0 }}
      padding={0}
    >
      <AppShell.Header>
        <HeaderBar />
      </AppShell.Header>
      <AppShell.Navbar p={8}>
        <AppShell.Section grow component={ScrollArea}>
          <QueueNav active={activeQueue} compact={!wide} />
          <SavedViewsNav compact={!wide} onInbox={onInbox} />
          <CertificatesNav compact={!wide} />
          <ManagementNav compact={!wide} />
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
