import { chineseDate } from '../../../shared/domain/letter-template.ts';
import { amountInWords, formatYuan } from '../../../shared/domain/money.ts';
import { mm, type PdfBuilder } from '../../platform/pdf.ts';
import { type Column, drawTable, type TablePage, type TableRow } from './table.layout.ts';

/**
 * 签收表 (one per community, landscape A4) and 发放汇总表 (by street and category, portrait A4, for
 * reimbursement). Pure layouts over plain data; amounts are integer 分.
 */

export interface SignOffEntry {
  name: string;
  category: string;
  cashCents: number;
  /** e.g. `大米 1袋、食用油 1桶` */
  goods: string;
}

export interface SignOffSheetInput {
  campaignName: string;
  streetName: string;
  communityName: string;
  entries: SignOffEntry[];
}

const signOffColumns: Column[] = [
  { title: '序号', width: 14, align: 'center' },
  { title: '姓名', width: 30 },
  { title: '类别', width: 42 },
  { title: '慰问金（元）', width: 28, align: 'right' },
  { title: '慰问品', width: 63 },
  { title: '签收人签字', width: 52 },
  { title: '日期', width: 38 },
];

/** Draws one sheet per community, each starting on a new page with its own page count. */
export function drawSignOffSheets(pdf: PdfBuilder, sheets: readonly SignOffSheetInput[]): void {
  const left = mm(15);
  const right = pdf.width - mm(15);
  for (const sheet of sheets) {
    const total = sheet.entries.reduce((sum, e) => sum + e.cashCents, 0);
    const rows: TableRow[] = sheet.entries.map((e, i) => ({
      cells: [String(i + 1), e.name, e.category, formatYuan(e.cashCents), e.goods, '', ''],
    }));
    rows.push({
      cells: ['合计', '', '', formatYuan(total), `共 ${sheet.entries.length} 人`, '', ''],
      span: 3,
      emphasis: true,
    });
    drawTable(pdf, {
      columns: signOffColumns,
      rows,
      size: 12,
      minRowHeight: 11,
      margins: { top: mm(15), left, bottom: mm(18) },
      headerHeight: mm(24),
      header: (p: PdfBuilder) => {
        p.drawLine(`${sheet.campaignName}慰问金（品）签收表`, left, mm(15) + 18, 18, {
          role: 'title',
          width: right - left,
          align: 'center',
        });
        const baseline = mm(15) + 18 + mm(9);
        p.drawLine(`街道（镇）：${sheet.streetName}　　社区（村）：${sheet.communityName}`, left, baseline, 12);
        p.drawLine(`共 ${sheet.entries.length} 人`, left, baseline, 12, { width: right - left, align: 'right' });
      },
      footer: (p: PdfBuilder, page: TablePage) => {
        const baseline = pdf.height - mm(10);
        p.drawLine(`${sheet.campaignName}　${sheet.communityName}`, left, baseline, 10);
        p.drawLine(`第 ${page.page} 页 / 共 ${page.pages} 页`, left, baseline, 10, {
          width: right - left,
          align: 'center',
        });
        p.drawLine('经办人签字：　　　　　　　', left, baseline, 10, { width: right - left, align: 'right' });
      },
    });
  }
}

export interface DisbursementLine {
  streetName: string;
  category: string;
  persons: number;
  cashCents: number;
  goodsCents: number;
}

export interface DisbursementSummaryInput {
  campaignName: string;
  /** 填报单位, e.g. 普陀区双拥办 */
  issuer: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** In the order to print; lines of one street together. */
  lines: DisbursementLine[];
}

const summaryColumns: Column[] = [
  { title: '街道（镇）', width: 36 },
  { title: '类别', width: 42 },
  { title: '人数', width: 16, align: 'right' },
  { title: '慰问金（元）', width: 26, align: 'right' },
  { title: '慰问品（元）', width: 26, align: 'right' },
  { title: '合计（元）', width: 24, align: 'right' },
];

/** Totals of a set of lines. */
export function sumLines(lines: readonly DisbursementLine[]): {
  persons: number;
  cashCents: number;
  goodsCents: number;
} {
  let persons = 0;
  let cashCents = 0;
  let goodsCents = 0;
  for (const l of lines) {
    persons += l.persons;
    cashCents += l.cashCents;
    goodsCents += l.goodsCents;
  }
  return { persons, cashCents, goodsCents };
}

const amountCells = (t: { persons: number; cashCents: number; goodsCents: number }) => [
  String(t.persons),
  formatYuan(t.cashCents),
  formatYuan(t.goodsCents),
  formatYuan(t.cashCents + t.goodsCents),
];

/** 发放汇总表: a line per street and category, a 小计 per street, the 合计 and the total in words. */
export function drawDisbursementSummary(pdf: PdfBuilder, input: DisbursementSummaryInput): void {
  const left = mm(20);
  const right = pdf.width - mm(20);
  const rows: TableRow[] = [];
  const streets = [...new Set(input.lines.map((l) => l.streetName))];
  for (const street of streets) {
    const lines = input.lines.filter((l) => l.streetName === street);
    lines.forEach((l, i) => {
      rows.push({ cells: [i === 0 ? street : '', l.category, ...amountCells(l)] });
    });
    rows.push({ cells: [`${street} 小计`, '', ...amountCells(sumLines(lines))], span: 2, emphasis: true });
  }
  const total = sumLines(input.lines);
  rows.push({ cells: ['合计', '', ...amountCells(total)], span: 2, emphasis: true });
  drawTable(pdf, {
    columns: summaryColumns,
    rows,
    size: 11,
    minRowHeight: 8,
    margins: { top: mm(25), left, bottom: mm(22) },
    headerHeight: mm(28),
    closingHeight: mm(40),
    header: (p: PdfBuilder) => {
      p.drawLine(`${input.campaignName}慰问金（品）发放汇总表`, left, mm(25) + 18, 18, {
        role: 'title',
        width: right - left,
        align: 'center',
      });
      const baseline = mm(25) + 18 + mm(9);
      p.drawLine(`填报单位：${input.issuer}`, left, baseline, 11);
      p.drawLine('金额单位：元', left, baseline, 11, { width: right - left, align: 'right' });
    },
    footer: (p: PdfBuilder, page: TablePage) => {
      p.drawLine(`第 ${page.page} 页 / 共 ${page.pages} 页`, left, pdf.height - mm(12), 10, {
        width: right - left,
        align: 'center',
      });
    },
    closing: (p: PdfBuilder, y: number) => {
      let baseline = y + mm(9);
      p.drawLine(`合计金额（大写）：${amountInWords(total.cashCents + total.goodsCents)}`, left, baseline, 12);
      baseline += mm(8);
      p.drawLine(
        `其中慰问金：${amountInWords(total.cashCents)}；慰问品：${amountInWords(total.goodsCents)}`,
        left,
        baseline,
        12,
      );
      baseline += mm(12);
      p.drawLine('经办人：　　　　　　　审核人：　　　　　　　负责人：　　　　　　　', left, baseline, 12);
      baseline += mm(9);
      p.drawLine(`填报日期：${chineseDate(input.date)}`, left, baseline, 12, { width: right - left, align: 'right' });
    },
  });
}
