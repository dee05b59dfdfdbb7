import { AsyncLocalStorage } from 'node:async_hooks';
import { fail } from '../../../shared/api/result';
import type { CallContext, ContextOptions, Dispatch } from '../api/dispatcher';
import { nextTurn } from '../clock';
import { createEventBus, type EventBus } from '../eventBus';

/** What a host serves: the same three things whether Bureau runs normally or in recovery. */
export interface HostedApi {
  dispatch: Dispatch;
  events: EventBus;
  contextFor(sessionKey: string, options?: ContextOptions): CallContext;
}

export interface RunningMode extends HostedApi {
  mode: 'normal' | 'recovery';
  stop(): Promise<void>;
}

/**
 * Lets Bureau restart in-process (after a restore, or once recovery replaced the cache) without
 * the hosts noticing: they keep one `HostedApi` whose calls wait while the old core closes and
 * the new one opens, and whose events are relayed from whichever core is running. Sessions do
 * not survive a restart: the renderer reloads and signs in again.
 *
 * `restart` is asked from inside a call (`backups.restartNow`, `recovery.restore`,
 * `recovery.startFresh`), whose answer the closing core must still give: the old core closes once
 * that call has answered, whatever time it takes — no delay is guessed.
 */
export function createRestartableApi(start: (restart: () => void) => Promise<RunningMode>) {
  /** The call being served, followed through its awaits: a restart it asks for waits for it. */
  const serving = new AsyncLocalStorage<{ answered: Promise<void> }>();
  const relay = createEventBus();
  let current: RunningMode | null = null;
  let unsubscribe = () => {};
  let ready: Promise<void> = Promise.resolve();
  let restarting = false;
  /** Which core a context was made by: a session never outlives the core that knew it. */
  let generation = 0;
  const madeBy = new WeakMap<CallContext, number>();

  async function open() {
    current = await start(restart);
    generation++;
    const running = current;
    unsubscribe = running.events.subscribe((message) => relay.emit(message.event, message.payload));
  }

  async function close() {
    unsubscribe();
    const running = current;
    current = null;
    await running?.stop();
  }

  /**
   * Calls arriving from now on wait for the new core. The old one closes once the call that asked
   * for the restart has answered, and a turn of the event loop later, so that the host has sent
   * that answer first. Other calls still running on the old core end with it, as at a stop.
   */
  function restart(): void {
    if (restarting) return;
    restarting = true;
    const asking = serving.getStore();
    ready = (asking?.answered ?? Promise.resolve())
      .then(nextTurn)
      .then(close)
      .then(open)
      .finally(() => {
        restarting = false;
      });
  }

  const api: HostedApi = {
    async dispatch(method, input, context) {
      try {
        await ready;
      } catch (error) {
        return fail(
          'unavailable',
          `Bureau n’a pas pu redémarrer (${(error as Error).message}). Fermez Bureau puis relancez-le.`,
        );
      }
      if (!current) return fail('unavailable', 'Bureau s’arrête.');
      const stale = madeBy.get(context) !== generation;
      const running = current;
      let answer = () => {};
      const call = { answered: new Promise<void>((resolve) => (answer = resolve)) };
      try {
        return await serving.run(call, () =>
          running.dispatch(
            method,
            input,
            stale ? { user: null, sessionKey: context.sessionKey } : context,
          ),
        );
      } finally {
        answer();
      }
    },
    events: relay,
    contextFor(sessionKey, options) {
      const context = current?.contextFor(sessionKey, options) ?? { user: null, sessionKey };
      madeBy.set(context, generation);
      return context;
    },
  };

  return {
    api,
    /** First start; throws what a failed start throws (the host reports it and exits). */
    start: open,
    restart,
    mode: () => current?.mode ?? null,
    /** Resolves once a restart under way is done. */
    settled: () => ready,
    async stop() {
      await ready.catch(() => undefined);
      await close();
    },
  };
}
