import { toHalfWidth } from './text.ts';

/**
 * Dates as registry rosters hold them: real date cells, Excel serial numbers, `1950-03-12`, `1950/3/12`,
 * `1950.03`, `1950年3月`, `19500312`, a bare year. Pure: no clock, no time zone (date cells are read in UTC,
 * which is how spreadsheet libraries hand them over).
 *
 * A date may be partial (year, or year and month): `iso` is then `YYYY` or `YYYY-MM`.
 */
export interface LooseDate {
  year: number;
  month: number | null;
  day: number | null;
}

export type DateResult =
  | { ok: true; value: LooseDate; iso: string }
  | {
      ok: false;
      code: 'date-invalid' | 'date-ambiguous';
      message: string;
      /** For `date-ambiguous`: the readings to choose from (a cross-check may settle it). */
      candidates?: LooseDate[];
    };

const minYear = 1850;
const maxYear = 2200;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function looseDateIso(d: LooseDate): string {
  const y = String(d.year).padStart(4, '0');
  if (d.month === null) return y;
  const m = String(d.month).padStart(2, '0');
  if (d.day === null) return `${y}-${m}`;
  return `${y}-${m}-${String(d.day).padStart(2, '0')}`;
}

const invalid = (shown: string): DateResult => ({
  ok: false,
  code: 'date-invalid',
  message: `日期“${shown}”无法识别或不存在，请写成 1950-03-12、1950.03 或 1950年3月 这样的格式`,
});

function make(year: number, month: number | null, day: number | null, shown: string): DateResult {
  if (!Number.isInteger(year) || year < minYear || year > maxYear) return invalid(shown);
  if (month !== null && (month < 1 || month > 12)) return invalid(shown);
  if (day !== null && (month === null || day < 1 || day > daysIn(year, month))) return invalid(shown);
  const value = { year, month, day };
  return { ok: true, value, iso: looseDateIso(value) };
}

const msPerDay = 86_400_000;
/** Day 0 of Excel's 1900 date system, as used for serials ≥ 61 (after Lotus's phantom 1900-02-29). */
const excelEpoch = Date.UTC(1899, 11, 30);

/** An Excel serial day number (1900 date system) → date; the fraction (time of day) is ignored. */
export function excelSerialToDate(serial: number): LooseDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  let whole = Math.floor(serial);
  if (whole === 60) return null; // 1900-02-29 never existed
  if (whole < 60) whole += 1;
  const d = new Date(excelEpoch + whole * msPerDay);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The Excel serial of a calendar date (1900 date system): what a date cell stores. */
export function dateToExcelSerial(d: { year: number; month: number; day: number }): number {
  const serial = Math.round((Date.UTC(d.year, d.month - 1, d.day) - excelEpoch) / msPerDay);
  return serial <= 60 ? serial - 1 : serial;
}

function fromNumber(n: number): DateResult {
  const shown = String(n);
  if (!Number.isFinite(n) || n <= 0) return invalid(shown);
  if (Number.isInteger(n)) {
    if (n >= minYear && n <= maxYear) return make(n, null, null, shown);
    // 19500312 and 195003 typed into a number cell.
    if (n >= 18_500_101 && n <= 22_001_231)
      return make(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, shown);
    if (n >= 185_001 && n <= 220_012) return make(Math.floor(n / 100), n % 100, null, shown);
  } else {
    const whole = Math.floor(n);
    if (whole >= minYear && whole <= maxYear) {
      // 1950.03 typed into a number cell: year.month. The cell keeps 1950.1 for both 1950.1 and 1950.10.
      const fraction = shown.split('.')[1] ?? '';
      if (fraction === '1') {
        return {
          ok: false,
          code: 'date-ambiguous',
          message: `日期“${shown}”被表格存成了数字，无法分辨是 1 月还是 10 月；请将该列设为文本，写成 ${whole}.01 或 ${whole}.10`,
          candidates: [
            { year: whole, month: 1, day: null },
            { year: whole, month: 10, day: null },
          ],
        };
      }
      if (fraction.length === 2 || fraction.length === 1) return make(whole, Number(fraction), null, shown);
      return invalid(shown);
    }
  }
  const serial = excelSerialToDate(n);
  return serial ? make(serial.year, serial.month, serial.day, shown) : invalid(shown);
}

const chineseDigits: Record<string, string> = {
  〇: '0',
  零: '0',
  O: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 三 → 3, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31 (what months and days need). */
function chineseNumber(text: string): number {
  const digit = (c: string | undefined) => (c ? Number(chineseDigits[c] ?? Number.NaN) : 0);
  const at = text.indexOf('十');
  if (at < 0) return text.length === 1 ? digit(text) : Number.NaN;
  const tens = at === 0 ? 1 : digit(text.slice(0, at));
  return tens * 10 + digit(text.slice(at + 1) || undefined);
}

function fromText(input: string): DateResult {
  const shown = input.trim();
  let text = toHalfWidth(input).replace(/\s+/g, ' ').trim();
  // 一九五〇年三月十二日 → 1950年3月12日 (the year written digit by digit, month and day as numerals).
  if (/^[〇零一二三四五六七八九O]{4}年/.test(text)) {
    text = text.replace(/^[〇零一二三四五六七八九O]{4}/, (y) => [...y].map((c) => chineseDigits[c] ?? c).join(''));
    text = text.replace(/[一二三四五六七八九十]+/g, (num) => String(chineseNumber(num)));
  }
  // A time part after the date (1950-03-12 00:00:00, 1950-03-12T00:00:00Z).
  text = text.replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '').trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(text);
  if (m) return make(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text);
  if (m) return make(Number(m[1]), Number(m[2]), null, shown);
  m = /^(\d{4})\s*年?$/.exec(text);
  if (m) return make(Number(m[1]), null, null, shown);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return make(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  m = /^(\d{4})(\d{2})$/.exec(text);
  if (m) return make(Number(m[1]), Number(m[2]), null, shown);
  // A serial that reached us as text (CSV written from a date column formatted as General).
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    const serial = excelSerialToDate(Number(text));
    if (serial) return make(serial.year, serial.month, serial.day, shown);
  }
  return invalid(shown);
}

/**
 * Reads a date cell. `Date` values are read in UTC and rounded to the nearest day (spreadsheet libraries
 * turn serials into UTC midnights, sometimes a millisecond off).
 */
export function readLooseDate(input: unknown): DateResult | null {
  if (input === null || input === undefined) return null;
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return invalid(String(input));
    const d = new Date(Math.round(input.getTime() / msPerDay) * msPerDay);
    return make(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.toISOString().slice(0, 10));
  }
  if (typeof input === 'number') return fromNumber(input);
  if (typeof input === 'string') return input.trim() === '' ? null : fromText(input);
  return invalid(String(input));
}

/** Whether a (possibly partial) date agrees with a full `YYYY-MM-DD` date in every part it has. */
export function looseDateMatches(d: LooseDate, full: string): boolean {
  const [y, m, day] = full.split('-').map(Number);
  if (d.year !== y) return false;
  if (d.month !== null && d.month !== m) return false;
  if (d.day !== null && d.day !== day) return false;
  return true;
}
