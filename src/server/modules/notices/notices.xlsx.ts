/**
 * The unit × task matrix as an xlsx workbook: sheet 落实矩阵 (one row per unit, one column per task, state and
 * date in each cell, coloured) and sheet 明细 (one row per assignment with the reports' text). Every sheet
 * carries a watermark line with who exported it and when; every text cell is neutralised against formula
 * injection (a leading = + - @ gets a leading ').
 */

import type { AssignmentItem, NoticeMatrix } from '../../../shared/api/notices.api.ts';
import { type AssignmentState, assignmentStateLabels, chinaDate } from '../../../shared/domain/notice/index.ts';
import { neutralizeFormula } from '../../platform/excel-write.ts';
import { excelJs } from '../../platform/exceljs.ts';

type CellValue = string | number | null;
const safe = (v: CellValue): CellValue => (typeof v === 'string' ? neutralizeFormula(v) : v);

export const stateColours: Record<AssignmentState, string> = {
  pending: 'FFF0F0F0',
  acknowledged: 'FFDCEBFA',
  overdue: 'FFF8D0D0',
  reported: 'FFD4EDD4',
  reportedLate: 'FFFBE5C0',
};

const shortDate = (iso: string | null) => (iso ? chinaDate(iso).slice(5) : '');

function cellText(cell: NoticeMatrix['units'][number]['cells'][number]): string {
  if (!cell.state) return '—';
  const label = assignmentStateLabels[cell.state];
  if (cell.state === 'reported' || cell.state === 'reportedLate') return `${label} ${shortDate(cell.reportedAt)}`;
  if (cell.state === 'acknowledged') return `${label}（截止 ${cell.deadline?.slice(5) ?? ''}）`;
  return `${label}（截止 ${cell.deadline?.slice(5) ?? ''}）`;
}

export function unitLabel(u: { unitName: string; unitDesignation: string | null }): string {
  return u.unitDesignation ? `${u.unitName}（${u.unitDesignation}）` : u.unitName;
}

/** `2026-11-25T02:03:04Z` → `2026-11-25 10:03（北京时间）` */
function beijingTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}（北京时间）`;
}

/** In a print header or footer & starts a code: a literal & is written && */
const footerText = (s: string) => s.replaceAll('&', '&&');

export async function matrixWorkbook(
  matrix: NoticeMatrix,
  assignments: AssignmentItem[],
  watermark: { who: string; at: string },
): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  wb.creator = '双拥工作平台';
  wb.created = new Date(watermark.at);
  const mark = `导出人：${watermark.who}　导出时间：${beijingTime(watermark.at)}　仅限工作使用，请勿外传`;

  // ---- sheet 1: the matrix
  const ws = wb.addWorksheet('落实矩阵', { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }] });
  const columns = 2 + matrix.tasks.length + 3;
  const addLine = (text: string, bold = false) => {
    const row = ws.addRow([safe(text)]);
    ws.mergeCells(row.number, 1, row.number, columns);
    row.getCell(1).font = { bold, size: bold ? 14 : 10, color: bold ? undefined : { argb: 'FF808080' } };
    return row;
  };
  addLine(`《${matrix.title}》任务落实情况`, true);
  addLine(`${matrix.docNumber ? `文号：${matrix.docNumber}　` : ''}统计日期：${matrix.today}`);
  addLine(mark);
  const header = ws.addRow(
    ['序号', '单位', ...matrix.tasks.map((t) => `第${t.no}项 ${t.title}`), '已签收', '已上报', '逾期未报'].map(safe),
  );
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  matrix.units.forEach((u, i) => {
    const row = ws.addRow(
      [
        i + 1,
        unitLabel(u),
        ...u.cells.map(cellText),
        `${u.counts.acknowledged}/${u.counts.total}`,
        `${u.counts.reported}/${u.counts.total}`,
        u.counts.overdue,
      ].map(safe),
    );
    u.cells.forEach((c, k) => {
      if (!c.state) return;
      row.getCell(3 + k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: stateColours[c.state] } };
    });
  });
  const totals = ws.addRow(
    [
      '',
      '合计',
      ...matrix.tasks.map((t) => `上报 ${t.counts.reported}/${t.counts.total}，逾期 ${t.counts.overdue}`),
      `${matrix.totals.acknowledged}/${matrix.totals.total}`,
      `${matrix.totals.reported}/${matrix.totals.total}`,
      matrix.totals.overdue,
    ].map(safe),
  );
  totals.font = { bold: true };
  ws.addRow([]);
  addLine(
    `图例：${(Object.keys(assignmentStateLabels) as AssignmentState[]).map((s) => assignmentStateLabels[s]).join('、')}；“—”为未分派。`,
  );
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 30;
  for (let k = 0; k < matrix.tasks.length; k++) ws.getColumn(3 + k).width = 22;
  for (let k = 0; k < 3; k++) ws.getColumn(3 + matrix.tasks.length + k).width = 10;
  ws.headerFooter.oddFooter = `&L${footerText(mark)}&R第 &P 页，共 &N 页`;

  // ---- sheet 2: details with the reports
  const ds = wb.addWorksheet('明细');
  const first = ds.addRow([safe(mark)]);
  ds.mergeCells(first.number, 1, first.number, 9);
  first.getCell(1).font = { size: 10, color: { argb: 'FF808080' } };
  const taskOf = new Map(matrix.tasks.map((t) => [t.id, t]));
  const dh = ds.addRow(['单位', '任务', '截止日期', '状态', '签收时间', '签收人', '上报时间', '落实情况', '附件']);
  dh.font = { bold: true };
  for (const a of assignments) {
    const t = taskOf.get(a.taskId);
    const row = ds.addRow(
      [
        unitLabel(a),
        t ? `第${t.no}项 ${t.title}` : '',
        a.deadline,
        assignmentStateLabels[a.state],
        a.acknowledgedAt ? beijingTime(a.acknowledgedAt) : '',
        a.acknowledgedByName ?? '',
        a.reportedAt ? beijingTime(a.reportedAt) : '',
        a.reports.map((r) => r.text).join('\n——\n'),
        a.reports.flatMap((r) => r.files.map((f) => f.name)).join('、'),
      ].map(safe),
    );
    row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: stateColours[a.state] } };
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  }
  [28, 28, 12, 10, 22, 12, 22, 60, 24].forEach((w, k) => {
    ds.getColumn(k + 1).width = w;
  });
  ds.headerFooter.oddFooter = `&L${footerText(mark)}&R第 &P 页，共 &N 页`;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
