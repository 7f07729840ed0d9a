import { toHalfWidth } from './text.ts';

/** GB 11643 / ISO 7064 MOD 11-2 check character of the first 17 digits. */
const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * checkWeights[i]!;
  return '10X98765432'[sum % 11]!;
}

/** 110105********002X: the first six and the last four; what every role without full-ID rights sees. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export interface ParsedId {
  id: string;
  sex: 'M' | 'F';
  birthDate: string;
  regionCode: string;
  upgradedFrom15: boolean;
}

export type IdResult = { ok: true; value: ParsedId } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): IdResult => ({ ok: false, code, message });

const cleanId = /^\d{17}[\dX]$/;

/** Days of a month in the proleptic Gregorian calendar (as JavaScript dates count them). */
const daysInMonth = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * Reads a 身份证号 as it arrives: spaces, full-width digits, lowercase x, 15-digit numbers (upgraded to 18).
 * Numbers that a spreadsheet turned into floats are refused: their digits are already lost.
 */
export function parseIdNumber(input: unknown, now: Date): IdResult {
  if (typeof input === 'number') {
    return fail('ID_NUMERIC', '身份证号被表格软件存成了数字，末几位已丢失；请将该列设为文本后重新填写');
  }
  if (typeof input !== 'string') return fail('ID_MISSING', '请填写身份证号');
  // Most numbers arrive clean (an import reads each one three times): nothing to normalise then.
  const raw = cleanId.test(input) ? input : toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
  if (raw === '') return fail('ID_MISSING', '请填写身份证号');
  if (/E\+?\d+$/.test(raw) || /^\d+\.\d+$/.test(raw)) {
    return fail('ID_NUMERIC', '身份证号被表格软件存成了数字（科学计数法），末几位已丢失；请将该列设为文本后重新填写');
  }
  let id = raw;
  let upgradedFrom15 = false;
  if (/^\d{15}$/.test(raw)) {
    const body = `${raw.slice(0, 6)}19${raw.slice(6)}`;
    id = body + idCheckDigit(body);
    upgradedFrom15 = true;
  } else if (!/^\d{17}[\dX]$/.test(raw)) {
    return fail('ID_FORMAT', '身份证号应为 18 位（最后一位可为 X）或 15 位数字');
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('ID_BIRTHDATE', `身份证号中的出生日期 ${birthDate} 不存在，请核对第 7–14 位`);
  }
  // Date.UTC reads years 0–99 as 19xx: those are refused as before 1880 either way.
  if (year < 1880 || Date.UTC(year, month - 1, day) > now.getTime()) {
    return fail('ID_BIRTHDATE', `身份证号中的出生日期 ${birthDate} 不合理，请核对第 7–14 位`);
  }
  if (!upgradedFrom15 && idCheckDigit(id.slice(0, 17)) !== id[17]) {
    return fail('ID_CHECKSUM', '身份证号校验位错误，请核对最后一位及其他各位');
  }
  return {
    ok: true,
    value: { id, sex: Number(id[16]) % 2 === 1 ? 'M' : 'F', birthDate, regionCode: id.slice(0, 6), upgradedFrom15 },
  };
}

/**
 * Sex and birth date are read from the number; what a form or roster says beside it must agree.
 * Returns one message per disagreement (empty when both agree or were not given).
 */
export function crossCheckId(
  parsed: ParsedId,
  stated: { sex?: 'M' | 'F' | null | undefined; birthDate?: string | null | undefined },
): { field: 'sex' | 'birthDate'; message: string }[] {
  const out: { field: 'sex' | 'birthDate'; message: string }[] = [];
  const label = (s: 'M' | 'F') => (s === 'M' ? '男' : '女');
  if (stated.sex && stated.sex !== parsed.sex) {
    out.push({
      field: 'sex',
      message: `性别填的是${label(stated.sex)}，身份证号第 17 位表示${label(parsed.sex)}；请核对证号或性别`,
    });
  }
  if (stated.birthDate && stated.birthDate !== parsed.birthDate) {
    out.push({
      field: 'birthDate',
      message: `出生日期填的是 ${stated.birthDate}，身份证号中为 ${parsed.birthDate}；请核对证号或出生日期`,
    });
  }
  return out;
}
