import { useEffect } from 'react';
import { onSessionInterrupted } from '../api/api';
import { useSessionStore } from '../stores/sessionStore';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 15_000;

/**
 * Locks the session after the office's idle time without keyboard or pointer activity (the core
 * also locks a session that stops calling). Also reloads the session state when a call is refused
 * because the session locked or ended elsewhere.
 */
export function useIdleLock(signedIn: boolean): void {
  const lockAfterMinutes = useSessionStore((state) =>
    state.session?.status === 'active' ? state.session.lockAfterMinutes : null,
  );

  useEffect(() => onSessionInterrupted(() => void useSessionStore.getState().refresh()), []);

  useEffect(() => {
    if (!signedIn || lockAfterMinutes === null) return;
    let lastActivity = Date.now();
    const touch = () => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity >= lockAfterMinutes * 60_000) {
        void useSessionStore.getState().lock();
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch);
    };
  }, [signedIn, lockAfterMinutes]);
}
