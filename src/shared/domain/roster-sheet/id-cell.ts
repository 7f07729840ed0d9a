import { type ParsedId, parseIdNumber } from '../id-number.ts';
import { type CellValue, cellText } from './grid.ts';

export const idStoredAsNumberMessage =
  '身份证号被 Excel 存成了数字，后几位已经丢失，不能导入。请把“身份证号”列的单元格格式设为“文本”，' +
  '再对照证件重新录入这些号码（直接改格式无法找回丢失的数字），然后重新上传。';

const idCodes: Record<string, string> = {
  ID_MISSING: 'id-missing',
  ID_FORMAT: 'id-format',
  ID_BIRTHDATE: 'id-birth-date',
  ID_CHECKSUM: 'id-checksum',
  ID_NUMERIC: 'id-stored-as-number',
};

export type IdCellResult = { ok: true; value: ParsedId } | { ok: false; code: string; message: string };

/**
 * Reads an ID number cell. An 18-digit number stored as a number cell has lost its last digits (a double
 * holds 15–16): refused with `id-stored-as-number`. A 15-digit number is exact and accepted.
 */
export function readIdCell(value: CellValue | undefined, now: Date): IdCellResult {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1e14 && value < 1e15) return readIdCell(String(value), now);
    return { ok: false, code: 'id-stored-as-number', message: idStoredAsNumberMessage };
  }
  const text = typeof value === 'string' ? value : cellText(value ?? null);
  const parsed = parseIdNumber(text, now);
  if (parsed.ok) return parsed;
  const code = idCodes[parsed.code] ?? 'id-format';
  const digits = text.replace(/\s+/g, '');
  // Typed over a number cell that had already lost its digits: 18 digits ending 000 failing the check.
  if (code === 'id-stored-as-number' || (code === 'id-checksum' && /^\d{15}000$/.test(digits))) {
    return { ok: false, code: 'id-stored-as-number', message: idStoredAsNumberMessage };
  }
  return { ok: false, code, message: parsed.message };
}
