import {
  type CellValue,
  cellText,
  type MergeRange,
  type RowIssue,
  type SheetRow,
} from '../../../shared/domain/roster-sheet/grid.ts';
import { findHeader, headerKey } from '../../../shared/domain/roster-sheet/header.ts';
import {
  type PersonDraft,
  type PersonField,
  personColumns,
  requiredPersonFields,
} from '../../../shared/domain/roster-sheet/person-columns.ts';
import { readPersonRow } from '../../../shared/domain/roster-sheet/person-row.ts';
import { readPersonSheet } from '../../../shared/domain/roster-sheet/person-sheet.ts';
import { classifyRow, type RowKind } from '../../../shared/domain/roster-sheet/row-kind.ts';
import type { SheetSource } from '../../platform/excel-read.ts';

/**
 * A roster sheet read as a stream: the same rules as `readPersonSheet` (merged cells filled, the header found
 * among the first 30 rows, blank / 合计 / section rows skipped, every person row read with its issues), but row
 * by row, so a sheet of 100,000 rows is never held whole. Only the rows above and at the header are buffered.
 */

export type SheetEvent =
  | { type: 'skipped'; row: number; kind: Exclude<RowKind, 'person'> }
  | { type: 'refused'; row: number; name: string | null; issues: RowIssue[] }
  | { type: 'draft'; row: number; draft: PersonDraft; issues: RowIssue[] };

export interface PersonSheetHead {
  sheetName: string;
  headerRows: number[];
  columns: Partial<Record<PersonField, number>>;
  labels: string[];
}

export type OpenedPersonSheet =
  | {
      ok: true;
      head: PersonSheetHead;
      /** The data rows' verdicts, in row order. */
      events: AsyncGenerator<SheetEvent>;
      /** Data rows from below the header to the last row with content (final once `events` is done). */
      dataRows(): number;
    }
  | { ok: false; empty: boolean; message: string; found: string[] };

/** The header scan looks at this many rows (and one more, for a two-row header). */
const headerScan = 30;
/** Larger merged ranges are not roster layouts and are not filled (as `applyMerges`). */
const fillable = (m: MergeRange) => m.bottom - m.top <= 10_000 && m.right - m.left <= 200;
const isEmpty = (v: CellValue | undefined) => cellText(v) === '';
const plainId = /^[0-9Xx]+$/;

/** Rows with merged cells filled from their range's top-left cell, rows that only a merge fills included. */
async function* filledRows(source: SheetSource): AsyncGenerator<SheetRow> {
  const merges = source.merges.filter(fillable).sort((a, b) => a.top - b.top);
  if (merges.length === 0) {
    yield* source.rows();
    return;
  }
  let next = 0;
  let active: { m: MergeRange; master: CellValue }[] = [];
  const fill = (row: number, cells: CellValue[]) => {
    for (const { m, master } of active) {
      if (row < m.top || row > m.bottom) continue;
      for (let c = m.left; c <= m.right; c++) {
        while (cells.length < c) cells.push(null);
        if (isEmpty(cells[c - 1])) cells[c - 1] = master;
      }
    }
  };
  // Rows between two read rows exist only through a merge that covers them.
  function* gap(from: number, to: number): Generator<SheetRow> {
    const reach = Math.min(to, Math.max(0, ...active.map((a) => a.m.bottom)));
    for (let row = from; row <= reach; row++) {
      if (!active.some((a) => a.m.top < row && row <= a.m.bottom)) continue;
      const cells: CellValue[] = [];
      fill(row, cells);
      yield { row, cells };
    }
  }
  let last = 0;
  for await (const r of source.rows()) {
    if (active.length > 0) yield* gap(last + 1, r.row - 1);
    last = r.row;
    if (active.length > 0) active = active.filter((a) => a.m.bottom >= r.row);
    while (next < merges.length && merges[next]!.top <= r.row) {
      const m = merges[next++]!;
      if (m.top !== r.row) continue; // its top-left cell is empty: nothing to fill
      const master = r.cells[m.left - 1] ?? null;
      if (master !== null) active.push({ m, master });
    }
    // No merge covers the row (nearly every row: merges are titles and group labels above the data): as read.
    if (active.length === 0) {
      yield r;
      continue;
    }
    const cells = [...r.cells];
    fill(r.row, cells);
    yield { row: r.row, cells };
  }
  yield* gap(last + 1, Number.POSITIVE_INFINITY);
}

/** Finds the sheet's header and returns its data rows as a stream of verdicts. */
export async function openPersonSheet(source: SheetSource, now: Date): Promise<OpenedPersonSheet> {
  const rows = filledRows(source);
  const top: SheetRow[] = [];
  for (;;) {
    if (top.length > headerScan) break;
    const r = await rows.next();
    if (r.done) break;
    top.push(r.value);
  }
  if (top.length === 0) return { ok: false, empty: true, message: '', found: [] };
  const header = findHeader<PersonField>(top, personColumns, requiredPersonFields, headerScan);
  if (!header.ok) {
    await rows.return(undefined);
    // The whole-sheet reader words the refusal; it looks no further than these rows either.
    const failed = readPersonSheet({ name: source.name, rows: top, merges: [] }, now);
    return failed.ok ? { ok: false, empty: false, message: '', found: [] } : { ...failed, empty: false };
  }
  const head: PersonSheetHead = {
    sheetName: source.name,
    headerRows: header.headerRows,
    columns: header.columns,
    labels: header.labels,
  };
  const headerEnd = header.headerRows[header.headerRows.length - 1]!;
  let lastContent = headerEnd;
  return {
    ok: true,
    head,
    events: (async function* () {
      const idCol = header.columns.idNumber!;
      const nameCol = header.columns.name;
      const headerIndex = new Map<string, PersonField>();
      for (const f of Object.keys(personColumns) as PersonField[]) {
        for (const alias of personColumns[f]) headerIndex.set(headerKey(alias), f);
      }
      const rest = (async function* () {
        yield* top;
        yield* rows;
      })();
      for await (const r of rest) {
        if (r.row <= headerEnd || !r.cells.some((c) => !isEmpty(c))) continue;
        // Rows between two rows with content are blank rows of the table (trailing ones are not counted).
        for (let n = lastContent + 1; n < r.row; n++) yield { type: 'skipped', row: n, kind: 'blank' };
        lastContent = r.row;
        let kind = classifyRow(r.cells, idCol, nameCol);
        if (kind === 'person') {
          // The header repeated (a sheet pasted under another): an ID number itself never names a column.
          const idText = cellText(r.cells[idCol] ?? null);
          if (!plainId.test(idText) && headerIndex.get(headerKey(idText)) === 'idNumber') kind = 'header';
        }
        if (kind !== 'person') {
          yield { type: 'skipped', row: r.row, kind };
          continue;
        }
        const read = readPersonRow(r, header.columns, header.labels, now);
        if (read.draft) yield { type: 'draft', row: r.row, draft: read.draft, issues: read.issues };
        else {
          const name = nameCol === undefined ? null : cellText(r.cells[nameCol] ?? null) || null;
          yield { type: 'refused', row: r.row, name, issues: read.issues };
        }
      }
    })(),
    dataRows: () => lastContent - headerEnd,
  };
}
