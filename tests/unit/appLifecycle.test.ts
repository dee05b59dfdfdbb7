import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  claimSingleInstance,
  focusWindow,
  gracefulQuit,
  type FocusableWindow,
} from '../../src/main/electron/appLifecycle';

function fakeWindow(state: { minimized?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const window: FocusableWindow = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { window, calls };
}

function fakeApp(gotLock: boolean) {
  const listeners = new Map<string, () => void>();
  return {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)),
    quit: vi.fn(),
    emit: (event: string) => listeners.get(event)?.(),
  };
}

describe('one Bureau per session', () => {
  it('the first launch runs and, on a second launch, comes to the front restored', () => {
    const app = fakeApp(true);
    const { window, calls } = fakeWindow({ minimized: true });
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance');
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('a second launch quits at once, without listening for others', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('a second launch before the window exists, or after it closed, is harmless', () => {
    const app = fakeApp(true);
    claimSingleInstance(app, () => null);
    expect(() => app.emit('second-instance')).not.toThrow();
    const { window, calls } = fakeWindow({ destroyed: true });
    focusWindow(window);
    expect(calls).toEqual([]);
  });

  it('a window that is not minimized is only shown and focused', () => {
    const { window, calls } = fakeWindow();
    focusWindow(window);
    expect(calls).toEqual(['show', 'focus']);
  });
});

describe('quitting', () => {
  afterEach(() => vi.useRealTimers());

  const quitEvent = () => ({ preventDefault: vi.fn() });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('holds the first quit until the core has closed, then quits for real, once', async () => {
    let finishStop!: () => void;
    const stop = vi.fn(() => new Promise<void>((resolve) => (finishStop = resolve)));
    const quit = vi.fn();
    const onBeforeQuit = gracefulQuit({ stop, quit });

    const first = quitEvent();
    onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(stop).toHaveBeenCalledOnce();

    // A second Ctrl+Q while SQLite is closing: held too, and no second shutdown.
    const second = quitEvent();
    onBeforeQuit(second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(stop).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();

    finishStop();
    await tick();
    expect(quit).toHaveBeenCalledOnce();

    // The quit that follows is let through.
    const final = quitEvent();
    onBeforeQuit(final);
    expect(final.preventDefault).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledOnce();
  });

  it('still quits when closing fails, and says so', async () => {
    const log = vi.fn();
    const quit = vi.fn();
    gracefulQuit({ stop: () => Promise.reject(new Error('disque plein')), quit, log })(quitEvent());
    await tick();
    expect(quit).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith("Bureau : erreur pendant l'arrêt :", expect.any(Error));
  });

  it('gives up waiting for a shutdown that hangs', async () => {
    vi.useFakeTimers();
    const quit = vi.fn();
    const log = vi.fn();
    gracefulQuit({ stop: () => new Promise<void>(() => {}), quit, log, timeoutMs: 5_000 })(
      quitEvent(),
    );
    await vi.advanceTimersByTimeAsync(4_999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('5000 ms'));
  });
});
