import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import type JSZip from 'jszip';
import type { CellValue, SheetRow } from '../../shared/domain/roster-sheet/grid.ts';

/**
 * A lean streaming reader of xlsx sheets: a part is inflated natively (zlib) a chunk at a time and its XML read
 * element by element, so neither the sheet nor its rows are ever held whole. Cell values are read as exceljs's
 * streaming reader reads them (then `plainValue`): shared and inline strings (rich text joined), numbers,
 * booleans, dates by the cell's number format, formulas by their cached result, errors blank.
 */

/** The uncompressed bytes of one zip entry, a chunk at a time (jszip's own inflater only as a fallback). */
export async function* partChunks(file: JSZip.JSZipObject): AsyncGenerator<Buffer> {
  const data = (file as unknown as { _data?: { compressedContent?: unknown; compression?: { magic?: string } } })._data;
  const packed = data?.compressedContent;
  const magic = data?.compression?.magic;
  if (packed instanceof Uint8Array && (magic === '\x08\x00' || magic === '\x00\x00')) {
    const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
    if (magic === '\x00\x00') {
      yield bytes;
      return;
    }
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    inflater.end(bytes);
    for await (const chunk of inflater) yield chunk as Buffer;
    return;
  }
  for await (const chunk of file.nodeStream('nodebuffer')) yield chunk as Buffer;
}

/**
 * The complete elements named `tag` of a part, as text, in order: `<tag …>…</tag>` or `<tag …/>`, with any
 * namespace prefix. Only the unfinished tail of the text read so far is carried between chunks.
 */
async function* elements(file: JSZip.JSZipObject, tag: string): AsyncGenerator<string> {
  const whole = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${tag}>)`, 'g');
  const start = new RegExp(`<(?:\\w+:)?${tag}[\\s/>]`);
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of partChunks(file)) {
    text += decoder.write(chunk);
    whole.lastIndex = 0;
    let end = 0;
    for (let m = whole.exec(text); m; m = whole.exec(text)) {
      end = whole.lastIndex;
      yield m[0];
    }
    const rest = text.slice(end);
    const begun = start.exec(rest);
    // An element begun and not finished is kept; otherwise only a tail that a chunk may have cut.
    text = begun ? rest.slice(begun.index) : rest.slice(-64);
  }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities decoded. */
export function xmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return entities[e] ?? all;
  });
}

const attrPatterns = new Map<string, RegExp>();
const attrOf = (tag: string, name: string): string | undefined => {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}="([^"]*)"`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(tag);
  return m ? xmlText(m[1]!) : undefined;
};

const textRuns = /<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g;
const phonetic = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

/** A string item (`<si>`, `<is>`): its text runs joined, phonetic guides left out; null when it has none. */
function itemText(xml: string): string | null {
  const body = xml.includes('rPh') ? xml.replace(phonetic, '') : xml;
  let out: string | null = null;
  for (const m of body.matchAll(textRuns)) out = (out ?? '') + xmlText(m[1] ?? '');
  return out;
}

export async function readSharedStrings(file: JSZip.JSZipObject | null): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  if (!file) return strings;
  for await (const si of elements(file, 'si')) strings.push(itemText(si));
  return strings;
}

/** Built-in number formats that are dates, as exceljs's table has them (14–22 and 45–47). */
const builtinDates = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A number format shows a date when, outside quotes and brackets, it has date or time letters (as exceljs). */
export const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell style (`s` index), whether numbers in it are dates. */
export async function readDateStyles(file: JSZip.JSZipObject | null): Promise<boolean[]> {
  if (!file) return [];
  let xml = '';
  for await (const chunk of partChunks(file)) xml += chunk.toString('utf8');
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const id = Number(attrOf(m[0], 'numFmtId'));
    const code = attrOf(m[0], 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map((m) => {
    const id = Number(attrOf(m[0], 'numFmtId') ?? 0);
    if (!id) return false;
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : builtinDates.has(id);
  });
}

export interface SheetFormat {
  strings: readonly (string | null)[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  maxColumns: number;
}

const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

function columnOf(ref: string | undefined): number | null {
  if (!ref) return null;
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col || null;
}

const cellRe = /<(?:\w+:)?c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const valueRe = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?v>/;
const formulaRe = /<(?:\w+:)?f\b/;
const inlineRe = /<(?:\w+:)?is\b[\s\S]*?<\/(?:\w+:)?is>/;

/** One cell's value, as exceljs reads it and `plainValue` flattens it. */
function cellValue(attrs: string, body: string, f: SheetFormat): CellValue {
  const t = attrOf(attrs, 't');
  const v = valueRe.exec(body)?.[1];
  if (formulaRe.test(body)) {
    if (v === undefined) return null;
    return t === 'str' ? xmlText(v) : Number.parseFloat(v);
  }
  if (t === 'inlineStr' || (t === undefined && v === undefined && body.includes('<is'))) {
    const is = inlineRe.exec(body)?.[0];
    return is ? itemText(is) : v === undefined ? null : xmlText(v);
  }
  if (v === undefined) return null;
  switch (t) {
    case 's':
      return f.strings[Number.parseInt(v, 10)] ?? null;
    case 'str':
      return xmlText(v);
    case 'e':
      return null;
    case 'b':
      return Number.parseInt(v, 10) !== 0;
    default: {
      const n = Number.parseFloat(v);
      const s = Number.parseInt(attrOf(attrs, 's') ?? '', 10);
      return s && f.dateStyles[s] ? excelDate(n, f.date1904) : n;
    }
  }
}

/** The rows of one worksheet part with at least one value, in file order (cells[0] is column A). */
export async function* sheetRows(file: JSZip.JSZipObject, f: SheetFormat): AsyncGenerator<SheetRow> {
  let previous = 0;
  for await (const xml of elements(file, 'row')) {
    const open = xml.indexOf('>');
    const r = Number.parseInt(attrOf(xml.slice(0, open + 1), 'r') ?? '', 10);
    const row = Number.isInteger(r) && r > 0 ? r : previous + 1;
    previous = row;
    if (xml[open - 1] === '/') continue;
    const cells: CellValue[] = [];
    let filled = false;
    let col = 0;
    cellRe.lastIndex = 0;
    for (let m = cellRe.exec(xml); m; m = cellRe.exec(xml)) {
      const attrs = m[1] ?? '';
      col = columnOf(attrOf(attrs, 'r')) ?? col + 1;
      if (col > f.maxColumns) continue;
      const value = cellValue(attrs, m[2] ?? '', f);
      if (value === null) continue;
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = value;
      if (value !== '') filled = true;
    }
    if (filled) yield { row, cells };
  }
}
