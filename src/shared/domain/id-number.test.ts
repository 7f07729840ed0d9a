import { describe, expect, it } from 'vitest';
import { idCheckDigit, maskIdNumber, parseIdNumber } from './id-number.ts';

const now = new Date('2026-11-25T00:00:00Z');

describe('身份证号', () => {
  it('accepts the published examples and derives sex and birth date', () => {
    const r = parseIdNumber('11010519491231002X', now);
    expect(r).toEqual({
      ok: true,
      value: {
        id: '11010519491231002X',
        sex: 'F',
        birthDate: '1949-12-31',
        regionCode: '110105',
        upgradedFrom15: false,
      },
    });
    expect(parseIdNumber('440524188001010014', now).ok).toBe(true);
    expect(parseIdNumber('34052419800101001X', now).ok).toBe(true);
  });
  it('reads lowercase x, full-width digits and spaces', () => {
    const r = parseIdNumber(' １１０１０５ 19491231002x ', now);
    expect(r.ok && r.value.id).toBe('11010519491231002X');
  });
  it('upgrades 15 digits to 18', () => {
    const r = parseIdNumber('110105491231002', now);
    expect(r.ok && r.value.id).toBe('11010519491231002X');
    expect(r.ok && r.value.upgradedFrom15).toBe(true);
  });
  it('refuses a wrong check digit, an impossible date and a future birth', () => {
    expect(parseIdNumber('110105194912310021', now)).toMatchObject({ ok: false, code: 'ID_CHECKSUM' });
    const feb30 = '11010519500230001';
    expect(parseIdNumber(feb30 + idCheckDigit(feb30), now)).toMatchObject({ ok: false, code: 'ID_BIRTHDATE' });
    const future = '11010520300101001';
    expect(parseIdNumber(future + idCheckDigit(future), now)).toMatchObject({ ok: false, code: 'ID_BIRTHDATE' });
  });
  it('refuses numbers that a spreadsheet turned into floats', () => {
    expect(parseIdNumber(110105194912310020, now)).toMatchObject({ ok: false, code: 'ID_NUMERIC' });
    expect(parseIdNumber('1.10105194912310E+17', now)).toMatchObject({ ok: false, code: 'ID_NUMERIC' });
  });
  it('masks all but the first six and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
