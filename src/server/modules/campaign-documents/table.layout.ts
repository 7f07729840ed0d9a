import { type Align, type Line, mm, type PdfBuilder } from '../../platform/pdf.ts';

/**
 * A ruled table over pages: columns with widths in mm, rows whose cells wrap, the header row repeated on every
 * page, a running header and footer (`第 x 页 共 y 页`). Rows are measured first, so the page count is known
 * before anything is drawn.
 */

export interface Column {
  title: string;
  /** Width in mm. */
  width: number;
  align?: Align;
}

export interface TableRow {
  cells: string[];
  /** A subtotal or total row: drawn in the title font. */
  emphasis?: boolean;
  /** Merges the first `span` cells into one. */
  span?: number;
}

export interface TablePage {
  /** 1-based page number within this table. */
  page: number;
  pages: number;
  /** Top of the table on this page (points), after the page header. */
  top: number;
}

export interface TableSpec {
  columns: Column[];
  rows: TableRow[];
  /** Font size of cells (pt). */
  size: number;
  /** Minimum row height in mm (room for a signature). */
  minRowHeight: number;
  margins: { top: number; left: number; bottom: number };
  /** Draws the page header, in the `headerHeight` points below the top margin. */
  header: (pdf: PdfBuilder, page: TablePage) => void;
  /** Draws the page footer. */
  footer: (pdf: PdfBuilder, page: TablePage) => void;
  /** Height in points of the page header; the table starts below it. */
  headerHeight: number;
  /** Height in points kept free below the last row on the last page (totals in words, signatures). */
  closingHeight?: number;
  /** Draws below the last row on the last page. */
  closing?: (pdf: PdfBuilder, y: number) => void;
}

const padding = 3;
const lineHeightFactor = 1.3;

interface Laid {
  lines: Line[][];
  height: number;
  row: TableRow;
}

function layRow(pdf: PdfBuilder, spec: TableSpec, row: TableRow): Laid {
  const span = row.span ?? 1;
  const widths = spec.columns.map((c) => mm(c.width));
  const spanWidth = widths.slice(0, span).reduce((a, b) => a + b, 0);
  const role = row.emphasis ? 'title' : 'body';
  const lines: Line[][] = [];
  let count = 1;
  for (let i = 0; i < row.cells.length; i++) {
    if (i > 0 && i < span) {
      lines.push([]);
      continue;
    }
    const width = (i === 0 ? spanWidth : widths[i]!) - padding * 2;
    const cell = pdf.wrap(row.cells[i] ?? '', spec.size, Math.max(width, spec.size), { role });
    lines.push(cell);
    count = Math.max(count, cell.length);
  }
  const height = Math.max(mm(spec.minRowHeight), count * spec.size * lineHeightFactor + padding * 2);
  return { lines, height, row };
}

function drawRow(pdf: PdfBuilder, spec: TableSpec, laid: Laid, y: number, header = false): void {
  const doc = pdf.doc;
  const span = header ? 1 : (laid.row.span ?? 1);
  let x = spec.margins.left;
  const role = header || laid.row.emphasis ? 'title' : 'body';
  for (let i = 0; i < spec.columns.length; i++) {
    const column = spec.columns[i]!;
    let width = mm(column.width);
    if (i === 0 && span > 1) for (let j = 1; j < span; j++) width += mm(spec.columns[j]!.width);
    if (i > 0 && i < span) continue;
    doc.rect(x, y, width, laid.height).stroke();
    const lines = laid.lines[i] ?? [];
    const textHeight = lines.length * spec.size * lineHeightFactor;
    let baseline = y + (laid.height - textHeight) / 2 + spec.size * 1.0;
    const align = header ? 'center' : i === 0 && span > 1 ? 'center' : (column.align ?? 'left');
    for (const line of lines) {
      pdf.drawLine(line, x + padding, baseline, spec.size, { role, width: width - padding * 2, align });
      baseline += spec.size * lineHeightFactor;
    }
    x += width;
  }
}

/** Draws the table over as many pages as it needs, each a new page. */
export function drawTable(pdf: PdfBuilder, spec: TableSpec): void {
  const headerRow = layRow(pdf, spec, { cells: spec.columns.map((c) => c.title) });
  const laid = spec.rows.map((row) => layRow(pdf, spec, row));
  const bottom = pdf.height - spec.margins.bottom;
  const tableTop = spec.margins.top + spec.headerHeight;
  const available = bottom - tableTop - headerRow.height;
  // Plan the pages: the closing block must fit below the last row.
  const pages: Laid[][] = [[]];
  let used = 0;
  for (const row of laid) {
    if (used + row.height > available && pages.at(-1)!.length > 0) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(row);
    used += row.height;
  }
  if (spec.closingHeight && used + spec.closingHeight > available) pages.push([]);

  pages.forEach((rows, index) => {
    pdf.addPage();
    pdf.doc.lineWidth(0.6).strokeColor('#000000');
    const page: TablePage = { page: index + 1, pages: pages.length, top: tableTop };
    spec.header(pdf, page);
    let y = tableTop;
    drawRow(pdf, spec, headerRow, y, true);
    y += headerRow.height;
    for (const row of rows) {
      drawRow(pdf, spec, row, y);
      y += row.height;
    }
    if (index === pages.length - 1) spec.closing?.(pdf, y);
    spec.footer(pdf, page);
  });
}
