import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PersonListItem } from '../../../shared/api/registry.api.ts';
import type { ExportQuery } from '../../../shared/api/registry-import.api.ts';
import { roleLabels } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { type ExportColumn, watermarkLine, writeXlsx } from '../../platform/excel.ts';
import { streamPersons } from './registry.service.ts';
import * as repo from './registry-import.repo.ts';

/**
 * The registry list → xlsx: the same filters and scope as the list view, the viewer's masking (every list is
 * masked; full numbers only on explicit request by roles that may see them), formula injection neutralised,
 * a watermark line, rows streamed in batches. The `export` audit record is written in the transaction that
 * reads the rows, before the file is finished: an export that cannot be audited yields no file.
 */

interface ExportRow extends PersonListItem {
  fullIdNumber?: string;
  fullPhone?: string | null;
  address: string | null;
  hukouAddress: string | null;
  disabilityGrade: number | null;
  disabilityNature: string | null;
}

const communityOf = (label: string | null, street: string | null) => {
  if (!label) return null;
  const parts = label.split(' / ');
  const last = parts[parts.length - 1] ?? null;
  return last === street ? null : last;
};

function columns(full: boolean): ExportColumn<ExportRow & { n: number }>[] {
  return [
    { header: '序号', width: 7, value: (r) => r.n },
    { header: '姓名', width: 12, value: (r) => r.name },
    { header: '性别', width: 6, value: (r) => (r.sex === 'M' ? '男' : '女') },
    { header: '出生日期', width: 12, value: (r) => r.birthDate },
    { header: '身份证号', width: 22, value: (r) => (full ? (r.fullIdNumber ?? r.idNumber) : r.idNumber) },
    { header: '优抚类别', width: 22, value: (r) => r.categories.map((c) => c.name).join('、') },
    { header: '伤残等级', width: 9, value: (r) => (r.disabilityGrade === null ? null : `${r.disabilityGrade}级`) },
    { header: '伤残性质', width: 9, value: (r) => r.disabilityNature },
    { header: '街道', width: 14, value: (r) => r.residenceStreetName },
    { header: '社区', width: 14, value: (r) => communityOf(r.residenceRegionName, r.residenceStreetName) },
    { header: '居住地址', width: 28, value: (r) => r.address },
    { header: '户籍地', width: 24, value: (r) => r.hukouAddress ?? r.hukouRegionName },
    { header: '本区户籍', width: 9, value: (r) => (r.hukouLocal ? '是' : '否') },
    { header: '联系电话', width: 15, value: (r) => (full ? (r.fullPhone ?? r.phone) : r.phone) },
    { header: '生活状况', width: 16, value: (r) => r.livingSituations.join('、') },
    { header: '状态', width: 14, value: (r) => (r.alive ? '在世' : `已故${r.deathDate ? `（${r.deathDate}）` : ''}`) },
  ];
}

/**
 * Writes the export to `out` and returns the number of people. The caller sends `out`'s content (a temporary
 * file, so that a slow download never holds the database transaction open).
 */
export async function exportPeople(ctx: AppContext, actor: Actor, query: ExportQuery, out: Writable): Promise<number> {
  requireCapability(actor, 'registry.export');
  if (query.full) requireCapability(actor, 'registry.viewFullId');
  const { full, ...filter } = query;
  const at = new Date(nowIso());
  const count = await ctx.db.transaction().execute(async (trx) => {
    const inTrx = { ...ctx, db: trx };
    async function* rows() {
      let n = 0;
      for await (const batch of streamPersons(inTrx, actor, filter)) {
        const ids = batch.map((p) => p.id);
        const extras = new Map((await repo.personSecrets(trx, actor, ids)).map((s) => [s.id, s]));
        const disability = new Map((await repo.disabilityDetails(trx, ids)).map((q) => [q.person_id, q]));
        for (const p of batch) {
          const extra = extras.get(p.id);
          const q = disability.get(p.id);
          const row: ExportRow & { n: number } = {
            ...p,
            n: ++n,
            address: extra?.address ?? null,
            hukouAddress: extra?.hukou_address ?? null,
            disabilityGrade: q?.disability_grade ?? null,
            disabilityNature: q?.disability_nature ?? null,
          };
          if (full && extra) {
            row.fullIdNumber = ctx.cipher.decrypt(extra.id_number_enc);
            row.fullPhone = extra.phone_enc ? ctx.cipher.decrypt(extra.phone_enc) : null;
          }
          yield row;
        }
      }
    }
    return writeXlsx(out, {
      sheetName: '优抚对象名单',
      watermark: watermarkLine(`${actor.displayName}（${roleLabels[actor.role]}）`, at),
      creator: actor.displayName,
      columns: columns(full),
      rows: rows(),
      beforeFinish: async (n) => {
        await appendAudit(trx, actor, {
          action: 'export',
          entityType: 'person',
          summary: `导出优抚对象名单 ${n} 人${full ? '（含完整身份证号和电话）' : '（已脱敏）'}`,
          after: { count: n, full, filter },
        });
      },
    });
  });
  if (!out.writableFinished) await once(out, 'finish');
  return count;
}

/** `优抚对象名单-20261125.xlsx` (Beijing date). */
export function exportFileName(at = new Date(nowIso())): string {
  const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `优抚对象名单-${day}.xlsx`;
}
