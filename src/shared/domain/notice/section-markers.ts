/** Section markers at the start of a paragraph: `一、` / `第一，` / `一是` / `（一）` / `1.` / `（1）`. */
import { parseChineseNumeral } from './chinese-numerals.ts';

export type MarkerStyle = 'dun' | 'di' | 'shi' | 'paren' | 'arabic' | 'arabicParen';

export interface Marker {
  style: MarkerStyle;
  no: number;
  length: number;
}

const markerPatterns: [MarkerStyle, RegExp, boolean][] = [
  ['dun', /^([一二三四五六七八九十]{1,3})\s*[、，,．.]/, true],
  ['di', /^第([一二三四五六七八九十]{1,3})\s*[、，,：:]/, true],
  ['shi', /^([一二三四五六七八九十]{1,3})是(?=[\u3400-\u9fff“"])/, true],
  ['paren', /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、，,．.]?/, true],
  ['arabic', /^(\d{1,2})\s*(?:[.．、](?!\d)|[、，,])/, false],
  ['arabicParen', /^[（(]\s*(\d{1,2})\s*[)）]\s*[、，,．.]?/, false],
];

/** `一、` / `第一，` / `一是` / `（一）` / `1.` / `（1）` at the start of a paragraph. */
export function parseMarker(s: string): Marker | null {
  for (const [style, re, chinese] of markerPatterns) {
    const m = re.exec(s);
    if (!m) continue;
    const no = chinese ? parseChineseNumeral(m[1] ?? '') : Number(m[1]);
    if (no === null || no <= 0 || no > 99) continue;
    return { style, no, length: m[0].length };
  }
  return null;
}
