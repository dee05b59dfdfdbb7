import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/main/core/dashboard/csv';
import {
  daysBetween,
  weightedMedian,
  workingDayCounter,
} from '../../src/main/core/dashboard/dashboardSummary';
import { createWorkingCalendar } from '../../src/shared/calendar/workingDays';

const calendar = createWorkingCalendar(
  (
    JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../resources/calendar/togo-holidays.json'),
        'utf8',
      ),
    ) as { holidays: { date: string }[] }
  ).holidays.map((holiday) => holiday.date),
);

describe('dashboard figures', () => {
  it('counts working days between many pairs as the calendar does', () => {
    const days = daysBetween('2026-03-15', '2026-06-30');
    const count = workingDayCounter(calendar, days);
    for (let i = 0; i < days.length; i += 7) {
      for (let j = i; j < days.length; j += 11) {
        expect(count(days[i]!, days[j]!)).toBe(calendar.workingDaysBetween(days[i]!, days[j]!));
      }
    }
    // Outside the span it was built for, it asks the calendar.
    expect(count('2026-01-02', '2026-01-14')).toBe(
      calendar.workingDaysBetween('2026-01-02', '2026-01-14'),
    );
  });

  it('takes the median of counted values', () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ days: 4, n: 1 }])).toBe(4);
    expect(
      weightedMedian([
        { days: 7, n: 1 },
        { days: 3, n: 2 },
      ]),
    ).toBe(3);
    expect(
      weightedMedian([
        { days: 2, n: 1 },
        { days: 5, n: 1 },
      ]),
    ).toBe(3.5);
    expect(
      weightedMedian([
        { days: 9, n: 2 },
        { days: 1, n: 2 },
      ]),
    ).toBe(5);
  });

  it('writes CSV fields as French Excel reads them, and never as formulas', () => {
    expect(csvField('Société Kpodar & Fils ; SARL "KF"')).toBe(
      '"Société Kpodar & Fils ; SARL ""KF"""',
    );
    expect(csvField('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvField("N'Kégbé")).toBe("N'Kégbé");
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+228 90 12 34 56')).toBe("'+228 90 12 34 56");
    expect(
      toCsv([
        ['a', 'b'],
        ['c', ''],
      ]),
    ).toBe('\uFEFFa;b\r\nc;\r\n');
  });
});
