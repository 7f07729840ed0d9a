/**
 * The statistics layer's one shape: a table of figures (columns × rows, a 合计 row, the list behind each figure).
 * Dashboards show some of its columns as a chart; reports show all of them, with 去年同期 when asked. A figure is
 * computed once, here, for both.
 */
import type { DrillDown, ReportColumn } from '../../../shared/api/reports.api.ts';
import type { ResolvedScope } from './stats-scope.ts';

export interface FigureRow {
  key: string;
  labels: string[];
  values: Record<string, number | null>;
  drill: Record<string, DrillDown>;
}

export interface FigureTable {
  key: string;
  title: string;
  rowHeaders: string[];
  columns: ReportColumn[];
  rows: FigureRow[];
  totals: FigureRow;
  notes: string[];
}

export function column(
  key: string,
  title: string,
  kind: ReportColumn['kind'],
  unit: ReportColumn['unit'],
  comparable = true,
): ReportColumn {
  return { key, title, kind, unit, comparable };
}

export function emptyRow(key: string, labels: string[], columns: readonly ReportColumn[]): FigureRow {
  return { key, labels, values: Object.fromEntries(columns.map((c) => [c.key, 0])), drill: {} };
}

/** Percentage points with one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export function drill(path: string, api: string, query: Record<string, string | number | undefined>): DrillDown {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = String(v);
  return { path, query: q, api };
}

/** Rows keyed by child region, created in the order of the region tree, plus any others met on the way. */
export class RegionRows {
  readonly rows = new Map<string, FigureRow>();
  constructor(
    private readonly s: ResolvedScope,
    private readonly columns: readonly ReportColumn[],
  ) {
    for (const child of s.children) this.rows.set(String(child.id), emptyRow(String(child.id), [child.name], columns));
  }
  /** The row of a child region id (null: the extra row with `key`/`label`). */
  row(regionId: number | null, extra?: { key: string; label: string }): FigureRow | null {
    const key = regionId === null ? extra?.key : String(regionId);
    if (key === undefined) return null;
    let row = this.rows.get(key);
    if (!row) {
      row = emptyRow(key, [regionId === null ? extra!.label : this.s.regions.name(regionId)], this.columns);
      this.rows.set(key, row);
    }
    return row;
  }
  list(): FigureRow[] {
    return [...this.rows.values()];
  }
}

export function add(row: FigureRow, key: string, n: number): void {
  row.values[key] = (row.values[key] ?? 0) + n;
}

/** A 合计 row summing the count and money columns of `rows` (the caller fills ratios and averages). */
export function totalOf(rows: readonly FigureRow[], columns: readonly ReportColumn[]): FigureRow {
  const t = emptyRow('total', ['合计'], columns);
  for (const c of columns) {
    if (c.kind !== 'count' && c.kind !== 'money') {
      t.values[c.key] = null;
      continue;
    }
    t.values[c.key] = rows.reduce((sum, r) => sum + (r.values[c.key] ?? 0), 0);
  }
  return t;
}
