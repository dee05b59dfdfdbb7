import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Activity, lazy, Suspense, useEffect } from 'react';
import { RecoveryScreen } from './backup/RecoveryScreen';
import { useRecoveryStatus } from './backup/useRecoveryStatus';
import { CaseView } from './case/CaseView';
import { DesktopLayer } from './desktop/DesktopLayer';
import { RoleGuard } from './session/RoleGuard';
import { SessionScreen } from './session/SessionScreen';
import { useIdleLock } from './session/useIdleLock';
import { InboxView } from './inbox/InboxView';
import { useRoute } from './routing/useRoute';
import { QuickSearch } from './search/QuickSearch';
import { AppFrame } from './shell/AppFrame';
import { ShortcutHelp } from './shell/ShortcutHelp';
import { useGlobalShortcuts } from './shell/useGlobalShortcuts';
import { StartupScreen } from './shell/StartupScreen';
import { useLiveUpdates } from './shell/useLiveUpdates';
import { useInboxStore } from './stores/inboxStore';
import { useSessionStore } from './stores/sessionStore';

// Screens that are not the inbox or a case load with their first visit, each in its own chunk
// (the dashboard brings the charts library): the sign-in form and the inbox do not wait for them.
const AdminView = lazy(() => import('./admin/AdminView').then((m) => ({ default: m.AdminView })));
const DashboardView = lazy(() =>
  import('./dashboard/DashboardView').then((m) => ({ default: m.DashboardView })),
);
const CertificatesView = lazy(() =>
  import('./certificates/CertificatesView').then((m) => ({ default: m.CertificatesView })),
);
const VerifyView = lazy(() =>
  import('./certificates/VerifyView').then((m) => ({ default: m.VerifyView })),
);
const OutboxView = lazy(() => import('./sync/OutboxView').then((m) => ({ default: m.OutboxView })));
const WorklistView = lazy(() =>
  import('./sync/WorklistView').then((m) => ({ default: m.WorklistView })),
);

/** While a screen's chunk loads (once; loopback, a few milliseconds). */
const screenLoading = (
  <Center py="xl">
    <Loader size="sm" />
  </Center>
);

/** The desktop layer (zoom keys, À propos, display settings) works on every screen, sign-in included. */
export function App() {
  return (
    <>
      <DesktopLayer />
      <Screens />
    </>
  );
}

function Screens() {
  const { t } = useTranslation();
  const route = useRoute();
  const phase = useSessionStore((state) => state.phase);
  const error = useSessionStore((state) => state.error);
  const userId = useSessionStore((state) => state.user?.id ?? null);
  const signedIn = userId !== null;
  const signingOut = useSessionStore((state) => state.signingOut);
  const lastQueue = useInboxStore((state) => state.queue);

  useEffect(() => {
    void useSessionStore.getState().load();
  }, []);

  useLiveUpdates(userId);
  useGlobalShortcuts(signedIn && phase === 'ready');
  useIdleLock(signedIn);

  // --- Backups and recovery (issue 8): a damaged cache shows the recovery screen instead.
  const recovery = useRecoveryStatus();
  if (recovery === 'checking') return <StartupScreen error={null} onRetry={() => {}} />;
  if (recovery !== null) return <RecoveryScreen status={recovery} />;
  // --- end of backups and recovery

  if (phase !== 'ready') {
    return (
      <StartupScreen
        error={phase === 'error' ? error : null}
        onRetry={() => void useSessionStore.getState().load()}
      />
    );
  }

  if (signingOut) {
    return <StartupScreen error={null} onRetry={() => {}} message={t('session.menu.signingOut')} />;
  }
  if (!signedIn) return <SessionScreen />;

  return (
    <AppFrame
      activeQueue={route.view === 'inbox' ? route.queue : route.view === 'case' ? lastQueue : null}
      onInbox={route.view === 'inbox'}
    >
      {/* The inbox stays drawn, hidden, while another screen is shown: back from a case (or any
          screen) shows the list as it was, where it was, without drawing it again (issue 18 §3).
          Hidden, it runs no effects: it neither fetches nor writes the address. */}
      <Activity mode={route.view === 'inbox' ? 'visible' : 'hidden'}>
        <InboxView queue={route.view === 'inbox' ? route.queue : lastQueue} />
      </Activity>
      <Suspense fallback={screenLoading}>
        {route.view === 'case' ? (
          <CaseView id={route.id} backQueue={lastQueue} />
        ) : route.view === 'certificates' ? (
          <CertificatesView />
        ) : route.view === 'verify' ? (
          <VerifyView />
        ) : route.view === 'dashboard' ? (
          <RoleGuard roles={['superviseur']}>
            <DashboardView />
          </RoleGuard>
        ) : route.view === 'worklist' ? (
          <WorklistView />
        ) : route.view === 'outbox' ? (
          <OutboxView />
        ) : route.view === 'admin' ? (
          <RoleGuard roles={['administrateur']}>
            <AdminView section={route.section} />
          </RoleGuard>
        ) : null}
      </Suspense>
      {signedIn && (
        <>
          <QuickSearch />
          <ShortcutHelp />
        </>
      )}
    </AppFrame>
  );
}
