/** The activities' 一览表 as xlsx, organisers named as the exporter may see them, with a watermark and an audit record. */
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { neutralizeFormula } from '../../platform/excel-write.ts';
import { excelJs } from '../../platform/exceljs.ts';
import * as programmesRepo from '../troops/programmes.repo.ts';
import { unitViews } from '../troops/troops.confidential.ts';
import * as repo from './activities.repo.ts';
import { type ActivityQuery, decorate, filterOf, maxRows } from './activity-items.ts';

export async function exportActivities(
  ctx: AppContext,
  actor: Actor,
  query: ActivityQuery,
): Promise<{ filename: string; bytes: Buffer; count: number }> {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const rows = await repo.listAllActivities(ctx.db, actor, filterOf(query), maxRows);
  const { items } = await decorate(ctx, rows, views);
  const programmes = new Map((await programmesRepo.listProgrammes(ctx.db)).map((p) => [p.id, p.name]));
  const now = nowIso();
  const stamp = `${localDateOf(now)} ${new Date(Date.parse(now) + 8 * 3600_000).toISOString().slice(11, 16)}`;

  const workbook = new (excelJs().Workbook)();
  workbook.creator = '双拥工作平台';
  workbook.created = new Date(now);
  const sheet = workbook.addWorksheet('双拥活动', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: `&L导出人：${actor.displayName}　导出时间：${stamp}&R第 &P 页，共 &N 页` },
  });
  const headers = [
    '序号',
    '开始日期',
    '结束日期',
    '活动类型',
    '活动名称',
    '组织单位',
    '地点',
    '所在区域',
    '参与人数',
    '参与人员',
    '经费（元）',
    '专项活动',
    '活动小结',
  ];
  const widths = [6, 12, 12, 12, 28, 30, 20, 14, 10, 24, 12, 20, 50];
  const range = query.from || query.to ? `（${query.from ?? '…'} 至 ${query.to ?? '…'}）` : '';
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.getCell(1, 1).value = `双拥活动一览表${range}`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = sheet.getRow(2);
  headers.forEach((h, i) => {
    header.getCell(i + 1).value = h;
    header.getCell(i + 1).font = { bold: true };
    sheet.getColumn(i + 1).width = widths[i]!;
  });
  const t = (v: string | null | undefined) => neutralizeFormula(v ?? '');
  items.forEach((a, i) => {
    const row = sheet.getRow(3 + i);
    row.values = [
      i + 1,
      a.heldOn,
      a.endOn ?? '',
      t(a.typeName),
      t(a.title),
      t(a.organisers.map((o) => views.label(o.id) || o.name).join('、')),
      t(a.place),
      t(a.regionName),
      a.participantCount,
      t(a.participants),
      a.spendCents / 100,
      t(a.programmeIds.map((id) => programmes.get(id) ?? '').join('、')),
      t(a.summary),
    ];
    row.getCell(11).numFmt = '#,##0.00';
    row.alignment = { vertical: 'top', wrapText: true };
  });
  const totalRow = sheet.getRow(3 + items.length);
  totalRow.getCell(1).value = '合计';
  totalRow.getCell(5).value = `${items.length} 项活动`;
  totalRow.getCell(9).value = items.reduce((s, a) => s + a.participantCount, 0);
  totalRow.getCell(11).value = items.reduce((s, a) => s + a.spendCents, 0) / 100;
  totalRow.getCell(11).numFmt = '#,##0.00';
  totalRow.font = { bold: true };
  const mark = sheet.getRow(5 + items.length);
  mark.getCell(1).value = `导出人：${actor.displayName}　导出时间：${stamp}　部队名称按导出人权限显示，请勿外传。`;
  mark.getCell(1).font = { italic: true, color: { argb: 'FF888888' } };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];

  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, actor, {
      action: 'export',
      entityType: 'activity',
      summary: `导出双拥活动 ${items.length} 项`,
      after: filterOf(query),
    }),
  );
  return { filename: `双拥活动_${localDateOf(now).replaceAll('-', '')}.xlsx`, bytes, count: items.length };
}
