import { useEffect } from 'react';
import { api } from '../api/api';
import { useCaseStore } from '../stores/caseStore';
import { useInboxStore } from '../stores/inboxStore';
import { useSyncStore } from '../stores/syncStore';

const QUIET_MS = 600;
const MAX_WAIT_MS = 3_000;

/**
 * Wires server events into the stores. A sync pours in many changes at once, so list refreshes
 * are debounced, with a ceiling so a long sync still shows progress every few seconds.
 */
export function useLiveUpdates(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let quietTimer: number | undefined;
    let firstPendingAt: number | null = null;

    const flush = () => {
      window.clearTimeout(quietTimer);
      quietTimer = undefined;
      firstPendingAt = null;
      const inbox = useInboxStore.getState();
      void inbox.refresh();
      void inbox.loadCounts();
    };
    const schedule = () => {
      const now = Date.now();
      firstPendingAt ??= now;
      window.clearTimeout(quietTimer);
      const wait = Math.min(QUIET_MS, Math.max(0, firstPendingAt + MAX_WAIT_MS - now));
      quietTimer = window.setTimeout(flush, wait);
    };

    let lastPulled: number | null = null;
    let lastPhase: string | null = null;
    const offProgress = api.on('sync.progress', (status) => {
      useSyncStore.getState().apply(status);
      if (status.pulled !== lastPulled || (lastPhase === 'syncing' && status.phase !== 'syncing')) {
        schedule();
      }
      lastPulled = status.pulled;
      lastPhase = status.phase;
    });
    const offChanged = api.on('cases.changed', ({ ids }) => {
      schedule();
      // The open case changed (the applicant replied, a colleague claimed it): show it now.
      const open = useCaseStore.getState();
      if (open.id && open.busy === null && ids.includes(open.id)) void open.refresh();
    });
    const offCounts = api.on('inbox.counts', (counts) =>
      useInboxStore.getState().setCounts(counts),
    );
    return () => {
      window.clearTimeout(quietTimer);
      offProgress();
      offChanged();
      offCounts();
    };
  }, [enabled]);
}
