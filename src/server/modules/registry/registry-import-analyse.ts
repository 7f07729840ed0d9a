import type { ImportCounts, ImportReport, importColumn } from '../../../shared/api/registry-import.api.ts';
import { columnLetter } from '../../../shared/domain/roster-sheet/grid.ts';
import {
  type PersonField,
  personFieldLabels,
  personFields,
} from '../../../shared/domain/roster-sheet/person-columns.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import { messages, openSpreadsheet, type SpreadsheetKind } from '../../platform/excel-read.ts';
import { heapCeiling } from '../../platform/heap.ts';
import './registry-import.schema.ts';
import type { z } from 'zod';
import { type AnalysedRow, draftChecker } from './registry-import-check.ts';
import { type OpenedPersonSheet, openPersonSheet, type SheetEvent } from './registry-import-sheet.ts';

export { type AnalysedRow, emptyRow } from './registry-import-check.ts';

/**
 * Validate phase of a roster import: the sheet read as offices keep it (as a stream), every row checked by the
 * registry's rules, duplicates found in the file and against the registry, a verdict per row and column.
 * Nothing is written here: the caller's sink decides where the verdicts go.
 */

export type ProgressFn = (done: number, total: number, message?: string) => void;

export const sourceOf = (fileName: string) => `导入：${fileName}`.slice(0, 200);

export interface AnalysisSummary {
  kind: SpreadsheetKind;
  sheetName: string;
  /** Excel row numbers of the header (one, or two under merged group labels). */
  headerRows: number[];
  counts: ImportCounts;
  report: ImportReport;
  columns: z.infer<typeof importColumn>[];
}

/** A summary with every row's verdict (tests and small files; an upload streams its rows to the staging table). */
export interface Analysis extends AnalysisSummary {
  rows: AnalysedRow[];
}

/** Receives the verdicts in row order, a batch at a time. */
export type RowSink = (rows: AnalysedRow[]) => Promise<void>;

/**
 * SQLite answers synchronously, so a loop of queries never lets timers run: between batches the job gives
 * way, so that its heartbeat and progress are written and other requests are served.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rows checked together: one registry lookup and one staging insert per batch. Few enough that a batch is
 * written before its objects outlive a young-generation collection: batches of 2,000 were promoted whole, and
 * the heap ceiling had three times as many full collections to run (10,000 rows: 12 against 4).
 */
const batchSize = 200;
/** Rows read between two looks at the heap (see heapCeiling). */
const heapCheckEvery = 250;

/**
 * Validate phase, without writing: reads the file as a stream, checks every row and hands the verdicts to
 * `sink` in batches, in row order; returns the counts and report. The web upload's sink writes them to the
 * staging table, the CLI's keeps nothing but the report. Memory holds one batch, the ID numbers seen (for
 * duplicates inside the file) and the report's refused rows.
 */
export async function analyseRosterInto(
  ctx: AppContext,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  sink: RowSink,
  progress: ProgressFn = () => {},
): Promise<AnalysisSummary> {
  requireCapability(actor, 'registry.write');
  const now = new Date(nowIso());
  progress(0, 0, '正在读取文件');
  const { kind, sheets } = await openSpreadsheet(bytes, fileName);
  let chosen: { sheet: Extract<OpenedPersonSheet, { ok: true }>; lastRow: number } | null = null;
  let firstFailure: { message: string; found: string[] } | null = null;
  for (const source of sheets) {
    const sheet = await openPersonSheet(source, now);
    if (sheet.ok) {
      chosen = { sheet, lastRow: source.lastRow };
      break;
    }
    if (!sheet.empty) firstFailure ??= sheet;
  }
  if (!chosen) {
    if (!firstFailure) throw new AppError('VALIDATION_FAILED', messages.noSheets);
    const found = firstFailure.found.length ? `（表格中能识别的列：${firstFailure.found.join('、')}）` : '';
    throw new AppError('VALIDATION_FAILED', `${firstFailure.message}${found}`);
  }
  const { head, events, dataRows } = chosen.sheet;
  const headerEnd = head.headerRows[head.headerRows.length - 1]!;
  const check = await draftChecker(ctx, actor, head);

  const counts: ImportCounts = { ...emptyCounts, rows: 0 };
  const report: ImportReport = { rows: 0, accepted: 0, refused: [], skipped: [] };
  const tally = (r: AnalysedRow) => {
    if (r.status === 'skipped') {
      counts.skipped++;
      report.skipped.push(r.row);
    } else if (r.status === 'refused') {
      counts.refused++;
      for (const i of r.issues) {
        if (i.severity === 'error')
          report.refused.push({ row: r.row, column: i.column, code: i.code, message: i.message });
      }
    } else {
      counts.accepted++;
      if (r.action) counts[r.action]++;
      if (r.issues.length > 0) counts.warnings++;
    }
  };
  const firstRowOf = new Map<string, number>();
  const boundHeap = heapCeiling();
  let batch: SheetEvent[] = [];
  // A batch's registry lookup is asked as soon as its rows are read, and the batch checked once the next one
  // is read too; one batch is written while the next is read and checked (PostgreSQL works meanwhile in its own
  // process, instead of the import waiting on each lookup).
  let ahead = null as { events: SheetEvent[]; registered: ReturnType<typeof check.lookup> } | null;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const next = { events: batch, registered: check.lookup(batch, firstRowOf) };
    next.registered.catch(() => {}); // awaited when the batch is checked
    batch = [];
    await checkAhead();
    ahead = next;
  };
  const checkAhead = async () => {
    if (!ahead) return;
    const { events, registered } = ahead;
    ahead = null;
    const rows = await check.verdicts(events, firstRowOf, await registered);
    for (const r of rows) tally(r);
    await writing;
    writing = sink(rows);
    writing.catch(() => {}); // awaited before the next write or at the end
    boundHeap();
    await yieldToEventLoop();
    const done = rows[rows.length - 1]!.row - headerEnd;
    progress(done, Math.max(done, chosen.lastRow - headerEnd), `正在校验第 ${rows[rows.length - 1]!.row} 行`);
  };
  try {
    // The upload's copies of the file are garbage by now: collected before the rows add theirs.
    boundHeap();
    for await (const event of events) {
      batch.push(event);
      if (batch.length >= batchSize) await flush();
      else if (batch.length % heapCheckEvery === 0) boundHeap();
    }
    await flush();
    await checkAhead();
  } finally {
    // A lookup asked for a batch that will not be checked (the read failed) is not left running.
    await ahead?.registered.catch(() => {});
    // Never leave a write in flight: a failed validation's rows are deleted after this returns.
    await writing.catch(() => {});
  }
  await writing;
  counts.rows = report.rows = dataRows();
  report.accepted = counts.accepted;

  const columnFields = new Map<number, PersonField>();
  for (const f of personFields) {
    const col = head.columns[f];
    if (col !== undefined) columnFields.set(col, f);
  }
  const columns = head.labels
    .map((header, index) => {
      const field = columnFields.get(index) ?? null;
      return { index, letter: columnLetter(index), header, field, fieldLabel: field ? personFieldLabels[field] : null };
    })
    .filter((c) => c.header !== '' || c.field !== null);
  progress(counts.rows, counts.rows, '校验完成');
  return { kind, sheetName: head.sheetName, headerRows: head.headerRows, counts, report, columns };
}

/** The validate phase with every verdict kept in memory. */
export async function analyseRoster(
  ctx: AppContext,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  progress?: ProgressFn,
): Promise<Analysis> {
  const rows: AnalysedRow[] = [];
  const summary = await analyseRosterInto(
    ctx,
    actor,
    bytes,
    fileName,
    async (batch) => void rows.push(...batch),
    progress,
  );
  return { ...summary, rows };
}

export const emptyCounts: ImportCounts = {
  rows: 0,
  accepted: 0,
  refused: 0,
  skipped: 0,
  create: 0,
  merge: 0,
  unchanged: 0,
  warnings: 0,
};
