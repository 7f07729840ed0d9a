/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`): no time zone, no clock, the same on server and browser.
 */

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Parses `YYYY-MM-DD` into numbers; `null` when the text is not a real calendar date. */
export function parseIsoDate(text: string | null | undefined): DateParts | null {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: unknown): text is IsoDate {
  return typeof text === 'string' && parseIsoDate(text) !== null;
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Age in full years (周岁) on `on`: the age goes up on the birthday itself, so someone born 1946-03-01 is
 * 80 on 2026-03-01 and 79 on 2026-02-28.
 *
 * Born on 29 February: in a year without that day the birthday falls on 28 February — 《民法典》第二百零三条:
 * 到期月没有对应日的，月末日为期间的最后一日.
 */
export function ageOnParts(birth: DateParts, on: DateParts): number {
  const birthMonth = birth.month;
  let birthDay = birth.day;
  if (birthMonth === 2 && birthDay === 29 && !isLeapYear(on.year)) birthDay = 28;
  const beforeBirthday = on.month < birthMonth || (on.month === birthMonth && on.day < birthDay);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** Age in full years on `on`; `null` when either date is not a valid `YYYY-MM-DD`. */
export function ageOn(birthDate: IsoDate | null | undefined, on: IsoDate): number | null {
  const birth = parseIsoDate(birthDate);
  const ref = parseIsoDate(on);
  if (!birth || !ref) return null;
  return ageOnParts(birth, ref);
}

/** Compares two ISO dates (string order is calendar order for `YYYY-MM-DD`). */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
