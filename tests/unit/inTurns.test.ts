import { describe, expect, it } from 'vitest';
import { inTurns } from '../../src/main/core/clock';

/**
 * A long run of checks on the main thread (a page of new cases validated before the writer
 * thread takes it) gives the event loop a turn whenever its budget of work is spent. A fake
 * millisecond counter stands for the work: each item costs 1 ms.
 */
describe('inTurns', () => {
  it('yields a turn each time the budget is spent, never before', async () => {
    let ms = 0;
    const log: string[] = [];
    await inTurns(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      (item) => {
        log.push(String(item));
        ms += 1;
        return true;
      },
      () => ms,
      async () => {
        log.push('turn');
      },
    );
    expect(log).toEqual(['1', '2', '3', 'turn', '4', '5', '6', 'turn', '7']);
  });

  it('stops at the first item its step refuses, with no turn after', async () => {
    let ms = 0;
    const seen: number[] = [];
    let turns = 0;
    await inTurns(
      [1, 2, 3, 4, 5],
      2,
      (item) => {
        seen.push(item);
        ms += 1;
        return item < 3;
      },
      () => ms,
      async () => {
        turns++;
      },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(turns).toBe(1);
  });

  it('gives real turns of the event loop: a timer due meanwhile runs between two items', async () => {
    let ms = 0;
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await inTurns(
      ['a', 'b'],
      1,
      (item) => {
        order.push(item);
        ms += 1;
        return true;
      },
      () => ms,
    );
    expect(order).toEqual(['a', 'timer', 'b']);
  });
});
