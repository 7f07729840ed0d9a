import { matchKey } from '../text.ts';
import { type CellValue, cellText } from './grid.ts';

/** Rows that are not people: blank rows, 合计, section titles (一、某某街道), notes and signatures below the table. */
export type RowKind = 'person' | 'blank' | 'total' | 'note' | 'section' | 'header' | 'empty';

export const rowKindLabels: Record<Exclude<RowKind, 'person'>, string> = {
  blank: '空行',
  total: '合计行',
  note: '表尾说明或签字行',
  section: '分组标题行',
  header: '重复的表头',
  empty: '没有姓名和身份证号的行',
};

const totalKeys = ['合计', '总计', '小计', '共计', '总数', '累计'];
const notePrefixes = [
  '注',
  '说明',
  '备注:',
  '填表人',
  '填报人',
  '制表人',
  '审核人',
  '负责人',
  '单位负责人',
  '填报单位',
  '填表单位',
  '填报日期',
  '填表日期',
  '制表日期',
  '联系人',
  '联系电话:',
  '领导签字',
  '签字',
  '盖章',
].map(matchKey); // compared by key: computed once, not per row

/** What kind of row this is, given the columns that identify a person (ID number and name). */
export function classifyRow(cells: CellValue[], idCol: number, nameCol: number | undefined): RowKind {
  const texts = cells.map((c) => cellText(c));
  const filledAt: number[] = [];
  for (let col = 0; col < texts.length; col++) if (texts[col] !== '') filledAt.push(col);
  if (filledAt.length === 0) return 'blank';
  // The filled cells' keys, computed as far as a rule looks (a person row differs from its first cell early).
  const keys: string[] = [];
  const keyAt = (i: number) => (keys[i] ??= matchKey(texts[filledAt[i]!]!));
  const first = keyAt(0);
  // `合计` in the serial or name column, or a first cell such as `合计：125人`.
  if (totalKeys.some((t) => first.startsWith(t))) return 'total';
  for (let i = 0; i < Math.min(3, filledAt.length); i++) if (totalKeys.includes(keyAt(i))) return 'total';
  if (notePrefixes.some((p) => first.startsWith(p))) return 'note';
  const idText = texts[idCol] ?? '';
  const nameText = nameCol === undefined ? '' : (texts[nameCol] ?? '');
  let same = true;
  for (let i = 1; same && i < filledAt.length; i++) same = keyAt(i) === first;
  if (same && !/\d{15}/.test(first)) {
    // The same text in every filled cell: a merged row such as `一、长寿路街道` across the table.
    if (filledAt.length >= 2) return 'section';
    // One filled cell: a title in the serial column, or a name-column entry that reads like a title.
    const only = filledAt[0]!;
    if (typeof cells[only] === 'number' && only !== idCol) return 'empty';
    if (only !== idCol && only !== nameCol) return 'section';
    if (only === nameCol && /^[一二三四五六七八九十\d]+[、.)）]|(街道|社区|镇|乡|村|居委会|小计)$/.test(first)) {
      return 'section';
    }
  }
  if (idText === '' && nameText === '') return 'empty';
  return 'person';
}
