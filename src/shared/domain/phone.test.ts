import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone, splitPhones } from './phone.ts';

const value = (input: unknown) => {
  const r = parsePhone(input);
  return r.ok ? r.value.value : r.code;
};

describe('phone numbers as clerks type them', () => {
  it('reads mobiles with country codes, separators and full-width digits', () => {
    for (const input of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '+8613800138000',
      '8613800138000',
      '0086 13800138000',
      '１３８００１３８０００',
      ' 138.0013.8000 ',
      13800138000,
    ]) {
      expect(value(input), String(input)).toBe('13800138000');
    }
    expect(parsePhone('13800138000')).toMatchObject({ ok: true, value: { kind: 'mobile' } });
  });

  it('reads landlines with 区号 in every common shape', () => {
    expect(value('021-62345678')).toBe('021-62345678');
    expect(value('02162345678')).toBe('021-62345678');
    expect(value('(021)62345678')).toBe('021-62345678');
    expect(value('（021）6234 5678')).toBe('021-62345678');
    expect(value('021 6234 5678')).toBe('021-62345678');
    expect(value('010-8888 6666')).toBe('010-88886666');
    expect(value('0991-6234567')).toBe('0991-6234567');
    expect(value('09916234567')).toBe('0991-6234567');
    expect(value('+86 21 62345678')).toBe('021-62345678');
    expect(value('021－62345678')).toBe('021-62345678');
  });

  it('keeps extensions', () => {
    expect(value('021-62345678 转 801')).toBe('021-62345678-801');
    expect(value('021-62345678-801')).toBe('021-62345678-801');
    expect(value('021-62345678 ext. 12')).toBe('021-62345678-12');
  });

  it('refuses what cannot be dialled, saying how to fix it', () => {
    const noArea = parsePhone('62345678');
    expect(noArea).toMatchObject({ ok: false, code: 'PHONE_AREA_CODE' });
    expect(!noArea.ok && noArea.message).toContain('021-62345678');
    expect(parsePhone('1380013800')).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    expect(parsePhone('12800138000')).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    expect(parsePhone('138001380001')).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    expect(parsePhone('电话138')).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    expect(parsePhone('=1+2')).toMatchObject({ ok: false });
    expect(parsePhone('021-1234')).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
    expect(parsePhone('')).toMatchObject({ ok: false, code: 'PHONE_MISSING' });
    expect(parsePhone(null)).toMatchObject({ ok: false, code: 'PHONE_MISSING' });
  });

  it('splits cells holding several numbers but not a spaced-out landline', () => {
    expect(splitPhones('13800138000/021-62345678')).toEqual(['13800138000', '021-62345678']);
    expect(splitPhones('13800138000、13900139000；13700137000')).toEqual(['13800138000', '13900139000', '13700137000']);
    expect(splitPhones('021 6234 5678')).toEqual(['021 6234 5678']);
  });

  it('masks mobiles as 138****5678 and landlines behind their 区号', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021-62345678')).toBe('021-****5678');
    expect(maskPhone('0991-6234567-801')).toBe('0991-***4567');
    expect(maskPhone('123')).toBe('***');
  });
});
