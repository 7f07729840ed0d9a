import type JSZip from 'jszip';
import type { MergeRange, SheetGrid, SheetRow } from '../../shared/domain/roster-sheet/grid.ts';
import { AppError } from '../../shared/errors.ts';
import { jszip } from './lazy.ts';
import { partChunks, readDateStyles, readSharedStrings, type SheetFormat, sheetRows } from './xlsx-rows.ts';

/**
 * Spreadsheets in: xlsx through a lean streaming reader (xlsx-rows.ts, after a zip-bomb check with jszip), csv
 * in UTF-8 or GBK, and a clear message for the old binary .xls. `openSpreadsheet` hands out each sheet's rows as
 * a stream (an import of 100,000 rows never holds the sheet); `readSpreadsheet` collects them into grids for
 * small files.
 */

/** Largest upload accepted (bytes). */
export const maxUploadBytes = 20 * 1024 * 1024;
/** Largest total size of the parts inside an xlsx once unpacked. */
export const maxUnpackedBytes = 400 * 1024 * 1024;
/** An xlsx part unpacking to more than this many times its packed size is a zip bomb, not a roster. */
export const maxPackRatio = 250;
export const maxRows = 200_000;
export const maxColumns = 200;

export type SpreadsheetKind = 'xlsx' | 'csv';

export interface ReadOptions {
  maxBytes?: number;
  maxUnpackedBytes?: number;
  maxRows?: number;
}

const fileError = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message);

export const messages = {
  empty: '上传的文件是空的（0 字节），请检查是否选错了文件后重新上传。',
  tooLarge: (limit: number) =>
    `文件超过 ${Math.round(limit / 1024 / 1024)} MB，无法导入。请删除多余的工作表、图片和空行，或把名单拆成几个文件分别导入。`,
  xls:
    '这是旧版 Excel 97-2003 格式（.xls）的文件，系统不能直接读取。请用 Excel 或 WPS 打开它，' +
    '选择“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再上传新保存的文件。',
  notSpreadsheet:
    '这个文件不是电子表格，无法导入。请上传 Excel 工作簿（.xlsx）或逗号分隔的 .csv 文件；' +
    '如果是 WPS 表格（.et）或 Word 文档，请先另存为 .xlsx。',
  corrupt: '文件已损坏或不是有效的 Excel 工作簿（.xlsx），无法读取。请用 Excel 或 WPS 打开确认无误后重新保存，再上传。',
  bomb: '文件解压后体积异常巨大（疑似“压缩炸弹”），为保护系统已拒绝读取。如果这确实是名单，请删除多余内容后重新保存再上传。',
  noSheets: '工作簿中没有任何数据，请确认名单填写在工作表中后重新上传。',
  tooManyRows: (limit: number) => `表格超过 ${limit.toLocaleString('en-US')} 行，请把名单拆成几个文件分别导入。`,
  encrypted: '文件设置了打开密码，系统无法读取。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿）后重新上传。',
};

/** Which kind of file the bytes are, by their signature (the name only breaks ties for text). */
export function sniffKind(bytes: Uint8Array, fileName = ''): 'xlsx' | 'xls' | 'csv' | 'unknown' {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  // OLE2 compound file: .xls, .et, .doc — and password-protected .xlsx.
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  const sample = Buffer.from(bytes.subarray(0, 4096));
  const looksText = !sample.includes(0) || sample[0] === 0xff || sample[0] === 0xfe;
  if (/\.(csv|txt)$/i.test(fileName) && looksText) return 'csv';
  if (looksText && /[,\t;]/.test(sample.toString('latin1')) && !/^\s*[<{%]/.test(sample.toString('latin1'))) {
    return 'csv';
  }
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------------------
// xlsx

interface SheetInfo {
  name: string;
  /** Part path inside the zip, `xl/worksheets/sheet1.xml`. */
  part: string;
  hidden: boolean;
  merges: MergeRange[];
  /** The last row number in the sheet's XML (a progress estimate: rows without values are not read). */
  lastRow?: number;
}

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function parseRange(ref: string): MergeRange | null {
  const [a, b] = ref.split(':');
  const from = a ? decodeRef(a) : null;
  const to = b ? decodeRef(b) : from;
  if (!from || !to) return null;
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

const xmlAttr = (tag: string, name: string) => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m
    ? m[1]!
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
    : null;
};

/**
 * Opens the zip, refuses zip bombs by the sizes the directory declares and then by the bytes that really come
 * out (a forged directory cannot hide them), and collects each sheet's name and merged ranges on the way.
 */
export async function inspectXlsx(bytes: Uint8Array, unpackedLimit = maxUnpackedBytes): Promise<SheetInfo[]> {
  return (await openXlsx(bytes, unpackedLimit)).sheets;
}

async function openXlsx(bytes: Uint8Array, unpackedLimit: number): Promise<{ zip: JSZip; sheets: SheetInfo[] }> {
  try {
    return await inspectZip(bytes, unpackedLimit);
  } catch (error) {
    // jszip reports a directory that lies about sizes (and other damage) as plain errors.
    throw error instanceof AppError ? error : fileError(messages.corrupt);
  }
}

async function inspectZip(bytes: Uint8Array, unpackedLimit: number): Promise<{ zip: JSZip; sheets: SheetInfo[] }> {
  let zip: JSZip;
  try {
    zip = await jszip().loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw fileError(messages.corrupt);
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  let declared = 0;
  for (const f of files) {
    const sizes = (f as unknown as { _data?: { uncompressedSize?: number; compressedSize?: number } })._data;
    const size = sizes?.uncompressedSize ?? 0;
    const packed = Math.max(sizes?.compressedSize ?? 1, 1);
    declared += size;
    if (size > unpackedLimit || (size > 1024 * 1024 && size / packed > maxPackRatio)) {
      throw new AppError('PAYLOAD_TOO_LARGE', messages.bomb);
    }
  }
  if (declared > unpackedLimit) throw new AppError('PAYLOAD_TOO_LARGE', messages.bomb);
  if (!zip.file('xl/workbook.xml')) {
    throw fileError(
      zip.file('word/document.xml') || zip.file('ppt/presentation.xml') ? messages.notSpreadsheet : messages.corrupt,
    );
  }

  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const relsXml = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = xmlAttr(tag, 'Id');
    const target = xmlAttr(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: SheetInfo[] = [];
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const rid = xmlAttr(tag, 'r:id') ?? xmlAttr(tag, 'id');
    const part = rid ? targets.get(rid) : undefined;
    if (!part) continue;
    sheets.push({
      name: xmlAttr(tag, 'name') ?? part,
      part,
      hidden: /state="(hidden|veryHidden)"/.test(tag),
      merges: [],
    });
  }

  // A worksheet part the workbook does not list is still read (after the listed ones), as exceljs would.
  for (const f of files) {
    const n = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(f.name)?.[1];
    if (n && !sheets.some((s) => s.part === f.name)) {
      sheets.push({ name: `Sheet${n}`, part: f.name, hidden: false, merges: [] });
    }
  }

  // Unpack every part once, counting the real bytes, and pick the merged ranges out of the sheets.
  let total = 0;
  for (const f of files) {
    const sheet = sheets.find((s) => s.part === f.name);
    let carry = '';
    try {
      for await (const chunk of partChunks(f)) {
        total += chunk.length;
        if (total > unpackedLimit) throw new AppError('PAYLOAD_TOO_LARGE', messages.bomb);
        if (!sheet) continue;
        const text = carry + chunk.toString('latin1');
        for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s+ref="([A-Z$]+\d+(?::[A-Z$]+\d+)?)"/g)) {
          if (m.index + m[0].length <= carry.length) continue;
          const range = parseRange(m[1]!);
          if (range) sheet.merges.push(range);
        }
        // The last row number, for progress while the rows stream later (the <dimension> is often absent).
        for (const m of text.matchAll(/<(?:\w+:)?row\s[^>]*?\br="(\d+)"/g)) {
          sheet.lastRow = Math.max(sheet.lastRow ?? 0, Number(m[1]));
        }
        carry = text.slice(-256);
      }
    } catch (error) {
      throw error instanceof AppError ? error : fileError(messages.corrupt);
    }
  }
  return { zip, sheets };
}

/** One sheet of an opened spreadsheet; its rows are read only when asked for, as a stream. */
export interface SheetSource {
  name: string;
  merges: MergeRange[];
  /** The last row number the file declares, for progress (0 when unknown). */
  lastRow: number;
  /**
   * Rows with at least one value, in row order (cells[0] is column A). Each call reads the file again.
   * `counted` is shared by the sheets of one read: past the row limit the read stops with a message.
   */
  rows(counted?: { rows: number }): AsyncIterable<SheetRow>;
}

export interface OpenedSpreadsheet {
  kind: SpreadsheetKind;
  /** Visible sheets first, in workbook order, then hidden ones. */
  sheets: SheetSource[];
}

/** Checks an upload (size, kind, zip bomb) and lists its sheets, without reading their rows yet. */
export async function openSpreadsheet(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): Promise<OpenedSpreadsheet> {
  const limit = options.maxBytes ?? maxUploadBytes;
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', messages.empty);
  if (bytes.length > limit) throw new AppError('PAYLOAD_TOO_LARGE', messages.tooLarge(limit));
  const kind = sniffKind(bytes, fileName);
  if (kind === 'xls') {
    throw fileError(/\.xlsx$/i.test(fileName) ? messages.encrypted : messages.xls);
  }
  if (kind === 'unknown') throw fileError(messages.notSpreadsheet);
  const rowLimit = options.maxRows ?? maxRows;
  if (kind === 'csv') return { kind, sheets: [csvSheet(bytes, fileName, rowLimit)] };
  const { zip, sheets: infos } = await openXlsx(bytes, options.maxUnpackedBytes ?? maxUnpackedBytes);
  // Shared strings, date styles and the date system: read once, when a sheet's rows are first asked for.
  let format: Promise<SheetFormat> | null = null;
  const formatOf = () => {
    format ??= sheetFormat(zip);
    return format;
  };
  const sheets = infos
    .map((info, order) => ({ info, order }))
    .sort((a, b) => Number(a.info.hidden) - Number(b.info.hidden) || a.order - b.order)
    .map(
      ({ info }): SheetSource => ({
        name: info.name,
        merges: info.merges,
        lastRow: info.lastRow ?? 0,
        rows: (counted = { rows: 0 }) => xlsxRows(zip, info.part, formatOf, counted, rowLimit),
      }),
    );
  return { kind, sheets };
}

/** Reads every sheet of an uploaded spreadsheet into grids of cell values (small files: it holds them all). */
export async function readSpreadsheet(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): Promise<{ kind: SpreadsheetKind; sheets: SheetGrid[] }> {
  const { kind, sheets } = await openSpreadsheet(bytes, fileName, options);
  const counted = { rows: 0 };
  const grids: SheetGrid[] = [];
  for (const sheet of sheets) {
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows(counted)) rows.push(row);
    grids.push({ name: sheet.name, rows, merges: sheet.merges });
  }
  if (grids.every((s) => s.rows.length === 0)) throw new AppError('VALIDATION_FAILED', messages.noSheets);
  return { kind, sheets: grids };
}

async function sheetFormat(zip: JSZip): Promise<SheetFormat> {
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  return {
    strings: await readSharedStrings(zip.file('xl/sharedStrings.xml')),
    dateStyles: await readDateStyles(zip.file('xl/styles.xml')),
    date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook),
    maxColumns,
  };
}

/** One worksheet's rows, streamed from its part (the other worksheets are not read). */
async function* xlsxRows(
  zip: JSZip,
  part: string,
  format: () => Promise<SheetFormat>,
  counted: { rows: number },
  rowLimit: number,
): AsyncGenerator<SheetRow> {
  const file = zip.file(part);
  if (!file) return;
  try {
    const f = await format();
    for await (const row of sheetRows(file, f)) {
      if (++counted.rows > rowLimit) throw new AppError('VALIDATION_FAILED', messages.tooManyRows(rowLimit));
      yield row;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError(messages.corrupt);
  }
}

// ---------------------------------------------------------------------------------------------------------
// csv

/** UTF-8 (with or without BOM), UTF-16 with BOM, or else GBK/GB 18030 — what Excel saves on a Chinese Windows. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const b = Buffer.from(bytes);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: b.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gbk' };
  }
}

/** RFC 4180 with the delimiter guessed from the first line (comma, tab or semicolon). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n/) >>> 0 || text.length);
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function csvSheet(bytes: Uint8Array, fileName: string, rowLimit: number): SheetSource {
  const { text } = decodeText(bytes);
  if (text.includes('\u0000')) throw fileError(messages.notSpreadsheet);
  const parsed = parseCsv(text);
  if (parsed.length > rowLimit) throw new AppError('VALIDATION_FAILED', messages.tooManyRows(rowLimit));
  const rows: SheetRow[] = [];
  parsed.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== ''))
      rows.push({ row: i + 1, cells: cells.slice(0, maxColumns).map((c) => (c === '' ? null : c)) });
  });
  return {
    name: fileName.replace(/\.[^.]+$/, '') || 'CSV',
    merges: [],
    lastRow: parsed.length,
    // The text is in memory already (uploads are at most 20 MB); its rows are handed out like a sheet's.
    rows: async function* () {
      yield* rows;
    },
  };
}
