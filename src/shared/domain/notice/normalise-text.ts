/**
 * Normalisation of notice text as it really arrives (PDF extraction, web pages, CRLF files), keeping for every
 * character the offset it came from in the ORIGINAL input, so that anything found later can be pointed at.
 */
import { simplifiedMirror } from './simplify.ts';

/** Text with, for each UTF-16 code unit, its offset in the original input. */
export interface MappedText {
  text: string;
  offs: number[];
}

/** A paragraph after line joining and whitespace removal. */
export interface Paragraph {
  /** display text (original script, 繁體 kept) */
  text: string;
  /** simplified mirror of `text`, same length, for matching */
  simp: string;
  /** original offset of each code unit of `text` */
  offs: number[];
  /** indices in `text` where whitespace or a line break was removed (candidate word boundaries) */
  breaks: number[];
}

const zeroWidth = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
const spaceLike = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;

export const cjkClass = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const cjkChar = new RegExp(`[${cjkClass}]`);

export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && cjkChar.test(ch);
}

/** Lower-case letters that occur in Hanyu Pinyin with tone marks. */
export const pinyinLetters =
  'a-zü\\u00e0-\\u00fc\\u0101\\u0113\\u011b\\u012b\\u014d\\u016b\\u01ce\\u01d0\\u01d2\\u01d4\\u01d6\\u01d8\\u01da\\u01dc\\u0144\\u0148\\u01f9\\u1e3f';
const pinyinSyllable = `(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[${pinyinLetters}]{1,5}`;
/** `節(jié)`: a pinyin annotation right after a Chinese character. */
const pinyinAnnotation = new RegExp(`(?<=[${cjkClass}]\\s*)[(（]\\s*((?:[${pinyinLetters}]\\s*){1,7})[)）]`, 'g');
const toneMark =
  /[\u00e0-\u00fc\u0101\u0113\u011b\u012b\u014d\u016b\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc\u0144\u0148\u01f9\u1e3f]/;

const pinyinSyllableRe = new RegExp(`^${pinyinSyllable}$`);

function looksLikePinyin(raw: string): boolean {
  const s = raw.replace(/\s+/g, '');
  if (!pinyinSyllableRe.test(s)) return false;
  // at least one vowel; tone-marked or a plain syllable of at most 6 letters
  return (
    /[aeiouü\u00e0-\u00fc\u0101\u0113\u011b\u012b\u014d\u016b\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc]/.test(
      s,
    ) &&
    (toneMark.test(s) || (s.length >= 2 && s.length <= 6))
  );
}

/**
 * Character-level normalisation: CRLF/CR → LF, zero-width characters dropped, full-width digits and Latin
 * letters → ASCII, all kinds of spaces → ' ', pinyin annotations after characters dropped (`節(jié)` → `節`).
 * Every output character keeps its original offset.
 */
export function normaliseText(original: string): MappedText {
  let text = '';
  const offs: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i] ?? '';
    if (ch === '\r') {
      if (original[i + 1] === '\n') continue;
      text += '\n';
      offs.push(i);
      continue;
    }
    if (ch === '\u2028' || ch === '\u2029' || ch === '\u0085') {
      text += '\n';
      offs.push(i);
      continue;
    }
    if (zeroWidth.test(ch)) continue;
    const code = ch.charCodeAt(0);
    let out = ch;
    if (
      (code >= 0xff10 && code <= 0xff19) ||
      (code >= 0xff21 && code <= 0xff3a) ||
      (code >= 0xff41 && code <= 0xff5a)
    ) {
      out = String.fromCharCode(code - 0xfee0);
    } else if (spaceLike.test(ch)) {
      out = ' ';
    }
    text += out;
    offs.push(i);
  }
  return dropMatches({ text, offs }, pinyinAnnotation, (m) => looksLikePinyin(m[1] ?? ''));
}

function dropMatches(m: MappedText, re: RegExp, accept: (match: RegExpExecArray) => boolean): MappedText {
  let text = '';
  const offs: number[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let match = re.exec(m.text); match; match = re.exec(m.text)) {
    if (match[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!accept(match)) continue;
    text += m.text.slice(last, match.index);
    for (let k = last; k < match.index; k++) offs.push(m.offs[k] ?? 0);
    last = match.index + match[0].length;
  }
  text += m.text.slice(last);
  for (let k = last; k < m.offs.length; k++) offs.push(m.offs[k] ?? 0);
  return { text, offs };
}

/** A line of the normalised text, whitespace removed where it does not separate two Latin words or numbers. */
interface Line {
  text: string;
  offs: number[];
  breaks: number[];
  /** original offset of the line end (the newline), used when a joint needs a space */
  endOff: number;
  simp: string;
  /** the raw line began with an indent (two spaces or more, a full-width space pair) */
  indented: boolean;
  /** length of the raw line (spaces included), the physical width of a hard-wrapped line */
  rawLength: number;
  /** an empty line came before this one (not counting the blank lines around a page number) */
  blankBefore: boolean;
}

const pageNumberLine =
  /^\s*(?:[—–\-－─━_·•]+\s*(?:第\s*)?\d{1,4}\s*(?:[页頁])?\s*[—–\-－─━_·•]+|第\s*\d{1,4}\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?|\d{1,4}\s*\/\s*\d{1,4}|[-—]\s*\d{1,4}|\d{1,4}\s*[-—])\s*$/;

/** True for lines that are only a page number: `— 2 —`, `- 2 -`, `第2页 共5页`, `2/5`. */
export function isPageNumberLine(line: string): boolean {
  return pageNumberLine.test(line);
}

const asciiWord = /[A-Za-z0-9]/;

function cleanLine(text: string, offs: number[], endOff: number): Line {
  let out = '';
  const outOffs: number[] = [];
  const breaks: number[] = [];
  let i = 0;
  while (i < text.length && text[i] === ' ') i++;
  let end = text.length;
  while (end > i && text[end - 1] === ' ') end--;
  while (i < end) {
    const ch = text[i] ?? '';
    if (ch !== ' ') {
      out += ch;
      outOffs.push(offs[i] ?? 0);
      i++;
      continue;
    }
    const start = i;
    while (i < end && text[i] === ' ') i++;
    const before = out[out.length - 1];
    const after = text[i];
    if (before !== undefined && after !== undefined && asciiWord.test(before) && asciiWord.test(after)) {
      out += ' ';
      outOffs.push(offs[start] ?? 0);
    } else if (out.length > 0) {
      breaks.push(out.length);
    }
  }
  return {
    text: out,
    offs: outOffs,
    breaks,
    endOff,
    simp: simplifiedMirror(out),
    indented: /^(?: {2,}|\t)/.test(text),
    rawLength: text.trim().length,
    blankBefore: false,
  };
}

/** ends a paragraph (； does not: items ending with ； continue or start with their own number) */
const terminalEnd = /[。！？：!?:…](?:[”"’'」』）)])?$/;
/** the line opens a closing requirement (军地各级组织开展…活动，要严格落实…) or a closing formula */
const requirementCue = /要严格|严格落实|严格执行|严格遵守|务必|安全保密|廉洁自律|请各|特此/;
const titleEnd =
  /(?:通知|意见|方案|决定|通报|报告|请示|批复|公告|通告|纪要|办法|规定|细则|要点|计划|规划|的函|倡议书|公开信|慰问信)》?$/;
const dateEnd =
  /(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[〇○零O一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十廿卅]{1,4}日)(?:印发|印發)?$/;
const docNumberLike = /[〔[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*[号號]/;
const markerStart =
  /^(?:[一二三四五六七八九十]{1,3}[、，,．.]|[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:[.．、](?!\d)))/;
const structuralStart = /^(?:抄送|抄报|主送|附件|特此|此复|联系人|联系电话)/;

const shortOrgLine = /(?:局|办|部|委|厅|室|会|院|府|组|队|团|处|所|站|中心|分区)$/;

/** Estimated hard-wrap width (characters per full line), or null when lines are not hard-wrapped. */
function estimateWrapWidth(lines: Line[]): number | null {
  // lines that stop mid-sentence, leaving out header and signature lines (文号, titles, names, dates)
  const lengths = lines
    .filter(
      (l) =>
        l.rawLength >= 10 &&
        !terminalEnd.test(l.simp) &&
        !dateEnd.test(l.simp) &&
        !docNumberLike.test(l.simp) &&
        !titleEnd.test(l.simp) &&
        !shortOrgLine.test(l.simp),
    )
    .map((l) => l.rawLength);
  if (lengths.length < 5) return null;
  lengths.sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const near = lengths.filter((n) => Math.abs(n - median) <= 2).length;
  return near / lengths.length >= 0.6 && median >= 12 ? median : null;
}

function continues(
  prev: Line,
  next: Line,
  paragraphLength: number,
  wrapWidth: number | null,
  usesIndent: boolean,
): boolean {
  const p = prev.simp;
  const n = next.simp;
  if (p === '' || n === '') return false;
  if (markerStart.test(n) || structuralStart.test(n) || (dateEnd.test(n) && n.length <= 30)) return false;
  const full = wrapWidth !== null && prev.rawLength >= wrapWidth - 2;
  const looksLikeSignature = n.length <= 30 && !/[，。；：,;:]/.test(n) && shortOrgLine.test(n);
  if (terminalEnd.test(p)) {
    // a full line that happens to end with 。 is mostly a sentence end inside a paragraph: in an indented text only
    // an indented line starts a paragraph; otherwise a line that opens requirements, a title or a signature does
    if (!full || next.blankBefore || /[：:]$/.test(p) || looksLikeSignature) return false;
    if (usesIndent) return !next.indented;
    return !requirementCue.test(n.slice(0, 30)) && !titleEnd.test(n) && !/关于/.test(n.slice(0, 20));
  }
  // a line ending with a date is a signature or print line, unless the sentence plainly goes on (…日前报送)
  if (dateEnd.test(p)) return /^(?:前|之前|以前|起|止|至|到|[，,])/.test(n);
  if (docNumberLike.test(p) && p.length <= 40) return false;
  if (/文件$/.test(p) && p.length <= 40) return false;
  // a title ends at a blank line even when it fills the line; without a blank line only when it is short
  if (titleEnd.test(p) && (!full || next.blankBefore)) return false;
  if (looksLikeSignature && (paragraphLength >= 40 || shortOrgLine.test(p))) return false;
  if (usesIndent && next.indented && !full) return false;
  // without a measurable wrap width (a short text), a line of some length that stops mid-sentence goes on
  return full || paragraphLength >= 40 || (wrapWidth === null && prev.rawLength >= 16);
}

/**
 * Splits normalised text into paragraphs: drops page-number lines, joins lines that PDF extraction or a fixed
 * width broke inside a sentence, and removes the spaces that extraction put inside words (`拥军 优属`).
 */
export function splitParagraphs(m: MappedText): Paragraph[] {
  const lines: Line[] = [];
  let start = 0;
  let blank = false;
  let pageBreak = false;
  for (let i = 0; i <= m.text.length; i++) {
    if (i < m.text.length && m.text[i] !== '\n' && m.text[i] !== '\f') continue;
    const raw = m.text.slice(start, i);
    const endOff = i < m.text.length ? (m.offs[i] ?? 0) : (m.offs[m.offs.length - 1] ?? 0) + 1;
    if (m.text[i] === '\f') pageBreak = true;
    if (isPageNumberLine(raw)) {
      pageBreak = true;
    } else {
      const line = cleanLine(raw, m.offs.slice(start, i), endOff);
      if (line.text.length > 0) {
        line.blankBefore = blank && !pageBreak;
        lines.push(line);
        blank = false;
        pageBreak = false;
      } else {
        blank = true;
      }
    }
    start = i + 1;
  }
  const wrapWidth = estimateWrapWidth(lines);
  const usesIndent = lines.filter((l) => l.indented).length >= 3;
  const paragraphs: Paragraph[] = [];
  let current: (Paragraph & { last: Line }) | null = null;
  for (const line of lines) {
    if (current && continues(current.last, line, current.text.length, wrapWidth, usesIndent)) {
      const before = current.text[current.text.length - 1] ?? '';
      const after = line.text[0] ?? '';
      if (/[A-Za-z]/.test(before) && /[A-Za-z]/.test(after)) {
        current.text += ' ';
        current.simp += ' ';
        current.offs.push(current.last.endOff);
      } else {
        current.breaks.push(current.text.length);
      }
      const base = current.text.length;
      current.text += line.text;
      current.simp += line.simp;
      for (const o of line.offs) current.offs.push(o);
      for (const b of line.breaks) current.breaks.push(b + base);
      current.last = line;
      continue;
    }
    if (current) paragraphs.push(stripLast(current));
    current = { text: line.text, simp: line.simp, offs: [...line.offs], breaks: [...line.breaks], last: line };
  }
  if (current) paragraphs.push(stripLast(current));
  return paragraphs;
}

function stripLast(p: Paragraph & { last: Line }): Paragraph {
  return { text: p.text, simp: p.simp, offs: p.offs, breaks: p.breaks };
}

/** Original [at, at + length) covering the paragraph characters [start, end). */
export function originalSpan(p: Paragraph, start: number, end: number): { at: number; length: number } {
  if (p.offs.length === 0) return { at: 0, length: 0 };
  const s = Math.max(0, Math.min(start, p.offs.length - 1));
  const e = Math.max(s + 1, Math.min(end, p.offs.length));
  const at = p.offs[s] ?? 0;
  const last = p.offs[e - 1] ?? at;
  return { at, length: end <= start ? 0 : last + 1 - at };
}
