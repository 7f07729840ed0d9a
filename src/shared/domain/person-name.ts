import { toHalfWidth } from './text.ts';

/**
 * A person's name as it arrives from forms and rosters. Normalised: surrounding blanks and the space that
 * clerks put inside two-character names (`张  三`, `王　芳`) are removed; the separator dot of minority and
 * foreign names (`买买提·艾力`) is unified to U+00B7. Rare characters beyond the BMP (GB 18030-2022, CJK
 * Extension B and later, e.g. 𡒄 𪚥) are kept exactly as typed: no Unicode normalisation touches them.
 *
 * Refused: characters that spreadsheets or browsers would interpret (`=`, `+`, `@`, `<`, `>` …), digits,
 * control characters, and 自造字 in the Private Use Area, which other systems cannot show.
 */
export type NameResult = { ok: true; value: string } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): NameResult => ({ ok: false, code, message });

/** Dots people use between the parts of a transliterated name. */
const dotVariants = /[\u00b7\u2022\u2027\u2219\u30fb\uff65\u318d\u16eb\u2e31\u0387\u22c5]/g;
/** Blanks, including the ideographic space, no-break space and zero-width characters. */
const blanks = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;

export const maxNameLength = 40;

export function normalizePersonName(input: unknown): NameResult {
  if (typeof input !== 'string') return fail('NAME_MISSING', '请填写姓名');
  let name = toHalfWidth(input).replace(blanks, ' ').trim();
  if (name === '') return fail('NAME_MISSING', '请填写姓名');
  name = name.replace(dotVariants, '·').replace(/\s*·\s*/g, '·');
  // A space between two non-Latin characters is a typing habit, never part of the name.
  name = name.replace(/(?<=[^\p{Script=Latin}\s]) (?=[^\p{Script=Latin}\s])/gu, '');

  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) return fail('NAME_ENCODING', '姓名含有损坏的字符，请重新输入');
    if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) {
      return fail(
        'NAME_PRIVATE_CHAR',
        '姓名含有自造字（私用区字符），其他系统无法显示；请改用 GB 18030-2022 标准字符（如 𡒄、𪚥）后重试',
      );
    }
    if (/\d/.test(ch)) return fail('NAME_DIGIT', '姓名中不能包含数字，请核对是否误填了证件号或电话');
    if (/[=+@<>&"'`\\/{}[\]|;:$%^*()#!?,，。；：、-]/.test(ch) || /\p{C}/u.test(ch)) {
      return fail('NAME_CHARACTER', `姓名中不能包含符号“${ch}”，请只填写姓名本身`);
    }
    if (!/[\p{L}\p{M}· ]/u.test(ch)) return fail('NAME_CHARACTER', `姓名中不能包含“${ch}”，请只填写姓名本身`);
  }
  if (name.startsWith('·') || name.endsWith('·') || name.includes('··')) {
    return fail('NAME_CHARACTER', '姓名中的间隔号“·”只能出现在两段名字之间，如 买买提·艾力');
  }
  if ([...name].length > maxNameLength) return fail('NAME_TOO_LONG', `姓名过长（最多 ${maxNameLength} 个字），请核对`);
  return { ok: true, value: name };
}
