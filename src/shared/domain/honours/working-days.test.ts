import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaWorkCalendar, dayOfWeek, weekdayCalendar } from './working-days.ts';

describe('working days', () => {
  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-11-27')).toBe(5); // Friday
    expect(dayOfWeek('2026-11-29')).toBe(0); // Sunday
    expect(dayOfWeek('1969-12-31')).toBe(3); // Wednesday, before the epoch
  });

  it.each([
    ['2026-11-23', '2026-11-25', 'Monday → Wednesday'],
    ['2026-11-26', '2026-11-30', 'Thursday → Monday over the weekend'],
    ['2026-11-27', '2026-12-01', 'Friday → Tuesday'],
    ['2026-11-28', '2026-12-01', 'Saturday → Tuesday'],
    ['2026-11-29', '2026-12-01', 'Sunday → Tuesday'],
    ['2026-12-31', '2027-01-04', 'over the new year and a weekend (weekdays only)'],
  ])('%s + 2 working days = %s (%s)', (start, due) => {
    expect(addWorkingDays(start, 2, weekdayCalendar)).toBe(due);
  });

  it('zero working days is the same day', () => {
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('with the public-holiday calendar, skips 春节 and counts the make-up Saturday', () => {
    // 2026 春节: 2026-02-15 … 2026-02-23 off; 2026-02-14 (Sat) and 2026-02-28 (Sat) are worked.
    expect(chinaWorkCalendar('2026-02-14')).toBe(true);
    expect(chinaWorkCalendar('2026-02-16')).toBe(false);
    expect(addWorkingDays('2026-02-13', 2, chinaWorkCalendar)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-12', 2, chinaWorkCalendar)).toBe('2026-02-14');
  });

  it('refuses a negative count', () => {
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
  });
});
