import { toHalfWidth, toSimplified } from './text.ts';

/**
 * 伤残等级 and 伤残性质 as rosters write them. Grades run from 1 (most severe) to 10: `4`, `4级`, `四级`,
 * `肆级`, `第四级`, `一级`…`十级`. The pre-2004 grades (特等、一等、二等甲 …) map to two new grades each, so
 * they are refused with the range to choose from rather than guessed.
 */
export type GradeResult = { ok: true; value: number } | { ok: false; code: string; message: string };

const numerals: Record<string, number> = {
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
  十: 10,
  拾: 10,
};

/** The 1988 grades and the new grades they were converted to (民政部 2004 conversion). */
const oldGrades: Record<string, string> = {
  特等: '1–2',
  一等: '3–4',
  二等甲: '5–6',
  二等乙: '7–8',
  三等甲: '9',
  三等乙: '10',
};

const outOfRange = (text: string): GradeResult => ({
  ok: false,
  code: 'GRADE_RANGE',
  message: `伤残等级“${text}”不存在：等级为 1–10 级（1 级最重），请核对残疾军人证`,
});

export function parseDisabilityGrade(input: unknown): GradeResult {
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= 1 && input <= 10
      ? { ok: true, value: input }
      : outOfRange(String(input));
  }
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, code: 'GRADE_MISSING', message: '请填写伤残等级（1–10 级）' };
  }
  const text = toSimplified(toHalfWidth(input)).replace(/\s+/g, '');
  const old = Object.keys(oldGrades).find((k) => text.replace(/[级残疾]/g, '') === k);
  if (old) {
    return {
      ok: false,
      code: 'GRADE_OLD_SCALE',
      message: `“${input.trim()}”是 2004 年以前的旧等级，对应现行 ${oldGrades[old]} 级；请按现行残疾军人证填写具体等级`,
    };
  }
  const m = /^第?(\d{1,2}|十|[一二三四五六七八九十壹贰两叁肆伍陆柒捌玖拾]{1,2})(?:级|級)?(?:伤残|残疾)?$/.exec(text);
  if (!m) {
    return {
      ok: false,
      code: 'GRADE_FORMAT',
      message: `无法识别伤残等级“${input.trim()}”，请填写 1–10 或“四级”这样的写法`,
    };
  }
  const token = m[1]!;
  let value: number | undefined;
  if (/^\d+$/.test(token)) value = Number(token);
  else if (token.length === 1) value = numerals[token];
  // Two numerals (十一, 二十 …) name a grade beyond 10.
  if (value === undefined || value < 1 || value > 10) return outOfRange(input.trim());
  return { ok: true, value };
}

export const disabilityNatures = ['因战', '因公', '因病'] as const;
export type DisabilityNatureLabel = (typeof disabilityNatures)[number];

/** 因战 / 因公 / 因病, also written 战、因战致残、因戰 (繁體). */
export function parseDisabilityNature(
  input: unknown,
): { ok: true; value: DisabilityNatureLabel } | { ok: false; code: string; message: string } {
  const text = typeof input === 'string' ? toSimplified(toHalfWidth(input)).replace(/\s+/g, '') : '';
  const m = /^因?(战|公|病)(?:致残|伤残|残疾)?$/.exec(text);
  if (m) return { ok: true, value: `因${m[1]}` as DisabilityNatureLabel };
  return {
    ok: false,
    code: 'NATURE_FORMAT',
    message: `无法识别伤残性质“${String(input ?? '').trim()}”，应为因战、因公或因病`,
  };
}
