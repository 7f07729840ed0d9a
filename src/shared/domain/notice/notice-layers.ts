/**
 * Where the parts of a notice are: the 版记 at the end (抄送, 印发), the signature blocks (落款) that end a notice
 * or a forwarding cover letter, and so the layers (a cover letter and the notice it forwards). Pure.
 */
import type { Paragraph } from './normalise-text.ts';
import { joinSimp } from './notice-pieces.ts';
import {
  isCc,
  isDateOnly,
  isFragment,
  isOrgDate,
  isOrgOnly,
  isPrintLine,
  isPublicNote,
  orgSuffix,
} from './paragraph-classes.ts';

export interface SignatureBlock {
  start: number;
  /** index of the last paragraph of the block */
  end: number;
  dated: boolean;
}

export interface Layer {
  start: number;
  /** exclusive end of header + body (= signature start, or segment end) */
  bodyEnd: number;
  /** exclusive end of the layer including its signature */
  end: number;
  signature: SignatureBlock | null;
}

export function findFooterStart(paras: Paragraph[]): number {
  let f = paras.length;
  while (f > 0) {
    const s = paras[f - 1]?.simp ?? '';
    const next = paras[f]?.simp;
    if (isCc(s) || isPrintLine(s) || isPublicNote(s)) {
      f--;
      continue;
    }
    if (next !== undefined && isPrintLine(next) && (isOrgOnly(s) || isFragment(s))) {
      f--;
      continue;
    }
    break;
  }
  return f;
}

export function findSignatures(paras: Paragraph[], end: number): SignatureBlock[] {
  const blocks: SignatureBlock[] = [];
  let floor = 0;
  for (let i = 0; i < end; i++) {
    const s = paras[i]?.simp ?? '';
    if (!isDateOnly(s) && !isOrgDate(s)) continue;
    let start = i;
    while (start - 1 >= floor && i - (start - 1) <= 4) {
      const prev = paras[start - 1]?.simp ?? '';
      if (isOrgOnly(prev) || isFragment(prev)) start--;
      else break;
    }
    // fragments only count when they build an organisation's name
    while (start < i && !isOrgOnly(paras[start]?.simp ?? '') && !orgSuffix.test(joinSimp(paras, start, i))) start++;
    blocks.push({ start, end: i, dated: true });
    floor = i + 1;
  }
  // an undated signature at the very end (克拉瑪依市退役軍人事務局 / 克拉瑪依軍分區政治工作部)
  const lastDatedEnd = blocks[blocks.length - 1]?.end ?? -1;
  if (end - 1 > lastDatedEnd && isOrgOnly(paras[end - 1]?.simp ?? '')) {
    let start = end - 1;
    while (start - 1 > lastDatedEnd && end - (start - 1) <= 4) {
      const prev = paras[start - 1]?.simp ?? '';
      if (isOrgOnly(prev) || isFragment(prev)) start--;
      else break;
    }
    while (start < end - 1 && !isOrgOnly(paras[start]?.simp ?? '') && !orgSuffix.test(joinSimp(paras, start, end - 1)))
      start++;
    if (start > 0) blocks.push({ start, end: end - 1, dated: false });
  }
  return blocks;
}
