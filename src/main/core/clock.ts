/** What time it is. Most of the core only reads the time: decisions, audit rows, deadlines. */
export interface Clock {
  now(): Date;
}

declare const timerBrand: unique symbol;
/** A timer armed by a `Scheduler`; only that scheduler's `clearTimeout` understands it. */
export type TimerHandle = { readonly [timerBrand]: true };

/**
 * The time and the core's own delays: the periodic sync, the offline probe, retry timers, the
 * backoff waits of a pull, the download watchdogs, the daily backup. Everything the core waits
 * for goes through one scheduler, so a test that passes a fake one (tests/support/fakeClock.ts)
 * decides when each delay is over instead of measuring wall time, and `now()` moves with it.
 *
 * Not on the scheduler: work pacing (`performance.now()` budgets of a slice of writes, which
 * measure real work) and `nextTurn` below (a turn of the event loop, not a delay).
 */
export interface Scheduler extends Clock {
  /** Calls `callback` once `ms` have passed. `unref`: the timer alone keeps no process alive. */
  setTimeout(callback: () => void, ms: number, options?: { unref?: boolean }): TimerHandle;
  /** Disarms a timer; a timer already fired, or none, is fine. */
  clearTimeout(timer: TimerHandle | null | undefined): void;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A sleep built on a scheduler's timers, for implementations of `Scheduler`. */
export function sleepOn(
  scheduler: Pick<Scheduler, 'setTimeout' | 'clearTimeout'>,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      scheduler.clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = scheduler.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const realSetTimeout: Scheduler['setTimeout'] = (callback, ms, options) => {
  const timer = setTimeout(callback, ms);
  if (options?.unref) timer.unref();
  return timer as unknown as TimerHandle;
};
const realClearTimeout: Scheduler['clearTimeout'] = (timer) => {
  if (timer) clearTimeout(timer as unknown as NodeJS.Timeout);
};

/** The real time and the real timers of Node. */
export const systemClock: Scheduler = {
  now: () => new Date(),
  setTimeout: realSetTimeout,
  clearTimeout: realClearTimeout,
  sleep: (ms, signal) =>
    sleepOn({ setTimeout: realSetTimeout, clearTimeout: realClearTimeout }, ms, signal),
};

function isScheduler(clock: Clock): clock is Scheduler {
  const candidate = clock as Partial<Scheduler>;
  return (
    typeof candidate.setTimeout === 'function' &&
    typeof candidate.clearTimeout === 'function' &&
    typeof candidate.sleep === 'function'
  );
}

/**
 * The scheduler behind a clock: the clock itself when it is one (the system clock, a test's fake),
 * else real timers beside a clock that only tells time (a benchmark's fixed date, which passes
 * `schedulerOf({ now })` to `createCore`, whose option is a `Scheduler`). The core's parts take
 * a `Clock`, and those that wait ask for the scheduler here.
 */
export function schedulerOf(clock: Clock): Scheduler {
  if (isScheduler(clock)) return clock;
  return {
    now: () => clock.now(),
    setTimeout: systemClock.setTimeout,
    clearTimeout: systemClock.clearTimeout,
    sleep: systemClock.sleep,
  };
}

/**
 * A full turn of the event loop, always real: it lets I/O, the transports and the renderer's
 * requests run between two blocks of work; it waits for no time, so no fake holds it. Not
 * setImmediate: a block that starts in the poll phase (right after a page arrives) would be
 * followed by the next in the check phase of the same turn — two blocks back to back, with no
 * timer run between them (measured: ~50 ms gaps).
 */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A loop over `items` that gives the event loop a turn (nextTurn) whenever `budgetMs` of work
 * has passed since the last one, so a long run of checks never holds the main thread. `elapsed`
 * reads milliseconds (performance.now; a test passes its own). `step` answers false to stop.
 */
export async function inTurns<T>(
  items: Iterable<T>,
  budgetMs: number,
  step: (item: T) => boolean,
  elapsed: () => number = () => performance.now(),
  turn: () => Promise<void> = nextTurn,
): Promise<void> {
  let began = elapsed();
  for (const item of items) {
    if (elapsed() - began >= budgetMs) {
      await turn();
      began = elapsed();
    }
    if (!step(item)) return;
  }
}
