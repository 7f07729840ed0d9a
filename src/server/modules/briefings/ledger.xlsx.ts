/**
 * The 创建台账 as xlsx, one sheet per item after a 总表. Why xlsx rather than .docx: a 台账 is a register that
 * evaluators check line by line against the evidence binders — they sort and filter the source lists, tick them
 * off, and print each item's sheet to file behind its tab; a spreadsheet keeps every record one row with its
 * date and place in the system, which a prose document would not. Cells are formula-neutralised and every
 * sheet carries the exporter's watermark (platform/excel.ts).
 */

import type { LedgerResponse } from '../../../shared/api/briefings.api.ts';
import { neutralizeFormula } from '../../platform/excel.ts';
import { excelJs } from '../../platform/exceljs.ts';

const text = (v: string | null) => (v === null ? null : neutralizeFormula(v));

/** Excel sheet names: at most 31 characters, none of \ / ? * [ ] :. */
const sheetName = (i: number, title: string) => `${i}.${title}`.replace(/[\\/?*[\]:]/g, '').slice(0, 31);

export async function ledgerWorkbook(ledger: LedgerResponse, watermark: string): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  wb.creator = '双拥工作平台';
  wb.created = new Date();
  const footer = { oddFooter: `&L${watermark.replace(/&/g, '&&')}&R第 &P 页，共 &N 页` };

  const index = wb.addWorksheet('总表', { headerFooter: footer });
  index.columns = [{ width: 6 }, { width: 28 }, { width: 60 }, { width: 60 }];
  index.addRow([`${ledger.regionName}${ledger.year}年双拥模范城（县）创建台账`]).font = { bold: true, size: 14 };
  index.addRow([watermark]).font = { color: { argb: 'FF888888' }, size: 9 };
  index.addRow(['序号', '项目', '考评要点', '主要数据']).font = { bold: true };
  ledger.items.forEach((item, i) => {
    const figures = item.available ? item.figures.map((f) => `${f.label} ${f.value}`).join('；') : '无权查看';
    index.addRow([i + 1, item.title, item.basis, text(figures)]).alignment = { wrapText: true, vertical: 'top' };
  });

  ledger.items.forEach((item, i) => {
    const sheet = wb.addWorksheet(sheetName(i + 1, item.title), { headerFooter: footer });
    sheet.columns = [{ width: 6 }, { width: 14 }, { width: 48 }, { width: 12 }, { width: 40 }, { width: 28 }];
    sheet.addRow([`${item.title}（${ledger.year}年）`]).font = { bold: true, size: 13 };
    sheet.addRow([watermark]).font = { color: { argb: 'FF888888' }, size: 9 };
    sheet.addRow(['考评要点', null, item.basis]);
    if (!item.available) {
      sheet.addRow(['说明', null, '导出人的角色无权查看本项记录']);
      return;
    }
    for (const f of item.figures) sheet.addRow([f.label, null, text(f.value)]);
    sheet.addRow([]);
    sheet.addRow(['序号', '类别', '名称', '日期', '说明', '系统位置']).font = { bold: true };
    item.records.forEach((r, n) => {
      sheet.addRow([n + 1, text(r.kind), text(r.title), r.date, text(r.note), r.link]).alignment = {
        wrapText: true,
        vertical: 'top',
      };
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
