/**
 * A report on paper: xlsx (one sheet, every table below the heading) and PDF (A4 landscape, ruled tables).
 * Both carry the heading (区域、期间、打印人、打印时间) and the watermark of who exported it and when.
 */

import type { ReportCell, ReportColumn, ReportResponse, ReportTable } from '../../../shared/api/reports.api.ts';
import { formatYuan } from '../../../shared/domain/money.ts';
import { watermarkLine } from '../../platform/excel.ts';
import { type ExcelTypes, excelJs } from '../../platform/exceljs.ts';
import { mm, PdfBuilder } from '../../platform/pdf.ts';
import { type Column, drawTable, type TablePage, type TableRow } from '../campaign-documents/table.layout.ts';

const beijingTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export function headingLine(r: ReportResponse): string {
  const compare = r.compare && r.previousScope ? `　对比：去年同期` : '';
  return `区域：${r.heading.regionName}　期间：${r.heading.periodLabel}${compare}　打印人：${r.heading.printedBy}　打印时间：${beijingTime(r.heading.printedAt)}`;
}

/** A figure as printed: money in 元, ratios with one decimal, empty for "not applicable". */
export function formatValue(column: ReportColumn, value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined) return '—';
  const sign = signed && value > 0 ? '+' : '';
  if (column.kind === 'money') return sign + formatYuan(value);
  if (column.kind === 'percent') return `${sign}${value.toFixed(1)}%`;
  if (column.kind === 'days' || column.kind === 'rating') return sign + value.toFixed(1);
  return sign + String(value);
}

const compared = (r: ReportResponse, c: ReportColumn) => r.compare && c.comparable;

/** Header titles of a table: each comparable column becomes 本期 / 去年同期 / 增减 when comparing. */
function headers(r: ReportResponse, t: ReportTable): string[] {
  return [
    ...t.rowHeaders,
    ...t.columns.flatMap((c) => (compared(r, c) ? [c.title, `${c.title}去年同期`, `${c.title}增减`] : [c.title])),
  ];
}

function cells(r: ReportResponse, t: ReportTable, row: { labels: string[]; cells: Record<string, ReportCell> }) {
  const labels = t.rowHeaders.map((_, i) => row.labels[i] ?? '');
  return {
    labels,
    values: t.columns.flatMap((c) => {
      const cell = row.cells[c.key] ?? { value: null };
      return compared(r, c)
        ? [
            [c, cell.value, false],
            [c, cell.previous, false],
            [c, cell.change, true],
          ]
        : [[c, cell.value, false]];
    }) as [ReportColumn, number | null | undefined, boolean][],
  };
}

export async function reportXlsx(r: ReportResponse, who: string): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = '双拥工作平台';
  workbook.created = new Date(r.heading.printedAt);
  const watermark = watermarkLine(who, new Date(r.heading.printedAt));
  const sheet = workbook.addWorksheet(r.title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: `&L${watermark.replace(/&/g, '&&')}&R第 &P 页，共 &N 页` },
  });
  const width = Math.max(...r.tables.map((t) => headers(r, t).length), 4);
  const line = (text: string, style: Partial<ExcelTypes.Font> = {}) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.font = style;
    return row;
  };
  line(r.title, { bold: true, size: 14 }).alignment = { horizontal: 'center' };
  line(headingLine(r));
  line(watermark, { color: { argb: 'FF888888' }, size: 9 });
  for (const t of r.tables) {
    sheet.addRow([]);
    if (r.tables.length > 1) line(t.title, { bold: true });
    const head = sheet.addRow(headers(r, t));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const row of [...t.rows, t.totals]) {
      const { labels, values } = cells(r, t, row);
      const added = sheet.addRow([
        ...labels,
        ...values.map(([c, v]) => (v === null || v === undefined ? '—' : c.kind === 'money' ? v / 100 : v)),
      ]);
      values.forEach(([c], i) => {
        const cell = added.getCell(labels.length + i + 1);
        cell.numFmt = c.kind === 'money' ? '#,##0.00' : c.kind === 'count' ? '0' : '0.0';
      });
      if (row === t.totals) added.font = { bold: true };
    }
    for (const note of t.notes) line(`注：${note}`, { size: 9 });
  }
  sheet.getColumn(1).width = 22;
  for (let i = 2; i <= width; i++) sheet.getColumn(i).width = 13;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function reportPdf(r: ReportResponse, who: string): Promise<Buffer> {
  const pdf = new PdfBuilder({ title: r.title, subject: r.heading.regionName, landscape: true });
  const left = mm(12);
  const right = pdf.width - mm(12);
  const watermark = watermarkLine(who, new Date(r.heading.printedAt));
  for (const t of r.tables) {
    const rowHeaderWidth = 32;
    const columnCount = t.columns.length;
    const available = (right - left) / (72 / 25.4) - rowHeaderWidth * t.rowHeaders.length;
    const columns: Column[] = [
      ...t.rowHeaders.map((title) => ({ title, width: rowHeaderWidth })),
      ...t.columns.map((c) => ({ title: c.title, width: available / columnCount, align: 'right' as const })),
    ];
    const rows: TableRow[] = [...t.rows, t.totals].map((row) => {
      const labels = t.rowHeaders.map((_, i) => row.labels[i] ?? '');
      return {
        cells: [
          ...labels,
          ...t.columns.map((c) => {
            const cell = row.cells[c.key] ?? { value: null };
            const value = formatValue(c, cell.value);
            return compared(r, c)
              ? `${value} 去年 ${formatValue(c, cell.previous)} 增减 ${formatValue(c, cell.change, true)}`
              : value;
          }),
        ],
        emphasis: row === t.totals,
      };
    });
    const size = columnCount > 10 ? 7 : 9;
    drawTable(pdf, {
      columns,
      rows,
      size,
      minRowHeight: 7,
      margins: { top: mm(12), left, bottom: mm(16) },
      headerHeight: mm(22),
      closingHeight: mm(6) * Math.max(1, t.notes.length),
      header: (p: PdfBuilder) => {
        const title = r.tables.length > 1 ? `${r.title}（${t.title}）` : r.title;
        p.drawLine(title, left, mm(12) + 16, 16, { role: 'title', width: right - left, align: 'center' });
        p.drawLine(headingLine(r), left, mm(12) + 16 + mm(8), 9, { width: right - left });
      },
      footer: (p: PdfBuilder, page: TablePage) => {
        p.drawLine(watermark, left, pdf.height - mm(8), 7, { width: right - left });
        p.drawLine(`第 ${page.page} 页 / 共 ${page.pages} 页`, left, pdf.height - mm(8), 8, {
          width: right - left,
          align: 'right',
        });
      },
      closing: (p: PdfBuilder, y: number) => {
        let baseline = y + mm(5);
        for (const note of t.notes) {
          p.drawLine(`注：${note}`, left, baseline, 8, { width: right - left });
          baseline += mm(5);
        }
      },
    });
  }
  if (r.tables.length === 0) {
    pdf.addPage();
    pdf.drawLine(r.title, left, mm(20), 16, { role: 'title', width: right - left, align: 'center' });
    pdf.drawLine(headingLine(r), left, mm(30), 9, { width: right - left });
    pdf.drawLine('所选期间没有数据。', left, mm(40), 11);
  }
  return pdf.toBuffer();
}
