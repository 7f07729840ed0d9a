import { describe, expect, it } from 'vitest';
import { dateToExcelSerial, excelSerialToDate, looseDateMatches, readLooseDate } from './dates.ts';

const iso = (input: unknown) => {
  const r = readLooseDate(input);
  return r?.ok ? r.iso : (r?.code ?? null);
};

describe('readLooseDate', () => {
  it('reads the forms rosters use', () => {
    expect(iso('1950-03-12')).toBe('1950-03-12');
    expect(iso('1950/3/12')).toBe('1950-03-12');
    expect(iso('1950.03.12')).toBe('1950-03-12');
    expect(iso('1950年3月12日')).toBe('1950-03-12');
    expect(iso('1950年3月12号')).toBe('1950-03-12');
    expect(iso('1950.03')).toBe('1950-03');
    expect(iso('1950.3')).toBe('1950-03');
    expect(iso('1950.10')).toBe('1950-10');
    expect(iso('1950年3月')).toBe('1950-03');
    expect(iso('1950-03')).toBe('1950-03');
    expect(iso('19500312')).toBe('1950-03-12');
    expect(iso('195003')).toBe('1950-03');
    expect(iso('1950年')).toBe('1950');
    expect(iso('１９５０年３月')).toBe('1950-03');
    expect(iso(' 1950 - 03 - 12 ')).toBe('1950-03-12');
    expect(iso('1950-03-12 00:00:00')).toBe('1950-03-12');
    expect(iso('一九五〇年三月十二日')).toBe('1950-03-12');
    expect(iso('一九五〇年十月')).toBe('1950-10');
  });

  it('reads date cells in UTC and rounds a millisecond off', () => {
    expect(iso(new Date(Date.UTC(1950, 2, 12)))).toBe('1950-03-12');
    expect(iso(new Date(Date.UTC(1950, 2, 12) - 1))).toBe('1950-03-12');
  });

  it('reads Excel serials, numbers typed as year.month and yyyymmdd numbers', () => {
    expect(iso(18334)).toBe('1950-03-12');
    expect(iso(18334.5)).toBe('1950-03-12');
    expect(iso(1950.03)).toBe('1950-03');
    expect(iso(1950.12)).toBe('1950-12');
    expect(iso(19500312)).toBe('1950-03-12');
    expect(iso(195003)).toBe('1950-03');
    expect(iso(1950)).toBe('1950');
    expect(iso('18334')).toBe('1950-03-12');
  });

  it('does not guess: 1950.1 in a number cell may be January or October', () => {
    const r = readLooseDate(1950.1);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.code).toBe('date-ambiguous');
      expect(r.candidates?.map((c) => c.month)).toEqual([1, 10]);
      expect(r.message).toContain('文本');
    }
    // As text, 1950.1 is January.
    expect(iso('1950.1')).toBe('1950-01');
  });

  it('refuses dates that do not exist', () => {
    expect(iso('1950-02-30')).toBe('date-invalid');
    expect(iso('1950-13')).toBe('date-invalid');
    expect(iso('3/12/1950')).toBe('date-invalid');
    expect(iso('不详')).toBe('date-invalid');
    expect(iso(0)).toBe('date-invalid');
    expect(readLooseDate('')).toBeNull();
    expect(readLooseDate(null)).toBeNull();
  });

  it('converts serials both ways, 1900 leap-year bug included', () => {
    expect(excelSerialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(excelSerialToDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(dateToExcelSerial({ year: 1950, month: 3, day: 12 })).toBe(18334);
    expect(dateToExcelSerial({ year: 1900, month: 1, day: 1 })).toBe(1);
  });

  it('matches partial dates against full ones', () => {
    expect(looseDateMatches({ year: 1950, month: 3, day: null }, '1950-03-12')).toBe(true);
    expect(looseDateMatches({ year: 1950, month: 4, day: null }, '1950-03-12')).toBe(false);
    expect(looseDateMatches({ year: 1950, month: null, day: null }, '1950-03-12')).toBe(true);
  });
});
