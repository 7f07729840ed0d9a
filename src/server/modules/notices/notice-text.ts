/**
 * The text of an uploaded notice file: plain text in whatever encoding Chinese offices use (UTF-8, UTF-16,
 * GB18030/GBK), or a Word .docx read from word/document.xml with its paragraph breaks and its automatic
 * numbering (一、/（一）/1. rendered from word/numbering.xml, as Word shows it). Used by the API and the CLI.
 */
import path from 'node:path';
import type JSZip from 'jszip';
import { AppError } from '../../../shared/errors.ts';
import { jszip } from '../../platform/lazy.ts';

export interface NoticeText {
  text: string;
  /** how the bytes were read, for the record */
  format: 'txt' | 'docx';
  encoding: string | null;
}

/** Upload limit for notice files (routes use it as their bodyLimit). */
export const maxNoticeFileBytes = 10 * 1024 * 1024;

const unsupported: Record<string, string> = {
  '.doc': '不支持旧版 Word（.doc）文件。请在 Word 或 WPS 中“另存为” .docx 后上传，或全选复制文字后粘贴。',
  '.wps': '不支持 WPS 文字（.wps）文件。请在 WPS 中“另存为” .docx 后上传，或全选复制文字后粘贴。',
  '.pdf': '暂不能直接读取 PDF。请在 PDF 阅读器中全选、复制文字后粘贴到导入框（PDF 提取的断行和空格系统会处理）。',
  '.ofd': '暂不能直接读取 OFD 版式文件。请在阅读器中复制文字后粘贴。',
  '.rtf': '暂不支持 RTF 文件。请另存为 .docx 或 .txt 后上传。',
  '.xlsx': '这是 Excel 表格，不是通知文件。请上传通知的 .docx 或 .txt，或粘贴通知文字。',
  '.xls': '这是 Excel 表格，不是通知文件。请上传通知的 .docx 或 .txt，或粘贴通知文字。',
};

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Reads an uploaded notice by its file name (extension) and content; throws AppError with what to do instead. */
export async function readNoticeFile(name: string, bytes: Uint8Array): Promise<NoticeText> {
  const ext = path.extname(name).toLowerCase();
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的，请检查后重新上传。');
  if (ext === '.docx' || (ext !== '.txt' && isZip(bytes))) {
    return { text: await docxText(bytes), format: 'docx', encoding: null };
  }
  const message = unsupported[ext];
  if (message) throw new AppError('UNSUPPORTED_MEDIA_TYPE', message);
  if (isOle(bytes)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', unsupported['.doc']);
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', unsupported['.pdf']);
  }
  const decoded = decodeText(bytes);
  if (decoded === null) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `无法识别「${name}」的格式。请上传 .txt（UTF-8 或 GBK 编码）或 .docx 文件，或直接粘贴通知文字。`,
    );
  }
  return { text: decoded.text, format: 'txt', encoding: decoded.encoding };
}

/** Text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK and GB2312). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what betrays binary data
  const control = (t: string) => (t.match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      // binary data decodes "successfully" as GB18030: refuse text full of control characters
      if (control(text) > Math.max(2, text.length / 100)) continue;
      return { text, encoding };
    } catch {
      // not this encoding
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------------------------------
// .docx

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return entities[e] ?? '';
  });
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`${name}="([^"]*)"`).exec(attrs);
  return m ? decodeEntities(m[1] ?? '') : null;
}

interface Level {
  format: string;
  text: string;
  start: number;
}

interface Numbering {
  /** numId → abstractNumId */
  nums: Map<string, { abstract: string; startOverrides: Map<number, number> }>;
  /** abstractNumId → levels */
  abstracts: Map<string, Map<number, Level>>;
}

function parseNumbering(xml: string): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const a of xml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
    const id = attr(a[1] ?? '', 'w:abstractNumId');
    if (id === null) continue;
    const levels = new Map<number, Level>();
    for (const l of (a[2] ?? '').matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
      const ilvl = Number(attr(l[1] ?? '', 'w:ilvl') ?? '0');
      const body = l[2] ?? '';
      const val = (tag: string) => {
        const m = new RegExp(`<w:${tag}\\b([^>]*)/?>`).exec(body);
        return m ? attr(m[1] ?? '', 'w:val') : null;
      };
      levels.set(ilvl, {
        format: val('numFmt') ?? 'decimal',
        text: val('lvlText') ?? '',
        start: Number(val('start') ?? '1'),
      });
    }
    abstracts.set(id, levels);
  }
  const nums = new Map<string, { abstract: string; startOverrides: Map<number, number> }>();
  for (const n of xml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
    const id = attr(n[1] ?? '', 'w:numId');
    const abs = /<w:abstractNumId\b([^>]*)\/?>/.exec(n[2] ?? '');
    if (id === null || !abs) continue;
    const startOverrides = new Map<number, number>();
    for (const o of (n[2] ?? '').matchAll(/<w:lvlOverride\b([^>]*)>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const s = /<w:startOverride\b([^>]*)\/?>/.exec(o[2] ?? '');
      if (s) startOverrides.set(Number(attr(o[1] ?? '', 'w:ilvl') ?? '0'), Number(attr(s[1] ?? '', 'w:val') ?? '1'));
    }
    nums.set(id, { abstract: attr(abs[1] ?? '', 'w:val') ?? '', startOverrides });
  }
  return { nums, abstracts };
}

const cnDigits = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 */
export function chineseCount(n: number): string {
  if (n <= 0 || n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = h > 0 ? `${cnDigits[h]}百` : '';
  if (t > 0) s += h === 0 && t === 1 ? '十' : `${cnDigits[t]}十`;
  else if (h > 0 && u > 0) s += '零';
  if (u > 0) s += cnDigits[u];
  return s;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCount(n);
    case 'chineseLegalSimplified':
      return chineseCount(n).replace(
        /[一二三四五六七八九十百]/g,
        (c) => '壹贰叁肆伍陆柒捌玖拾佰'['一二三四五六七八九十百'.indexOf(c)] ?? c,
      );
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[n - 1] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[n - 1] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** Renders Word's automatic numbers as the reader sees them (`%1、` with chineseCounting → 一、). */
function numberer(numbering: Numbering | null) {
  const counters = new Map<string, number[]>();
  const started = new Set<string>();
  return (numId: string | null, ilvl: number): string => {
    if (!numbering || numId === null || numId === '0') return '';
    const num = numbering.nums.get(numId);
    const levels = num ? numbering.abstracts.get(num.abstract) : undefined;
    if (!num || !levels) return '';
    const level = levels.get(ilvl);
    // bullets carry no number a section could be read by
    if (!level || level.format === 'bullet' || level.format === 'none') return '';
    const key = num.abstract;
    const c = counters.get(key) ?? [];
    // a w:num with a start override restarts the list the first time it is used
    if (!started.has(numId)) {
      started.add(numId);
      for (const [l, s] of num.startOverrides) c[l] = s - 1;
    }
    c[ilvl] = (c[ilvl] ?? (levels.get(ilvl)?.start ?? 1) - 1) + 1;
    c.length = ilvl + 1; // deeper levels start again
    counters.set(key, c);
    return level.text.replace(/%(\d)/g, (_, k: string) => {
      const l = Number(k) - 1;
      const lv = levels.get(l);
      const value = c[l] ?? lv?.start ?? 1;
      return formatNumber(value, lv?.format ?? 'decimal');
    });
  };
}

/**
 * The paragraphs of a .docx as lines of text: runs joined, tabs kept, line breaks (w:br) as \n, deleted text
 * (tracked changes) and field codes left out, automatic numbering rendered before the paragraph's text.
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
  let zip: JSZip;
  try {
    zip = await jszip().loadAsync(bytes);
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      '文件不是有效的 .docx（无法解压）。请用 Word 或 WPS 打开后另存为 .docx 再上传。',
    );
  }
  const documentXml = await zip.file('word/document.xml')?.async('string');
  if (documentXml === undefined) {
    throw new AppError('VALIDATION_FAILED', '文件中没有 Word 正文（word/document.xml），请确认上传的是 Word 文档。');
  }
  const numberingXml = await zip.file('word/numbering.xml')?.async('string');
  const number = numberer(numberingXml ? parseNumbering(numberingXml) : null);

  const paragraphs: string[] = [];
  // a stack, because text boxes put paragraphs inside paragraphs
  const open: { text: string; numId: string | null; ilvl: number }[] = [];
  let inText = false;
  const token = /<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>|([^<]+)/g;
  for (let m = token.exec(documentXml); m; m = token.exec(documentXml)) {
    const [, closing, tag, attrs = '', selfClosing, chars] = m;
    const current = open[open.length - 1];
    if (chars !== undefined) {
      if (inText && current) current.text += decodeEntities(chars);
      continue;
    }
    if (tag === 'w:p') {
      if (closing) {
        const p = open.pop();
        if (p) paragraphs.push(number(p.numId, p.ilvl) + p.text);
      } else if (selfClosing) {
        paragraphs.push('');
      } else {
        open.push({ text: '', numId: null, ilvl: 0 });
      }
    } else if (tag === 'w:t') {
      inText = !closing && !selfClosing;
    } else if (!current || closing) {
      // nothing to do outside a paragraph, nor at other closing tags
    } else if (tag === 'w:tab' && !/w:val=/.test(attrs)) {
      current.text += '\t';
    } else if (tag === 'w:br' || tag === 'w:cr') {
      current.text += '\n';
    } else if (tag === 'w:noBreakHyphen') {
      current.text += '-';
    } else if (tag === 'w:numId') {
      current.numId = attr(attrs, 'w:val');
    } else if (tag === 'w:ilvl') {
      current.ilvl = Number(attr(attrs, 'w:val') ?? '0');
    }
  }
  return paragraphs.join('\n');
}
