import type { Scheduler, TimerHandle } from '../../src/main/core/clock';
import { sleepOn } from '../../src/main/core/clock';

/**
 * The core's scheduler under a test's control: `now()` stands still until the test moves it, and
 * a timer fires only when the test moves the time past it. Pass it as `clock` to `createCore`
 * (or to a service) and the periodic sync, the offline probe, retry timers, backoff waits,
 * download watchdogs and the daily backup all wait for `advance()` — a test then asserts what
 * happened at each step (requests made, rows written, timers armed) instead of how long it took.
 * Real HTTP and real SQLite stay real: only the core's own delays are fake.
 */

export interface PendingTimer {
  /** When it fires, on the fake time. */
  at: Date;
  /** How far ahead of `now()` it fires (0 when due). */
  inMs: number;
  /** The delay it was armed with. */
  delayMs: number;
}

interface Entry {
  id: number;
  due: number;
  delayMs: number;
  callback: () => void;
}

export interface FakeClock extends Scheduler {
  /** Moves the time `ms` forward, firing every timer due on the way, in order; returns how many. */
  advance(ms: number): number;
  advanceMinutes(minutes: number): number;
  /** Moves the time forward to `iso`; it never goes back. */
  advanceTo(iso: string | Date): number;
  /** Moves the time to the earliest timer and fires it (and any due with it); false if none. */
  next(): boolean;
  /** Fires timers in order until none is left (timers armed meanwhile included); returns how many. */
  runAll(limit?: number): number;
  /** The armed timers, earliest first. */
  pending(): PendingTimer[];
  /**
   * Resolves once a timer matching `match` is armed (at once if one already is). The core arms
   * most timers after real I/O (a push's answer, a failed probe), so a test waits for the timer
   * before moving the time past it.
   */
  untilArmed(match?: (timer: PendingTimer) => boolean): Promise<PendingTimer>;
}

export function createFakeClock(start: string | Date = '2026-11-09T08:00:00.000Z'): FakeClock {
  let now = typeof start === 'string' ? Date.parse(start) : start.getTime();
  if (Number.isNaN(now)) throw new Error(`fake clock: unreadable start ${String(start)}`);
  let sequence = 0;
  const timers = new Map<number, Entry>();
  const waiters = new Set<{
    match: (timer: PendingTimer) => boolean;
    resolve: (t: PendingTimer) => void;
  }>();

  const view = (entry: Entry): PendingTimer => ({
    at: new Date(entry.due),
    inMs: Math.max(0, entry.due - now),
    delayMs: entry.delayMs,
  });

  /** Earliest first; timers due at the same instant fire in the order they were armed. */
  const ordered = () => [...timers.values()].sort((a, b) => a.due - b.due || a.id - b.id);

  function notifyArmed(entry: Entry): void {
    for (const waiter of [...waiters]) {
      const timer = view(entry);
      if (waiter.match(timer)) {
        waiters.delete(waiter);
        waiter.resolve(timer);
      }
    }
  }

  const setTimer: Scheduler['setTimeout'] = (callback, ms) => {
    const delayMs = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const entry: Entry = { id: ++sequence, due: now + delayMs, delayMs, callback };
    timers.set(entry.id, entry);
    notifyArmed(entry);
    return entry.id as unknown as TimerHandle;
  };
  const clearTimer: Scheduler['clearTimeout'] = (timer) => {
    if (timer !== null && timer !== undefined) timers.delete(timer as unknown as number);
  };

  /** Fires the earliest timer due by `until`, moving the time to it; false if none is. */
  function fireNext(until: number): boolean {
    const [entry] = ordered();
    if (!entry || entry.due > until) return false;
    timers.delete(entry.id);
    now = Math.max(now, entry.due);
    entry.callback();
    return true;
  }

  function advanceBy(ms: number): number {
    if (!(ms >= 0)) throw new Error(`fake clock: cannot move by ${ms} ms`);
    const target = now + ms;
    let fired = 0;
    while (fireNext(target)) fired++;
    now = target;
    return fired;
  }

  return {
    now: () => new Date(now),
    setTimeout: setTimer,
    clearTimeout: clearTimer,
    sleep: (ms, signal) => sleepOn({ setTimeout: setTimer, clearTimeout: clearTimer }, ms, signal),
    advance: advanceBy,
    advanceMinutes: (minutes) => advanceBy(minutes * 60_000),
    advanceTo(iso) {
      const target = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
      if (Number.isNaN(target) || target < now) {
        throw new Error(`the clock cannot go back to ${String(iso)}`);
      }
      return advanceBy(target - now);
    },
    next() {
      const [entry] = ordered();
      if (!entry) return false;
      advanceBy(Math.max(0, entry.due - now));
      return true;
    },
    runAll(limit = 1_000) {
      let fired = 0;
      while (timers.size > 0) {
        if (fired >= limit) {
          throw new Error(`fake clock: still ${timers.size} timer(s) after firing ${limit}`);
        }
        if (fireNext(Infinity)) fired++;
      }
      return fired;
    },
    pending: () => ordered().map(view),
    untilArmed(match = () => true) {
      const found = ordered().map(view).find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.add({ match, resolve }));
    },
  };
}
