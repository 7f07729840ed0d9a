import { PassThrough, type Writable } from 'node:stream';
import { applyMerges, type SheetGrid } from '../../shared/domain/roster-sheet/grid.ts';
import type { SpreadsheetKind } from './excel-read.ts';
import { type ExcelTypes, excelJs } from './exceljs.ts';

/**
 * Spreadsheets out: exceljs's streaming writer, with formula injection neutralised and a watermark line (who
 * exported, when), and the error report (the uploaded sheet given back with a 错误说明 column). Masking is the
 * caller's job.
 */

/** A leading = + - @ tab or CR makes a spreadsheet run the cell as a formula: prefix `'` so it stays text. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type ExportValue = string | number | Date | null | undefined;

export interface ExportColumn<T> {
  header: string;
  /** Column width in characters. */
  width?: number;
  value: (row: T) => ExportValue;
}

export interface ExportOptions<T> {
  sheetName: string;
  /** The line above the header: who exported, when (see `watermarkLine`). */
  watermark: string;
  columns: readonly ExportColumn<T>[];
  rows: AsyncIterable<T> | Iterable<T>;
  /** Called before the file is finished (the zip's last bytes): e.g. to write the audit record. */
  beforeFinish?: (count: number) => Promise<void>;
  creator?: string;
}

/** 导出人：张三（双拥办工作人员）　导出时间：2026-11-25 18:30（北京时间）　注意保密，仅限工作使用 */
export function watermarkLine(who: string, at: Date): string {
  const time = at.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `导出人：${who}　导出时间：${time.replace(/\//g, '-')}（北京时间）　含个人信息，注意保密，仅限工作使用，不得外传`;
}

function cellOut(v: ExportValue): ExcelTypes.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return neutralizeFormula(v);
  return v;
}

/**
 * Streams an xlsx to `out`: the watermark line, the header, then one row per item, committed as it is
 * written so memory stays flat for any number of rows. Every text cell is stored as text (ID numbers stay
 * intact) and formula-neutralised.
 */
export async function writeXlsx<T>(out: Writable, options: ExportOptions<T>): Promise<number> {
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = options.creator ?? '双拥工作平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2 }],
    headerFooter: { oddFooter: `&L${options.watermark.replace(/&/g, '&&')}&R第 &P 页，共 &N 页` },
  });
  sheet.columns = options.columns.map((c) => ({ width: c.width ?? 14, style: { numFmt: '@' } }));
  const mark = sheet.addRow([options.watermark]);
  mark.font = { color: { argb: 'FF888888' }, size: 9 };
  mark.commit();
  const header = sheet.addRow(options.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const item of options.rows as AsyncIterable<T>) {
    const row = sheet.addRow(options.columns.map((c) => cellOut(c.value(item))));
    row.commit();
    count++;
  }
  sheet.commit();
  if (options.beforeFinish) await options.beforeFinish(count);
  await workbook.commit();
  return count;
}

// ---------------------------------------------------------------------------------------------------------
// The error report: the uploaded sheet given back with an added 错误说明 column

export interface RowNote {
  message: string;
  /** 0-based columns to mark. */
  columns: number[];
  severity: 'error' | 'warning';
}

export interface AnnotateOptions {
  bytes: Uint8Array;
  kind: SpreadsheetKind;
  sheetName: string;
  /** The last header row (Excel row number): the 错误说明 heading goes there. */
  headerRow: number;
  notes: Map<number, RowNote>;
  /** The sheet as read, for rebuilding when the original cannot be edited in place. */
  grid: SheetGrid;
}

export const errorColumnHeader = '错误说明';
/** Above this size the workbook is rebuilt from its values instead of edited in place (memory). */
const inPlaceLimit = 8 * 1024 * 1024;

const errorFill: ExcelTypes.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const warningFill: ExcelTypes.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };

/** The uploaded sheet with an added 错误说明 column and the offending cells marked. */
export async function annotateSheet(options: AnnotateOptions): Promise<Buffer> {
  if (options.kind === 'xlsx' && options.bytes.length <= inPlaceLimit) {
    try {
      return await annotateInPlace(options);
    } catch {
      // Some files exceljs cannot round-trip: fall back to a rebuilt sheet with the same values.
    }
  }
  return annotateRebuilt(options);
}

async function annotateInPlace(options: AnnotateOptions): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  await workbook.xlsx.load(Buffer.from(options.bytes) as unknown as ExcelTypes.Buffer);
  const sheet = workbook.getWorksheet(options.sheetName);
  if (!sheet) throw new Error('sheet not found');
  const col = Math.max(sheet.columnCount, ...options.grid.rows.map((r) => r.cells.length)) + 1;
  const heading = sheet.getCell(options.headerRow, col);
  heading.value = errorColumnHeader;
  heading.font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.getColumn(col).width = 60;
  for (const [rowNumber, note] of options.notes) {
    const cell = sheet.getCell(rowNumber, col);
    cell.value = note.message;
    cell.font = { color: { argb: note.severity === 'error' ? 'FFC00000' : 'FF9C5700' } };
    cell.alignment = { wrapText: true, vertical: 'top' };
    for (const c of note.columns)
      sheet.getCell(rowNumber, c + 1).fill = note.severity === 'error' ? errorFill : warningFill;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Large files and files exceljs cannot edit: the same values (merged cells filled in), streamed. */
async function annotateRebuilt(options: AnnotateOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31) || 'Sheet1');
  const rows = applyMerges(options.grid);
  const col = Math.max(1, ...rows.map((r) => r.cells.length)) + 1;
  sheet.getColumn(col).width = 60;
  for (const r of rows) {
    const row = sheet.getRow(r.row);
    r.cells.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      if (typeof v === 'string') cell.numFmt = '@';
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    const note = options.notes.get(r.row);
    if (r.row === options.headerRow) {
      const heading = row.getCell(col);
      heading.value = errorColumnHeader;
      heading.font = { bold: true, color: { argb: 'FFC00000' } };
    } else if (note) {
      const cell = row.getCell(col);
      cell.value = note.message;
      cell.font = { color: { argb: note.severity === 'error' ? 'FFC00000' : 'FF9C5700' } };
      for (const c of note.columns) row.getCell(c + 1).fill = note.severity === 'error' ? errorFill : warningFill;
    }
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
