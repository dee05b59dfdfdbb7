import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, isoDateOf } from '../../src/shared/calendar/workingDays';
import {
  deadlineStanding,
  dueDateOf,
  dueSoonUntil,
  DUE_SOON_WORKING_DAYS,
} from '../../src/shared/domain/deadline';

// December 2026: Friday 4, Saturday 5, Sunday 6, Monday 7; Friday 25 is Christmas.
const calendar = createWorkingCalendar(['2026-04-27', '2026-12-25']);
const standing = (today: string, due: string) => deadlineStanding(calendar, today, due);

describe('a deadline seen on any day (issue 19)', () => {
  it('a case due Friday, seen on Saturday or Sunday, is late by 1 working day, not due today', () => {
    expect(standing('2026-12-05', '2026-12-04')).toEqual({ state: 'overdue', workingDaysLeft: -1 });
    expect(standing('2026-12-06', '2026-12-04')).toEqual({ state: 'overdue', workingDaysLeft: -1 });
    // Monday is the first working day begun since: still 1; Tuesday 2.
    expect(standing('2026-12-07', '2026-12-04')).toEqual({ state: 'overdue', workingDaysLeft: -1 });
    expect(standing('2026-12-08', '2026-12-04')).toEqual({ state: 'overdue', workingDaysLeft: -2 });
    // Due Thursday, seen on Sunday: Friday was lost.
    expect(standing('2026-12-06', '2026-12-03')).toEqual({ state: 'overdue', workingDaysLeft: -1 });
  });

  it('is due today (« Aujourd’hui ») on the due day, Friday evening included', () => {
    const fridayEvening = isoDateOf(new Date('2026-12-04T22:45:00Z')); // Lomé is on UTC
    expect(fridayEvening).toBe('2026-12-04');
    expect(standing(fridayEvening, '2026-12-04')).toEqual({
      state: 'due_soon',
      workingDaysLeft: 0,
    });
    expect(standing(fridayEvening, '2026-12-03').state).toBe('overdue');
  });

  it('counts working days left from a weekend: a Monday deadline is 1 away on Sunday', () => {
    expect(standing('2026-12-06', '2026-12-07')).toEqual({ state: 'due_soon', workingDaysLeft: 1 });
    expect(standing('2026-12-05', '2026-12-09')).toEqual({ state: 'due_soon', workingDaysLeft: 3 });
    expect(standing('2026-12-05', '2026-12-10')).toEqual({ state: 'on_time', workingDaysLeft: 4 });
  });

  it('skips a holiday both ways: Christmas is no working day lost nor left', () => {
    // Seen on Christmas (a Friday) with the case due Thursday 24: late by 1 (Christmas is not counted).
    expect(standing('2026-12-25', '2026-12-24')).toEqual({ state: 'overdue', workingDaysLeft: -1 });
    // Due Monday 28, seen Thursday 24: Friday 25 and the weekend count for nothing.
    expect(standing('2026-12-24', '2026-12-28')).toEqual({ state: 'due_soon', workingDaysLeft: 1 });
    // Late on Tuesday 29 for a deadline on Wednesday 23: 24, 28 and 29 (not 25).
    expect(standing('2026-12-29', '2026-12-23')).toEqual({ state: 'overdue', workingDaysLeft: -3 });
  });

  it('never says « Aujourd’hui » on a non-working day: deadlines fall on working days', () => {
    for (let offset = 0; offset < 60; offset++) {
      const submitted = new Date(Date.UTC(2026, 11, 1 + offset, 15)).toISOString();
      for (const sla of [1, 3, 10]) {
        expect(calendar.isWorkingDay(dueDateOf(calendar, submitted, sla, 0))).toBe(true);
      }
    }
  });

  it('agrees with the queues’ SQL bounds (due_date < today; today ≤ due_date ≤ dueSoonUntil)', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 11, n)).toISOString().slice(0, 10);
    for (let t = 1; t <= 31; t++) {
      const today = day(t);
      const until = dueSoonUntil(calendar, today);
      for (let d = t - 12; d <= t + 12; d++) {
        const due = day(d);
        const sql = due < today ? 'overdue' : due <= until ? 'due_soon' : 'on_time';
        const { state, workingDaysLeft } = standing(today, due);
        expect(state, `${due} seen on ${today}`).toBe(sql);
        if (state === 'overdue') expect(workingDaysLeft).toBeLessThanOrEqual(-1);
        if (state === 'due_soon')
          expect(workingDaysLeft).toBeLessThanOrEqual(DUE_SOON_WORKING_DAYS);
      }
    }
  });
});
