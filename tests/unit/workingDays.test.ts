import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/shared/calendar/workingDays';

const calendar = createWorkingCalendar(['2026-04-27', '2026-05-01', '2026-12-25']);

describe('working-day calendar', () => {
  it('skips weekends', () => {
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(calendar.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
  });

  it('skips public holidays', () => {
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // Independence day, a Monday
    // Friday 24 April + 1 working day skips the weekend and the holiday.
    expect(calendar.addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
    // Thursday 24 Dec + 2: Friday 25 is Christmas, then the weekend.
    expect(calendar.addWorkingDays('2026-12-24', 2)).toBe('2026-12-29');
  });

  it('counts working days between dates in both directions', () => {
    expect(calendar.workingDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-20')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(calendar.workingDaysBetween('2026-04-24', '2026-04-28')).toBe(1);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const days of [1, 5, 10, 30]) {
      const due = calendar.addWorkingDays('2026-03-02', days);
      expect(calendar.workingDaysBetween('2026-03-02', due)).toBe(days);
    }
  });
});
