import { pdfkit } from './lazy.ts';
import { type LoadedFont, type LoadedFonts, loadPdfFonts } from './pdf-fonts.ts';

/**
 * PDF documents with Chinese text (pdfkit): the fonts are embedded once per document and subsetted, and every
 * character is checked — the body font first, then the fallback fonts; a character that no font has is printed as
 * 〓 (the typesetters' mark for a missing character, never a blank box) and reported in `unprintable`.
 *
 * Layout is done here rather than by pdfkit's line wrapper: widths come from a per-character cache, lines break
 * between any two Chinese characters with the 避头尾 rules (no line starts with ，。、 … nor ends with （《“ …),
 * and justified lines spread or squeeze by character spacing. That keeps mixed fonts on one baseline and is
 * faster than the generic wrapper.
 */

export { missingFontMessage, resolvePdfFonts } from './pdf-fonts.ts';

/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;
export const a4 = { width: 595.28, height: 841.89 } as const;

export type FontRole = 'body' | 'title';
export type Align = 'left' | 'center' | 'right';

/** A character that no font could print. */
export interface UnprintableChar {
  char: string;
  /** `U+2A6A5` */
  codePoint: string;
  count: number;
  /** Up to three texts it occurred in (a name, a line), so the user can find and fix the record. */
  samples: string[];
}

/** The mark printed in place of a character that no font has. */
export const missingMark = '〓';

interface GlyphInfo {
  font: number;
  /** Advance width in em. */
  width: number;
}

/** A run of characters printed with one font. */
interface Segment {
  font: number;
  text: string;
  /** Width in em (multiply by the font size). */
  width: number;
  chars: number;
  /** The characters printed as 〓 in this run, reported when the run is drawn. */
  missing: string[] | null;
}

/** A laid-out line: its segments and width in em. */
export interface Line {
  segments: Segment[];
  width: number;
  chars: number;
  /** The last line of a paragraph is not justified. */
  last: boolean;
  /** The text of the line, as a sample for unprintable characters. */
  source: string;
}

const noLineStart = new Set([...'，。、；：？！）》」』】〕〉”’…—%·．,.;:?!)]}%']);
const noLineEnd = new Set([...'（《「『【〔〈“‘([{']);
const ignorable = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || cp === 0x200b;
/** Letters and digits that stay together on a line (an ID fragment, an amount, a Latin word). */
const wordChar = /[0-9A-Za-z.,:/_@%+\-¥￥]/;

export interface PdfOptions {
  title: string;
  author?: string;
  subject?: string;
  landscape?: boolean;
  /** Fonts to use; default: resolved from the environment (see pdf-fonts.ts). */
  fonts?: LoadedFonts;
}

export class PdfBuilder {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly height: number;
  pageCount = 0;
  private readonly fonts: LoadedFont[] = [];
  private readonly chains: Record<FontRole, number[]>;
  private readonly glyphs: Record<FontRole, Map<number, GlyphInfo | null>> = { body: new Map(), title: new Map() };
  private readonly shapeCache = new Map<string, Segment[]>();
  private readonly wrapCache = new Map<string, Line[]>();
  private readonly missing = new Map<string, UnprintableChar>();
  private currentFont = -1;
  private currentSize = -1;

  constructor(options: PdfOptions) {
    const fonts = options.fonts ?? loadPdfFonts();
    this.width = options.landscape ? a4.height : a4.width;
    this.height = options.landscape ? a4.width : a4.height;
    const PDFDocument = pdfkit();
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      autoFirstPage: false,
      compress: true,
      bufferPages: false,
      info: { Title: options.title, Author: options.author ?? '双拥工作平台', Subject: options.subject ?? '' },
      lang: 'zh-CN',
    } as PDFKit.PDFDocumentOptions);
    const index = (font: LoadedFont) => {
      let i = this.fonts.indexOf(font);
      if (i < 0) {
        i = this.fonts.push(font) - 1;
        // pdfkit accepts a parsed fontkit font: the file is parsed once per process, embedded once per document.
        this.doc.registerFont(`F${i}`, font as unknown as string);
      }
      return i;
    };
    const fallbacks = fonts.fallbacks.map(index);
    const body = index(fonts.body);
    const title = index(fonts.title);
    this.chains = { body: [body, ...fallbacks], title: [title, body, ...fallbacks] };
  }

  /** Characters no font could print, in order of first occurrence. */
  get unprintable(): UnprintableChar[] {
    return [...this.missing.values()];
  }

  addPage(): void {
    this.doc.addPage({ size: 'A4', layout: this.width > this.height ? 'landscape' : 'portrait', margin: 0 });
    this.pageCount++;
    this.currentFont = -1;
  }

  private glyph(role: FontRole, cp: number): GlyphInfo | null {
    const cache = this.glyphs[role];
    let info = cache.get(cp);
    if (info !== undefined) return info;
    info = null;
    for (const i of this.chains[role]) {
      const font = this.fonts[i]!;
      if (font.hasGlyphForCodePoint(cp)) {
        info = { font: i, width: font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm };
        break;
      }
    }
    cache.set(cp, info);
    return info;
  }

  private report(char: string, text: string, into = this.missing): void {
    const cp = char.codePointAt(0)!;
    let entry = into.get(char);
    if (!entry) {
      entry = { char, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, count: 0, samples: [] };
      into.set(char, entry);
    }
    entry.count++;
    const sample = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    if (entry.samples.length < 3 && !entry.samples.includes(sample)) entry.samples.push(sample);
  }

  /** The characters of `texts` that no font has, with samples — a check before printing; nothing is drawn. */
  scan(texts: Iterable<string>, role: FontRole = 'body'): UnprintableChar[] {
    const found = new Map<string, UnprintableChar>();
    for (const text of texts) for (const ch of this.findUnprintable(text, role)) this.report(ch, text, found);
    return [...found.values()];
  }

  /** Splits text into runs of one font each; a character no font has becomes 〓 (reported when drawn). */
  shape(text: string, role: FontRole = 'body'): Segment[] {
    const key = `${role}\u0000${text}`;
    const cached = this.shapeCache.get(key);
    if (cached) return cached;
    const segments: Segment[] = [];
    let current: Segment | null = null;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || ignorable(cp)) continue;
      let info = this.glyph(role, cp);
      let out = ch;
      let lost = false;
      if (!info) {
        lost = true;
        out = missingMark;
        info = this.glyph(role, missingMark.codePointAt(0)!) ?? { font: this.chains[role][0]!, width: 1 };
      }
      if (!current || current.font !== info.font) {
        current = { font: info.font, text: '', width: 0, chars: 0, missing: null };
        segments.push(current);
      }
      current.text += out;
      current.width += info.width;
      current.chars++;
      if (lost) {
        current.missing ??= [];
        current.missing.push(ch);
      }
    }
    if (this.shapeCache.size > 20_000) this.shapeCache.clear();
    this.shapeCache.set(key, segments);
    return segments;
  }

  /** The characters of `text` that no font has (nothing is drawn or reported). */
  findUnprintable(text: string, role: FontRole = 'body'): string[] {
    const found: string[] = [];
    for (const s of this.shape(text, role)) if (s.missing) found.push(...s.missing);
    return found;
  }

  /** A single line of text, not wrapped. */
  line(text: string, role: FontRole = 'body'): Line {
    const segments = this.shape(text, role);
    let width = 0;
    let chars = 0;
    for (const s of segments) {
      width += s.width;
      chars += s.chars;
    }
    return { segments, width, chars, last: true, source: text };
  }

  /** Width in points. */
  measure(text: string, size: number, role: FontRole = 'body'): number {
    let width = 0;
    for (const s of this.shape(text, role)) width += s.width;
    return width * size;
  }

  /**
   * Breaks a paragraph into lines of at most `width` points (the first line `indent` points narrower).
   * Lines that would start with closing punctuation keep it at their end instead (squeezed when justified).
   */
  wrap(text: string, size: number, width: number, options: { role?: FontRole; indent?: number } = {}): Line[] {
    const role = options.role ?? 'body';
    const indent = options.indent ?? 0;
    const key = `${role}\u0000${size}\u0000${width}\u0000${indent}\u0000${text}`;
    const cached = this.wrapCache.get(key);
    if (cached) return cached;
    const units = breakUnits(text);
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    let available = (width - indent) / size;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i]!;
      const w = this.measure(unit, 1, role);
      if (line && lineWidth + w > available + 1e-6 && !noLineStart.has(unit[0]!)) {
        // Do not end a line with an opening bracket or quote: carry it over.
        let carry = '';
        const lastChar = [...line].at(-1)!;
        if (noLineEnd.has(lastChar) && line.length > lastChar.length) {
          carry = lastChar;
          line = line.slice(0, -lastChar.length);
        }
        lines.push(line.trimEnd());
        line = carry;
        lineWidth = carry ? this.measure(carry, 1, role) : 0;
        available = width / size;
        if (unit === ' ') continue;
      }
      line += unit;
      lineWidth += w;
    }
    if (line || lines.length === 0) lines.push(line);
    const result = lines.map((l, i) => ({ ...this.line(l, role), last: i === lines.length - 1 }));
    if (this.wrapCache.size > 5_000) this.wrapCache.clear();
    this.wrapCache.set(key, result);
    return result;
  }

  /**
   * Draws one line with its baseline at `baseline`. `width` is the box for center/right alignment and
   * justification; `justify` spreads (or squeezes) the characters to fill it exactly.
   */
  drawLine(
    line: Line | string,
    x: number,
    baseline: number,
    size: number,
    options: { role?: FontRole; width?: number; align?: Align; justify?: boolean } = {},
  ): void {
    const laid = typeof line === 'string' ? this.line(line, options.role) : line;
    const natural = laid.width * size;
    const box = options.width ?? natural;
    let spacing = 0;
    if (options.justify && laid.chars > 1 && !laid.last) spacing = (box - natural) / (laid.chars - 1);
    let cx = x;
    if (options.align === 'center') cx = x + (box - natural) / 2;
    else if (options.align === 'right') cx = x + box - natural;
    const doc = this.doc;
    for (const s of laid.segments) {
      if (s.missing) for (const ch of s.missing) this.report(ch, laid.source);
      if (s.font !== this.currentFont || size !== this.currentSize) {
        doc.font(`F${s.font}`).fontSize(size);
        this.currentFont = s.font;
        this.currentSize = size;
      }
      doc.text(s.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing });
      cx += s.width * size + spacing * s.chars;
    }
  }

  /** Ends the document and collects its bytes. */
  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

/** Units that a line may not split: one Chinese character, a space, or a run of letters and digits. */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let word = '';
  for (const ch of text) {
    if (wordChar.test(ch)) {
      word += ch;
      continue;
    }
    if (word) {
      units.push(word);
      word = '';
    }
    units.push(ch);
  }
  if (word) units.push(word);
  return units;
}
