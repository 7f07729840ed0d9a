/** Chinese numerals as they appear in notices: section numbers (一、十二) and dates (二〇二四年十二月二十五日). */

const digitValues: Record<string, number> = {};
for (const [chars, value] of [
  ['〇○零OoＯ0', 0],
  ['一壹', 1],
  ['二贰貳两兩', 2],
  ['三叁', 3],
  ['四肆', 4],
  ['五伍', 5],
  ['六陆陸', 6],
  ['七柒', 7],
  ['八捌', 8],
  ['九玖', 9],
] as const) {
  for (const c of chars) digitValues[c] = value;
}

const unitValues: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/**
 * Reads a Chinese numeral: unit form (十二, 二十五, 一百零一, 廿三) or positional digits (二〇二四).
 * Returns null when the string is not a numeral.
 */
export function parseChineseNumeral(input: string): number | null {
  const s = input.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  const chars = [...s];
  if (chars.every((c) => c in digitValues) && chars.length > 1) {
    // positional: 二〇二四 → 2024
    return chars.reduce((acc, c) => acc * 10 + (digitValues[c] ?? 0), 0);
  }
  let total = 0;
  let current = -1; // -1: no pending digit
  for (const c of chars) {
    if (c === '廿') {
      total += 20;
      current = -1;
    } else if (c === '卅') {
      total += 30;
      current = -1;
    } else if (c in digitValues) {
      current = digitValues[c] ?? 0;
    } else if (c in unitValues) {
      const unit = unitValues[c] ?? 1;
      total += (current < 0 ? 1 : current) * unit;
      current = -1;
    } else {
      return null;
    }
  }
  if (current > 0) total += current;
  return total;
}

/** YYYY-MM-DD for a real calendar date, else null (2021-02-30 → null). */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const arabicDate = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]/;
const chineseDate =
  /([〇○零OoＯ0一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十廿卅]{1,4})\s*[日号號]/;

/** Source of a date pattern (arabic or Chinese numerals), for embedding in other regular expressions. */
export const datePatternSource = `(?:${arabicDate.source}|${chineseDate.source})`;

export interface FoundDate {
  /** YYYY-MM-DD, or null when the text names an impossible date. */
  iso: string | null;
  index: number;
  length: number;
  raw: string;
}

/** Finds the first written date (2021年1月8日 or 二〇二四年十二月二十五日) in text. */
export function findDate(text: string): FoundDate | null {
  const a = arabicDate.exec(text);
  const c = chineseDate.exec(text);
  const m = a && c ? (a.index <= c.index ? a : c) : (a ?? c);
  if (!m) return null;
  const numeric = m === a;
  const year = numeric ? Number(m[1]) : parseChineseNumeral(m[1] ?? '');
  const month = numeric ? Number(m[2]) : parseChineseNumeral(m[2] ?? '');
  const day = numeric ? Number(m[3]) : parseChineseNumeral(m[3] ?? '');
  const iso = year === null || month === null || day === null ? null : toIsoDate(year, month, day);
  return { iso, index: m.index, length: m[0].length, raw: m[0] };
}
