/** Pieces of a notice read out of its paragraphs: unit lists, issuers, the 文号, warnings and the script. */
import type { Paragraph } from './normalise-text.ts';
import { docNumberRe, orgSuffix } from './paragraph-classes.ts';
import type { NoticeWarning, NoticeWarningCode } from './types.ts';

export function warn(code: NoticeWarningCode, message: string, at: number, length = 0): NoticeWarning {
  return { code, message, at, length };
}

export function paraStart(p: Paragraph | undefined): number {
  return p?.offs[0] ?? 0;
}

/** Splits a list of units on commas (、 stays inside a unit: 区政府各委、办、局). */
export function splitUnits(p: Paragraph, start: number, end: number, separators: RegExp): string[] {
  const out: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || separators.test(p.simp[i] ?? '')) {
      const piece = p.text.slice(from, i).trim();
      if (piece !== '') out.push(piece);
      from = i + 1;
    }
  }
  return out;
}

/** Issuers from signature paragraphs: fragments broken at line breaks or spaces are merged back into names. */
export function issuersFrom(paras: { p: Paragraph; end: number }[]): string[] {
  const fragments: { text: string; simp: string }[] = [];
  for (const { p, end } of paras) {
    let from = 0;
    const cuts = [...p.breaks.filter((b) => b > 0 && b < end), end];
    for (const cut of cuts) {
      const text = p.text.slice(from, cut).trim();
      if (text !== '') fragments.push({ text, simp: p.simp.slice(from, cut).trim() });
      from = cut;
    }
  }
  const issuers: { text: string; simp: string }[] = [];
  let pending: { text: string; simp: string } | null = null;
  for (const f of fragments) {
    const last = issuers[issuers.length - 1];
    if (!pending && last && f.simp.length <= 5 && !/^[各驻]/.test(f.simp)) {
      // 办公室 / 政治工作部 broken off the name it belongs to
      last.text += f.text;
      last.simp += f.simp;
      continue;
    }
    pending = pending ? { text: pending.text + f.text, simp: pending.simp + f.simp } : { ...f };
    if (orgSuffix.test(pending.simp)) {
      issuers.push(pending);
      pending = null;
    }
  }
  if (pending) issuers.push(pending);
  return issuers.map((i) => i.text.replace(/文件$/, ''));
}

/** The display text of a 文号, with brackets normalised to 〔〕 and spaces removed. */
export function docNumberOf(p: Paragraph): string | null {
  const m = docNumberRe.exec(p.simp);
  if (!m) return null;
  const prefixStart = m.index;
  const prefix = p.text.slice(prefixStart, prefixStart + (m[1] ?? '').length);
  const numberChar = p.text[m.index + m[0].length - 1] ?? '号';
  return `${prefix}〔${m[2]}〕${m[3] ?? ''}${m[4]}${numberChar}`;
}

export function joinSimp(paras: Paragraph[], from: number, toExclusive: number): string {
  return paras
    .slice(from, toExclusive)
    .map((p) => p.simp)
    .join('');
}

export function scriptOf(paras: Paragraph[]): 'simplified' | 'traditional' {
  let differ = 0;
  let total = 0;
  for (const p of paras) {
    for (let k = 0; k < p.text.length; k++) {
      const ch = p.text.charCodeAt(k);
      if (ch < 0x3400 || ch > 0x9fff) continue;
      total++;
      if (p.text[k] !== p.simp[k]) differ++;
    }
  }
  return differ >= 3 && differ / Math.max(1, total) >= 0.02 ? 'traditional' : 'simplified';
}
