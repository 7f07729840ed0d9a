import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, parseIsoDate } from './dates.ts';

describe('parseIsoDate', () => {
  it('accepts real dates only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('2024-1-01')).toBeNull();
    expect(parseIsoDate('1950.03')).toBeNull();
    expect(parseIsoDate(null)).toBeNull();
    expect(isIsoDate('2026-02-17')).toBe(true);
    expect(isIsoDate(20260217)).toBe(false);
  });
});

describe('ageOn (周岁)', () => {
  it.each([
    // exactly 80 on the reference date counts
    { birth: '1946-02-17', on: '2026-02-17', age: 80 },
    // 79 years and 364 days does not
    { birth: '1946-02-18', on: '2026-02-17', age: 79 },
    { birth: '1946-12-31', on: '2026-02-17', age: 79 },
    { birth: '1946-01-01', on: '2026-02-17', age: 80 },
    // born on 29 February: in a leap year the birthday is that day …
    { birth: '1944-02-29', on: '2024-02-28', age: 79 },
    { birth: '1944-02-29', on: '2024-02-29', age: 80 },
    // … in other years it is 28 February (民法典 §203: 没有对应日的，月末日为期间的最后一日)
    { birth: '1936-02-29', on: '2026-02-27', age: 89 },
    { birth: '1936-02-29', on: '2026-02-28', age: 90 },
    { birth: '1936-02-29', on: '2026-03-01', age: 90 },
    // a reference date of 29 February for someone born on 1 March
    { birth: '1944-03-01', on: '2024-02-29', age: 79 },
  ])('born $birth is $age on $on', ({ birth, on, age }) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('gives null for a missing or invalid date', () => {
    expect(ageOn(null, '2026-02-17')).toBeNull();
    expect(ageOn('1950.03', '2026-02-17')).toBeNull();
    expect(ageOn('1950-03-01', 'not a date')).toBeNull();
  });
});
