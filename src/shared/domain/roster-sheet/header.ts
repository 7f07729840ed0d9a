import { matchKey } from '../text.ts';
import { type CellValue, cellText, isEmpty, type SheetRow } from './grid.ts';

/** Finding a sheet's header by its column names and their variants, and the data rows below it. */
export type HeaderDictionary<F extends string> = Record<F, readonly string[]>;

/** The key a header cell is compared by: script, width, spaces, case, `*` marks and `（说明）` removed. */
export function headerKey(text: string): string {
  return matchKey(text)
    .replace(/\(.*?\)|\[.*?\]|【.*?】|<.*?>/g, '')
    .replace(/[*:：#＊※]/g, '');
}

export type HeaderResult<F extends string> =
  | {
      ok: true;
      /** Excel row numbers of the header: one, or two when group labels sit above the sub-headers. */
      headerRows: number[];
      /** 0-based column of each recognised field (the first one, when a name appears twice). */
      columns: Partial<Record<F, number>>;
      /** The header text of every column, as the sheet writes it (sub-header where there is one). */
      labels: string[];
    }
  | { ok: false; found: F[]; missing: F[] };

export function keyIndex<F extends string>(dict: HeaderDictionary<F>): Map<string, F> {
  const out = new Map<string, F>();
  for (const field of Object.keys(dict) as F[]) for (const alias of dict[field]) out.set(headerKey(alias), field);
  return out;
}

function matchRow<F extends string>(cells: CellValue[], index: Map<string, F>): Map<number, F> {
  const out = new Map<number, F>();
  const seen = new Set<F>();
  cells.forEach((cell, col) => {
    if (typeof cell !== 'string') return;
    const field = index.get(headerKey(cell));
    if (field && !seen.has(field)) {
      seen.add(field);
      out.set(col, field);
    }
  });
  return out;
}

/**
 * Finds the header among the first rows: the first row that names every required field. When the row below
 * it names further fields where this row has a group label (伤残情况 over 等级 and 性质) and holds nothing
 * else, the two rows together are the header.
 */
export function findHeader<F extends string>(
  rows: readonly SheetRow[],
  dict: HeaderDictionary<F>,
  required: readonly F[],
  scan = 30,
): HeaderResult<F> {
  const index = keyIndex(dict);
  let best: Map<number, F> = new Map();
  const limit = Math.min(rows.length, scan);
  for (let i = 0; i < limit; i++) {
    const row = rows[i]!;
    const matched = matchRow(row.cells, index);
    if (matched.size > best.size) best = matched;
    const fields = new Set(matched.values());
    if (!required.every((f) => fields.has(f))) continue;

    const labels = row.cells.map((c) => cellText(c));
    const headerRows = [row.row];
    const next = rows[i + 1];
    if (next && next.row === row.row + 1) {
      const below = matchRow(next.cells, index);
      const onlyHeaderLike = next.cells.every(
        (c, col) => isEmpty(c) || below.has(col) || cellText(c) === cellText(row.cells[col] ?? null),
      );
      const adds = [...below.entries()].filter(([col, f]) => matched.get(col) !== f && !fields.has(f));
      if (onlyHeaderLike && adds.length > 0) {
        headerRows.push(next.row);
        for (const [col, f] of adds) {
          matched.delete(col);
          matched.set(col, f);
        }
        next.cells.forEach((c, col) => {
          if (!isEmpty(c)) labels[col] = cellText(c);
        });
      }
    }
    const columns: Partial<Record<F, number>> = {};
    for (const [col, f] of [...matched.entries()].sort((a, b) => a[0] - b[0])) {
      if (columns[f] === undefined) columns[f] = col;
    }
    return { ok: true, headerRows, columns, labels };
  }
  const found = [...new Set(best.values())];
  return { ok: false, found, missing: required.filter((f) => !found.includes(f)) };
}

export type SheetReadResult<T> = { ok: true; value: T } | { ok: false; message: string; found: string[] };

/** The first sentence of the message about a sheet whose header was not found, naming the usual headers. */
export function headerNotFoundLead(missing: readonly string[]): string {
  return `没有找到表头：表格前 30 行中没有同时包含${missing.map((m) => `“${m}”`).join('和')}的行。`;
}

/** The rows below the header, up to the last row with content, by Excel row number. */
export function rowsBelowHeader(rows: readonly SheetRow[], headerRows: readonly number[]) {
  const headerEnd = headerRows[headerRows.length - 1]!;
  const data = rows.filter((r) => r.row > headerEnd);
  const lastRow = [...data].reverse().find((r) => r.cells.some((c) => !isEmpty(c)))?.row ?? headerEnd;
  return { headerEnd, lastRow, byRow: new Map(data.map((r) => [r.row, r])) };
}

/** Where an issue about a field points: the column's header as the sheet writes it, or the usual name. */
export function issueColumn<F extends string>(
  columns: Partial<Record<F, number>>,
  labels: readonly string[],
  usual: Record<F, string>,
  f: F,
): { column: string; columnIndex: number | null } {
  const col = columns[f];
  return { column: col === undefined ? usual[f] : labels[col] || usual[f], columnIndex: col ?? null };
}
