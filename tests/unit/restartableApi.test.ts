import { describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../src/shared/api/result';
import { createRestartableApi, type RunningMode } from '../../src/main/core/backup/restartableApi';
import { createEventBus } from '../../src/main/core/eventBus';

/**
 * The in-process restart waits for what happened — the answer of the call that asked for it —
 * not for a delay: each step below is released by the test, so the order holds on any machine.
 */

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

type Handler = (restart: () => void) => Promise<unknown> | unknown;

/** Cores numbered from 1; each answers `{ core, method }` and logs when it stops. */
function cores(handlers: Record<string, Handler>) {
  const log: string[] = [];
  let started = 0;
  const start = (restart: () => void): Promise<RunningMode> => {
    const core = ++started;
    return Promise.resolve({
      mode: 'normal' as const,
      events: createEventBus(),
      contextFor: (sessionKey: string) => ({ user: null, sessionKey }),
      async dispatch(method: string): Promise<Result<unknown>> {
        const handler = handlers[method];
        const value = handler ? await handler(restart) : null;
        log.push(`core ${core} answered ${method}`);
        return ok({ core, method, value });
      },
      stop() {
        log.push(`core ${core} stopped`);
        return Promise.resolve();
      },
    });
  };
  return { start, log };
}

describe('in-process restart', () => {
  it('closes the old core only once the call that asked for it has answered', async () => {
    const asked = deferred();
    const stillWriting = deferred();
    const { start, log } = cores({
      // Asks for the restart, then still has work to finish before its answer (a restore does).
      'recovery.restore': async (restart) => {
        restart();
        asked.resolve();
        await stillWriting.promise;
        return 'restored';
      },
    });
    const bureau = createRestartableApi(start);
    await bureau.start();
    const context = bureau.api.contextFor('window');

    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] });
    const asking = bureau.api.dispatch('recovery.restore', {}, context);
    await asked.promise;
    // A call arriving after the request waits for the new core.
    const after = bureau.api.dispatch('app.info', {}, context);
    // However long it takes (a minute of timers), the old core stays open while the asking call
    // is unanswered.
    try {
      await vi.advanceTimersByTimeAsync(60_000);
    } finally {
      vi.useRealTimers();
    }
    expect(log).toEqual([]);
    expect(bureau.mode()).toBe('normal');

    stillWriting.resolve();
    expect(await asking).toEqual(ok({ core: 1, method: 'recovery.restore', value: 'restored' }));
    expect(await after).toEqual(ok({ core: 2, method: 'app.info', value: null }));
    await bureau.settled();
    expect(log).toEqual([
      'core 1 answered recovery.restore',
      'core 1 stopped',
      'core 2 answered app.info',
    ]);
    await bureau.stop();
  });

  it('does not wait for other calls still running on the old core', async () => {
    const longSync = deferred();
    const { start, log } = cores({
      'sync.now': () => longSync.promise,
      'backups.restartNow': (restart) => restart(),
    });
    const bureau = createRestartableApi(start);
    await bureau.start();
    const context = bureau.api.contextFor('window');

    void bureau.api.dispatch('sync.now', {}, context);
    expect(await bureau.api.dispatch('backups.restartNow', {}, context)).toMatchObject({
      ok: true,
      value: { core: 1 },
    });
    await bureau.settled();
    // The sync is still running: the restart went ahead, as a stop would.
    expect(log).toEqual(['core 1 answered backups.restartNow', 'core 1 stopped']);
    expect(await bureau.api.dispatch('app.info', {}, context)).toMatchObject({
      value: { core: 2 },
    });
    longSync.resolve();
    await bureau.stop();
  });

  it('restarts at once when asked outside any call', async () => {
    const { start, log } = cores({});
    const bureau = createRestartableApi(start);
    await bureau.start();
    bureau.restart();
    await bureau.settled();
    expect(log).toEqual(['core 1 stopped']);
    const context = bureau.api.contextFor('window');
    expect(await bureau.api.dispatch('app.info', {}, context)).toMatchObject({
      value: { core: 2 },
    });
    await bureau.stop();
  });
});
