/**
 * 慰问信 templates, stored as data: plain text with placeholders `{{姓名}}`, `{{称谓}}`, `{{类别}}`,
 * `{{落款单位}}`, `{{日期}}` (single braces `{姓名}` work too). Pure: the layout of the printed letter
 * (GB/T 9704-like) takes the blocks that `letterBlocks` returns.
 *
 * Reading of a template, line by line (blank lines are ignored, leading spaces and 　 are dropped):
 * - the first line ending in `：` is the salutation (称呼), printed flush left;
 * - `敬礼！` (and the like) is printed flush left, every other line is a paragraph indented two characters;
 * - a line holding only `{{落款单位}}` or `{{日期}}` is the signature block, printed on the right;
 *   a template without them gets both appended.
 */

export const letterPlaceholders = ['姓名', '称谓', '类别', '落款单位', '日期'] as const;
export type LetterPlaceholder = (typeof letterPlaceholders)[number];
export type LetterFields = Record<LetterPlaceholder, string>;

const placeholderPattern = /\{\{?\s*([^{}\s]+)\s*\}?\}/g;

export const defaultLetterTitle = '慰问信';

export const defaultLetterTemplate = [
  '尊敬的{{姓名}}{{称谓}}：',
  '值此新春佳节来临之际，我们谨代表区委、区政府和全区人民，向您和您的家人致以节日的问候和崇高的敬意！',
  '长期以来，您和您的家人为国防和军队建设作出了重要贡献，党和政府不会忘记，人民不会忘记。希望您继续发扬光荣传统，保重身体，一如既往地关心支持国防和军队建设。遇到困难，请随时与所在街道（镇）退役军人服务站联系。',
  '衷心祝愿您新春愉快，身体健康，阖家幸福，万事如意！',
  '此致',
  '敬礼！',
  '{{落款单位}}',
  '{{日期}}',
].join('\n');

/** Placeholders that a template uses, and the ones it names that do not exist (shown to the editor). */
export function templatePlaceholders(template: string): { used: LetterPlaceholder[]; unknown: string[] } {
  const used = new Set<LetterPlaceholder>();
  const unknown = new Set<string>();
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1]!;
    if ((letterPlaceholders as readonly string[]).includes(name)) used.add(name as LetterPlaceholder);
    else unknown.add(name);
  }
  return { used: [...used], unknown: [...unknown] };
}

/** Fills the placeholders; unknown ones are left as written. */
export function mergeTemplate(text: string, fields: LetterFields): string {
  return text.replace(placeholderPattern, (whole, name: string) =>
    (letterPlaceholders as readonly string[]).includes(name) ? fields[name as LetterPlaceholder] : whole,
  );
}

export type LetterBlock =
  | { kind: 'salutation'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'closing'; text: string }
  | { kind: 'signature'; text: string }
  | { kind: 'date'; text: string };

const closingLine = /^(敬礼|致以|顺致|谨致)/;
const onlyPlaceholder = (line: string, name: LetterPlaceholder) =>
  new RegExp(`^\\{\\{?\\s*${name}\\s*\\}?\\}$`).test(line);

/** The blocks of one merged letter, in order. */
export function letterBlocks(template: string, fields: LetterFields): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let salutationSeen = false;
  let hasSignature = false;
  let hasDate = false;
  for (const raw of template.split(/\r?\n/)) {
    const line = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (!line) continue;
    if (onlyPlaceholder(line, '落款单位')) {
      hasSignature = true;
      if (fields.落款单位) blocks.push({ kind: 'signature', text: fields.落款单位 });
      continue;
    }
    if (onlyPlaceholder(line, '日期')) {
      hasDate = true;
      if (fields.日期) blocks.push({ kind: 'date', text: fields.日期 });
      continue;
    }
    const text = mergeTemplate(line, fields);
    if (!salutationSeen && /[：:]$/.test(text) && blocks.length === 0) {
      salutationSeen = true;
      blocks.push({ kind: 'salutation', text });
    } else if (closingLine.test(text) && text.length <= 8) {
      blocks.push({ kind: 'closing', text });
    } else {
      blocks.push({ kind: 'paragraph', text });
    }
  }
  if (!hasSignature && fields.落款单位) blocks.push({ kind: 'signature', text: fields.落款单位 });
  if (!hasDate && fields.日期) blocks.push({ kind: 'date', text: fields.日期 });
  return blocks;
}

/** `2026-02-01` → `2026年2月1日` (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
