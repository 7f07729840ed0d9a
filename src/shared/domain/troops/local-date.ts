/**
 * Calendar arithmetic on `YYYY-MM-DD` strings, and the local (Beijing time) date of an instant.
 * No clock: callers pass `now` in.
 */

/** 北京时间 (UTC+8, no daylight saving): deadlines and contact dates are local calendar days. */
export const chinaOffsetMinutes = 8 * 60;

const dayMs = 86_400_000;

/** The local calendar date of an ISO instant, e.g. `2026-01-31T17:00:00Z` → `2026-02-01` in China. */
export function localDateOf(instant: string, offsetMinutes = chinaOffsetMinutes): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  return Math.round(ms / dayMs);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * dayMs).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
