/**
 * The shell's life cycle as small pure pieces over narrow interfaces (Electron's `app` and
 * `BrowserWindow` satisfy them), so single-instance and shutdown behaviour are unit-tested.
 */

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings the existing window to the front (a second launch, a click in the task bar). */
export function focusWindow(window: FocusableWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/**
 * One Bureau per user session: two would share one SQLite file and one sync cursor. A second
 * launch hands over to the first (which comes to the front) and quits. Returns whether this
 * process is the one that runs.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  currentWindow: () => FocusableWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
}

export interface QuitEvent {
  preventDefault(): void;
}

/**
 * `before-quit` handler: the first quit is held until `stop()` (sync stopped, SQLite closed after
 * the current transaction) has finished, then quits for real; further quits meanwhile (a second
 * Ctrl+Q, the window closed twice) are held too, never starting a second shutdown. A shutdown that
 * hangs (a portal request that never ends) gives way after `timeoutMs`: SQLite in WAL mode with
 * synchronous=FULL loses nothing committed.
 */
export function gracefulQuit(options: {
  stop: () => Promise<void>;
  quit: () => void;
  timeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}): (event: QuitEvent) => void {
  const { stop, quit, timeoutMs = 10_000, log = console.error } = options;
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  return (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    // A real timer, on purpose: this shell must quit after `timeoutMs` of wall time whatever the
    // core's stop (and the core's own scheduler) does. Tests fake it with vi.useFakeTimers.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`Bureau : arrêt non terminé après ${timeoutMs} ms, fermeture quand même.`);
        resolve();
      }, timeoutMs);
    });
    void Promise.race([
      stop().catch((error: unknown) => log("Bureau : erreur pendant l'arrêt :", error)),
      timeout,
    ]).finally(() => {
      clearTimeout(timer);
      phase = 'stopped';
      quit();
    });
  };
}
