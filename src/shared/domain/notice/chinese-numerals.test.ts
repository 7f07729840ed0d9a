import { describe, expect, it } from 'vitest';
import { findDate, parseChineseNumeral, toIsoDate } from './chinese-numerals.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['三十一', 31],
    ['九十九', 99],
    ['一百零一', 101],
    ['廿三', 23],
    ['卅', 30],
    ['二〇二四', 2024],
    ['二○二一', 2021],
    ['二零二五', 2025],
    ['兩', 2],
    ['12', 12],
  ])('%s → %i', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it('refuses what is not a numeral', () => {
    expect(parseChineseNumeral('')).toBeNull();
    expect(parseChineseNumeral('十月')).toBeNull();
    expect(parseChineseNumeral('abc')).toBeNull();
  });
});

describe('toIsoDate', () => {
  it('formats real dates and refuses impossible ones', () => {
    expect(toIsoDate(2021, 1, 8)).toBe('2021-01-08');
    expect(toIsoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(toIsoDate(2023, 2, 29)).toBeNull();
    expect(toIsoDate(2021, 13, 1)).toBeNull();
    expect(toIsoDate(2021, 4, 31)).toBeNull();
  });
});

describe('findDate', () => {
  it('reads Arabic dates with or without spaces', () => {
    expect(findDate('上海市普陀区人民政府办公室 2021年1月8日')?.iso).toBe('2021-01-08');
    expect(findDate('2021 年 1 月 5 日印发')?.iso).toBe('2021-01-05');
  });

  it('reads Chinese-numeral dates', () => {
    const d = findDate('克拉玛依市退役军人事务局二〇二四年十二月二十五日');
    expect(d?.iso).toBe('2024-12-25');
    expect(d?.raw).toBe('二〇二四年十二月二十五日');
    expect(findDate('二○二一年一月八日')?.iso).toBe('2021-01-08');
    expect(findDate('二〇二五年二月十日')?.iso).toBe('2025-02-10');
    expect(findDate('二〇二五年十月三十一日')?.iso).toBe('2025-10-31');
  });

  it('finds the earliest date and reports an impossible one as iso null', () => {
    expect(findDate('于2025年1月20日前报送，2025年1月8日印发')?.iso).toBe('2025-01-20');
    const bad = findDate('2021年2月30日');
    expect(bad).not.toBeNull();
    expect(bad?.iso).toBeNull();
    expect(findDate('2025年春节')).toBeNull();
  });
});
