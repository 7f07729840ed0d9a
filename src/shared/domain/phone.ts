import { toHalfWidth } from './text.ts';

/**
 * Phone numbers as registry clerks type them: mobiles with or without +86 and separators, landlines with
 * their 区号 (`021-62345678`, `(0991)6234567`, `021 6234 5678 转 801`). Stored normalised:
 * mobiles as 11 digits, landlines as `区号-号码[-分机]`.
 */
export type PhoneKind = 'mobile' | 'landline';

export interface ParsedPhone {
  value: string;
  kind: PhoneKind;
}

export type PhoneResult = { ok: true; value: ParsedPhone } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): PhoneResult => ({ ok: false, code, message });

/** 区号 of three digits: 010 (北京) and 020–029; every other 区号 has four (0991, 0571 …). */
const areaLength = (digits: string) => (digits.startsWith('010') || /^02\d/.test(digits) ? 3 : 4);

export function parsePhone(input: unknown): PhoneResult {
  if (typeof input === 'number') input = String(input);
  if (typeof input !== 'string') return fail('PHONE_MISSING', '请填写电话号码');
  let text = toHalfWidth(input)
    .trim()
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[—–－]/g, '-');
  if (text === '') return fail('PHONE_MISSING', '请填写电话号码');

  // Extension: 转801, ext. 801, x801, or a third group after the local number (021-62345678-801).
  let extension: string | null = null;
  const ext = /(?:转|分机|ext\.?|x)\s*(\d{1,6})$/i.exec(text);
  if (ext) {
    extension = ext[1]!;
    text = text.slice(0, ext.index).trim();
  }
  if (/[^\d\s()+\-.]/.test(text)) {
    return fail('PHONE_FORMAT', '电话号码只能包含数字，固定电话请写成“区号-号码”，如 021-62345678');
  }
  const international = text.startsWith('+') || /^0086/.test(text.replace(/\D/g, ''));
  if (text.indexOf('+') > 0 || (text.match(/\+/g) ?? []).length > 1) {
    return fail('PHONE_FORMAT', '电话号码格式有误，请只填一个号码');
  }
  let groups = text
    .replace(/^\+/, '')
    .split(/[\s()\-.]+/)
    .filter(Boolean);
  // Country code: +86 / 0086, or a bare 86 in front of a mobile (8613800138000).
  const stripCountry = (g: string[]): string[] => {
    const joined = g.join('');
    if (international && /^(0086|86)/.test(joined)) {
      const rest = joined.replace(/^(0086|86)/, '');
      // +86 21 62345678 is 021-62345678 at home; keep the groups after the country code when it stood alone.
      const tail = g[0] === '86' || g[0] === '0086' ? g.slice(1) : [rest];
      return /^1/.test(rest) || rest.startsWith('0') ? tail : [`0${tail[0] ?? ''}`, ...tail.slice(1)];
    }
    if (/^861[3-9]\d{9}$/.test(joined)) return [joined.slice(2)];
    return g;
  };
  groups = stripCountry(groups);
  let digits = groups.join('');

  if (/^1\d{10}$/.test(digits)) {
    if (!/^1[3-9]/.test(digits)) return fail('PHONE_FORMAT', `手机号 ${digits} 的号段不存在，请核对`);
    if (extension) return fail('PHONE_FORMAT', '手机号没有分机号，请核对');
    return { ok: true, value: { value: digits, kind: 'mobile' } };
  }
  if (/^1\d*$/.test(digits)) {
    return fail('PHONE_FORMAT', `手机号应为 11 位，现为 ${digits.length} 位，请核对`);
  }

  // Landline. A trailing third group of up to 6 digits after a full number is an extension.
  if (!extension && groups.length >= 3 && /^\d{1,6}$/.test(groups[groups.length - 1]!)) {
    const withoutLast = groups.slice(0, -1).join('');
    if (/^0\d{9,11}$/.test(withoutLast)) {
      extension = groups[groups.length - 1]!;
      digits = withoutLast;
    }
  }
  if (!digits.startsWith('0')) {
    if (/^[2-9]\d{6,7}$/.test(digits)) {
      return fail('PHONE_AREA_CODE', `固定电话 ${digits} 缺少区号，请写成“区号-号码”，如 021-${digits}`);
    }
    return fail('PHONE_FORMAT', '电话号码格式有误：手机号为 11 位，固定电话请写成“区号-号码”，如 021-62345678');
  }
  const area = digits.slice(0, areaLength(digits));
  const local = digits.slice(area.length);
  if (!/^[2-9]\d{6,7}$/.test(local)) {
    return fail('PHONE_FORMAT', `固定电话号码应为区号加 7–8 位号码，如 ${area}-62345678，请核对`);
  }
  return { ok: true, value: { value: `${area}-${local}${extension ? `-${extension}` : ''}`, kind: 'landline' } };
}

/**
 * Several numbers in one cell or field (`13800138000/021-62345678`, `13800138000、13900139000`).
 * Spaces alone do not separate: `021 6234 5678` is one number.
 */
export function splitPhones(text: string): string[] {
  return toHalfWidth(text)
    .split(/[/／,，;；、|\n]+|\s{2,}/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `138****5678`; landlines keep their 区号: `021-****5678`. What every role without full rights sees. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const m = /^(0\d{2,3})-(\d{7,8})(?:-\d+)?$/.exec(phone);
  if (m) return `${m[1]}-${'*'.repeat(m[2]!.length - 4)}${m[2]!.slice(-4)}`;
  return phone.length <= 4 ? '*'.repeat(phone.length) : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}
