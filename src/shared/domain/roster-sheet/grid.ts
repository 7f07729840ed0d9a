import { normalizeText } from '../text.ts';

/**
 * Rules for reading a roster (花名册) sheet as offices really keep them: a title row above the header, the
 * header found by its column names and their variants, a two-row header under merged group labels, a 序号
 * column, blank rows, section rows (一、某某街道), a trailing 合计 row, notes and signatures below the table,
 * full-width characters, stray spaces, 简体 or 繁體. Pure: the sheet arrives as a grid of cell values, and
 * `now` is passed in.
 */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** Excel row number (1-based). */
  row: number;
  /** cells[0] is column A. */
  cells: CellValue[];
}

/** A merged range, 1-based and inclusive (A1:C2 → top 1, left 1, bottom 2, right 3). */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** In row order; rows without any value may be absent. */
  rows: SheetRow[];
  merges: MergeRange[];
}

export interface RowIssue {
  /** Excel row number. */
  row: number;
  /** The column's header as the sheet writes it (or the usual name when the column is absent). */
  column: string;
  /** 0-based column index, or null when the column is absent from the sheet. */
  columnIndex: number | null;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell as text: trimmed, half-width, single spaces; numbers without exponent where they are whole. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return normalizeText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return String(value);
}

export const isEmpty = (v: CellValue | undefined) => cellText(v) === '';

/** Fills every cell of a merged range with the value of its top-left cell (where spreadsheets keep it). */
export function applyMerges(grid: SheetGrid): SheetRow[] {
  if (grid.merges.length === 0) return grid.rows;
  const byRow = new Map<number, CellValue[]>(grid.rows.map((r) => [r.row, [...r.cells]]));
  for (const m of grid.merges) {
    const master = byRow.get(m.top)?.[m.left - 1] ?? null;
    if (master === null) continue;
    // A range spanning thousands of rows is not a roster layout; filling it would only cost memory.
    if (m.bottom - m.top > 10_000 || m.right - m.left > 200) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      let cells = byRow.get(r);
      if (!cells) {
        cells = [];
        byRow.set(r, cells);
      }
      for (let c = m.left; c <= m.right; c++) {
        while (cells.length < c) cells.push(null);
        if (isEmpty(cells[c - 1])) cells[c - 1] = master;
      }
    }
  }
  return [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, cells]) => ({ row, cells }));
}
