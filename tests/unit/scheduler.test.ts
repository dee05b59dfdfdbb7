import { describe, expect, it } from 'vitest';
import { schedulerOf, systemClock } from '../../src/main/core/clock';
import { createFakeClock } from '../support/fakeClock';

describe('the fake scheduler of the tests', () => {
  it('fires due timers in order, each at its own time, and never those ahead', () => {
    const clock = createFakeClock('2026-11-09T08:00:00.000Z');
    const fired: string[] = [];
    const at = (label: string) => () =>
      fired.push(`${label}@${clock.now().toISOString().slice(11, 23)}`);
    clock.setTimeout(at('b'), 200);
    clock.setTimeout(at('a'), 100);
    clock.setTimeout(at('c'), 200); // same instant as b: armed after it, fires after it
    clock.setTimeout(at('late'), 1_000);

    expect(clock.advance(99)).toBe(0);
    expect(fired).toEqual([]);
    expect(clock.advance(150)).toBe(3);
    expect(fired).toEqual(['a@08:00:00.100', 'b@08:00:00.200', 'c@08:00:00.200']);
    expect(clock.now().toISOString()).toBe('2026-11-09T08:00:00.249Z');
    expect(clock.pending()).toEqual([
      { at: new Date('2026-11-09T08:00:01.000Z'), inMs: 751, delayMs: 1_000 },
    ]);
  });

  it('fires timers armed during an advance when they fall inside it; a cleared one never', () => {
    const clock = createFakeClock();
    const fired: number[] = [];
    const cleared = clock.setTimeout(() => fired.push(-1), 10);
    clock.clearTimeout(cleared);
    clock.clearTimeout(cleared); // twice is fine
    clock.clearTimeout(null);
    // A backoff that re-arms itself: 100, then 200, then 400 ms later.
    const arm = (delay: number) =>
      clock.setTimeout(() => {
        fired.push(delay);
        arm(delay * 2);
      }, delay);
    arm(100);
    expect(clock.advance(700)).toBe(3);
    expect(fired).toEqual([100, 200, 400]);
    expect(clock.pending()[0]).toMatchObject({ delayMs: 800, inMs: 800 });
    expect(clock.next()).toBe(true);
    expect(fired.at(-1)).toBe(800);
    expect(() => clock.runAll(5)).toThrow(/still 1 timer/);
  });

  it('moves forward only, and runs every timer with runAll', () => {
    const clock = createFakeClock('2026-11-09T08:00:00.000Z');
    expect(() => clock.advanceTo('2026-11-09T07:59:00.000Z')).toThrow(/cannot go back/);
    expect(() => clock.advance(-1)).toThrow();
    let count = 0;
    clock.setTimeout(() => count++, 60_000);
    clock.setTimeout(() => clock.setTimeout(() => count++, 5), 3_600_000);
    expect(clock.advanceMinutes(1)).toBe(1);
    expect(clock.runAll()).toBe(2);
    expect(count).toBe(2);
    expect(clock.now().toISOString()).toBe('2026-11-09T09:00:00.005Z');
    expect(clock.next()).toBe(false);
  });

  it('sleeps until the time is moved past, and stops sleeping when aborted', async () => {
    const clock = createFakeClock();
    let woke = false;
    const sleeping = clock.sleep(1_000).then(() => (woke = true));
    await Promise.resolve();
    clock.advance(999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);

    const controller = new AbortController();
    const aborted = clock.sleep(60_000, controller.signal);
    expect(clock.pending()).toHaveLength(1);
    controller.abort(new Error('arrêt'));
    await expect(aborted).rejects.toThrow('arrêt');
    expect(clock.pending()).toHaveLength(0);
    await expect(clock.sleep(5, controller.signal)).rejects.toThrow('arrêt');
  });

  it('tells a test when the timer it waits for is armed', async () => {
    const clock = createFakeClock();
    const armed = clock.untilArmed((timer) => timer.delayMs === 1_000);
    clock.setTimeout(() => {}, 10);
    clock.setTimeout(() => {}, 1_000);
    await expect(armed).resolves.toMatchObject({ delayMs: 1_000, inMs: 1_000 });
    await expect(clock.untilArmed()).resolves.toMatchObject({ delayMs: 10 });
  });
});

describe('the scheduler behind a clock', () => {
  it('is the clock itself when it schedules, real timers beside a clock that only tells time', async () => {
    const fake = createFakeClock();
    expect(schedulerOf(fake)).toBe(fake);
    expect(schedulerOf(systemClock)).toBe(systemClock);
    const fixed = new Date('2026-01-01T00:00:00.000Z');
    const scheduler = schedulerOf({ now: () => fixed });
    expect(scheduler.now()).toBe(fixed);
    // Real timers: this resolves by itself, nobody moves any time.
    await scheduler.sleep(1);
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error('arrêt'));
    await expect(sleeping).rejects.toThrow('arrêt');
  });
});
