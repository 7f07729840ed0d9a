import { LegalHoliday } from 'tyme4ts';
import { addDays, daysFrom } from '../troops/local-date.ts';

/**
 * Working days (工作日) for deadlines such as 立功喜报 “收到后 2 个工作日内”. Pure: the caller passes dates in,
 * never reads the clock. A calendar says whether a date is a working day; the default skips weekends only,
 * `chinaWorkCalendar` also knows the State Council's public holidays and the make-up working days (调休).
 */
export type WorkCalendar = (date: string) => boolean;

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-04 was a Sunday.
  return (((daysFrom('1970-01-04', date) % 7) + 7) % 7) as number;
}

/** Monday to Friday. */
export const weekdayCalendar: WorkCalendar = (date) => {
  const d = dayOfWeek(date);
  return d !== 0 && d !== 6;
};

/** Weekdays, less public holidays (春节、国庆 …), plus the weekend days worked in exchange (调休上班). */
export const chinaWorkCalendar: WorkCalendar = (date) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const holiday = LegalHoliday.fromYmd(y, m, d);
  if (holiday) return holiday.isWork();
  return weekdayCalendar(date);
};

/**
 * The date `n` working days after `start` (the start day itself is not counted): received on a Friday, two working
 * days later is the Tuesday; received on a Saturday, it is also the Tuesday.
 */
export function addWorkingDays(start: string, n: number, isWorkday: WorkCalendar = weekdayCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number of days');
  let date = start;
  let left = n;
  // A year without a working day would be a broken calendar: stop rather than loop for ever.
  for (let guard = 0; left > 0 && guard < 366; guard++) {
    date = addDays(date, 1);
    if (isWorkday(date)) left--;
  }
  if (left > 0) throw new RangeError('calendar has no working days');
  return date;
}
