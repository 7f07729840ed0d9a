import type { z } from 'zod';
import type {
  ActivityCalendar,
  ActivityDetail,
  ActivityListItem,
  ActivitySummary,
  activityExportQuery,
  activityListQuery,
  SaveActivityBody,
} from '../../../shared/api/army-people.api.ts';
import { addDays, localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import ExcelJS from '../../platform/exceljs.ts';
import * as attachmentsRepo from '../troops/attachments.repo.ts';
import * as programmesRepo from '../troops/programmes.repo.ts';
import { lookupNames, requireLookup, requireProgrammes } from '../troops/programmes.service.ts';
import { isOffice, ownMilitaryUnit, regionInScope } from '../troops/troops.access.ts';
import {
  type AttachmentContent,
  addAttachment,
  listAttachmentItems,
  readAttachment,
  removeAttachment,
} from '../troops/troops.attachments.ts';
import { type UnitViews, unitViews } from '../troops/troops.confidential.ts';
import * as repo from './activities.repo.ts';
import * as pairingsRepo from './pairings.repo.ts';

type Filter = z.infer<typeof activityExportQuery>;
type Row = repo.ActivityRow;

/** The most rows one export or summary reads. */
const maxRows = 20_000;

const filterOf = (q: Filter): repo.ActivityFilter => ({
  from: q.from,
  to: q.to,
  type: q.type,
  organiserId: q.organiserId,
  programmeId: q.programmeId,
  regionId: q.regionId,
  q: q.q,
});

function mayEdit(actor: Actor, organiserIds: readonly number[]): boolean {
  if (!can(actor.role, 'activities.write')) return false;
  if (actor.role === 'troop') return actor.unitId !== null && organiserIds.includes(actor.unitId);
  return isOffice(actor) || actor.role === 'street';
}

/** Confidential photos: only viewers cleared for every military unit that organised the activity. */
function mayReadConfidentialPhotos(actor: Actor, views: UnitViews, organiserIds: readonly number[]): boolean {
  const military = organiserIds.filter((id) => views.unit(id)?.kind === 'military');
  if (military.length === 0) return can(actor.role, 'militaryUnits.seeDesignation');
  return military.every((id) => views.cleared(id));
}

function toListItem(
  row: Row,
  views: UnitViews,
  types: Map<string, string>,
  organiserIds: number[],
  programmeIds: number[],
  photoCount: number,
): ActivityListItem {
  return {
    id: row.id,
    typeCode: row.type_code,
    typeName: types.get(row.type_code) ?? row.type_code,
    title: views.redact(row.title),
    heldOn: row.held_on,
    endOn: row.end_on,
    place: views.redact(row.place),
    regionId: row.region_id,
    regionName: row.region_name,
    organisers: organiserIds.flatMap((id) => {
      const u = views.unit(id);
      return u ? [u] : [];
    }),
    participantCount: row.participant_count,
    participants: views.redact(row.participants),
    spendCents: row.spend_cents,
    summary: views.redact(row.summary),
    programmeIds,
    photoCount,
    createdAt: row.created_at,
  };
}

async function decorate(ctx: AppContext, rows: Row[], views: UnitViews) {
  const ids = rows.map((r) => r.id);
  const [types, organisers, programmes, photos] = await Promise.all([
    lookupNames(ctx, 'activity_type'),
    repo.organisersFor(ctx.db, ids),
    programmesRepo.programmeIdsFor(ctx.db, 'activity', ids),
    attachmentsRepo.countAttachments(ctx.db, 'activity', ids),
  ]);
  return {
    types,
    organisers,
    programmes,
    items: rows.map((r) =>
      toListItem(r, views, types, organisers.get(r.id) ?? [], programmes.get(r.id) ?? [], photos.get(r.id) ?? 0),
    ),
  };
}

export async function listActivities(ctx: AppContext, actor: Actor, query: z.infer<typeof activityListQuery>) {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const { items, total } = await repo.listActivities(
    ctx.db,
    actor,
    filterOf(query),
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: (await decorate(ctx, items, views)).items, total, page: query.page, pageSize: query.pageSize };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: number): Promise<ActivityDetail> {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const row = await repo.findActivity(ctx.db, actor, id);
  if (!row) throw notFound();
  const { items, organisers } = await decorate(ctx, [row], views);
  const organiserIds = organisers.get(id) ?? [];
  return {
    ...items[0]!,
    photos: await listAttachmentItems(
      ctx,
      'activity',
      id,
      views,
      mayReadConfidentialPhotos(actor, views, organiserIds),
    ),
    createdBy: row.created_by_name,
    canEdit: mayEdit(actor, organiserIds),
  };
}

export async function activityCalendar(ctx: AppContext, actor: Actor, month: string): Promise<ActivityCalendar> {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const from = `${month}-01`;
  const to = addDays(addDays(from, 32).slice(0, 8).concat('01'), -1);
  const rows = await repo.listAllActivities(ctx.db, actor, { from, to }, maxRows);
  const types = await lookupNames(ctx, 'activity_type');
  const days = new Map<string, ActivityCalendar['days'][number]['items']>();
  for (const r of rows) {
    const last = r.end_on && r.end_on > r.held_on ? r.end_on : r.held_on;
    for (let d = r.held_on < from ? from : r.held_on; d <= last && d <= to; d = addDays(d, 1)) {
      const list = days.get(d) ?? [];
      list.push({
        id: r.id,
        title: views.redact(r.title),
        typeName: types.get(r.type_code) ?? r.type_code,
        spendCents: r.spend_cents,
      });
      days.set(d, list);
    }
  }
  return {
    month,
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, items]) => ({ date, items })),
  };
}

/** Counts, participants and money, by type, programme and month: spend is always in view (儉樸節約). */
export async function activitySummary(ctx: AppContext, actor: Actor, query: Filter): Promise<ActivitySummary> {
  requireCapability(actor, 'activities.read');
  const rows = await repo.listAllActivities(ctx.db, actor, filterOf(query), maxRows);
  const ids = rows.map((r) => r.id);
  const [types, programmes, programmeLinks, contacts] = await Promise.all([
    lookupNames(ctx, 'activity_type'),
    programmesRepo.listProgrammes(ctx.db),
    programmesRepo.programmeIdsFor(ctx.db, 'activity', ids),
    pairingsRepo.listContactsInScope(ctx.db, actor, { from: query.from, to: query.to }),
  ]);
  const programmeNames = new Map(programmes.map((p) => [String(p.id), p.name]));
  const group = (keyOf: (r: Row) => string[], nameOf: (key: string) => string) => {
    const map = new Map<string, { count: number; participants: number; spendCents: number }>();
    for (const r of rows) {
      for (const key of keyOf(r)) {
        const g = map.get(key) ?? { count: 0, participants: 0, spendCents: 0 };
        g.count++;
        g.participants += r.participant_count;
        g.spendCents += r.spend_cents;
        map.set(key, g);
      }
    }
    return [...map.entries()].map(([code, g]) => ({ code, name: nameOf(code), ...g }));
  };
  const spendCents = rows.reduce((s, r) => s + r.spend_cents, 0);
  return {
    count: rows.length,
    participants: rows.reduce((s, r) => s + r.participant_count, 0),
    spendCents,
    averageSpendCents: rows.length ? Math.round(spendCents / rows.length) : 0,
    byType: group(
      (r) => [r.type_code],
      (c) => types.get(c) ?? c,
    ).sort((a, b) => b.spendCents - a.spendCents || b.count - a.count),
    byProgramme: group(
      (r) => (programmeLinks.get(r.id) ?? []).map(String),
      (c) => programmeNames.get(c) ?? c,
    ).sort((a, b) => b.spendCents - a.spendCents),
    byMonth: group(
      (r) => [r.held_on.slice(0, 7)],
      (c) => `${Number(c.slice(0, 4))}年${Number(c.slice(5))}月`,
    ).sort((a, b) => (a.code < b.code ? -1 : 1)),
    pairingContacts: { count: contacts.length, spendCents: contacts.reduce((s, c) => s + c.spend_cents, 0) },
  };
}

/** Activities of a period per month × type (count, participants, spend), with the type names. */
export async function activityFigures(ctx: AppContext, actor: Actor, query: Filter) {
  requireCapability(actor, 'activities.read');
  const [rows, types] = await Promise.all([
    repo.activityGroups(ctx.db, actor, filterOf(query)),
    lookupNames(ctx, 'activity_type'),
  ]);
  return rows.map((r) => ({ ...r, typeName: types.get(r.type) ?? r.type }));
}

// ——— export ———

/** Text that a spreadsheet could take for a formula (=, +, -, @, tab, CR) is kept as text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function exportActivities(
  ctx: AppContext,
  actor: Actor,
  query: Filter,
): Promise<{ filename: string; bytes: Buffer; count: number }> {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const rows = await repo.listAllActivities(ctx.db, actor, filterOf(query), maxRows);
  const { items } = await decorate(ctx, rows, views);
  const programmes = new Map((await programmesRepo.listProgrammes(ctx.db)).map((p) => [p.id, p.name]));
  const now = nowIso();
  const stamp = `${localDateOf(now)} ${new Date(Date.parse(now) + 8 * 3600_000).toISOString().slice(11, 16)}`;

  const workbook = new ExcelJS.Workbook();
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
  const t = (v: string | null | undefined) => neutraliseFormula(v ?? '');
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

// ——— changes ———

async function activityRecord(
  ctx: AppContext,
  actor: Actor,
  input: SaveActivityBody,
): Promise<{ record: repo.ActivityRecord; organiserIds: number[] }> {
  const views = await unitViews(ctx, actor);
  const organiserIds = [...new Set(input.organiserUnitIds)];
  let regionId = input.regionId;
  if (actor.role === 'troop') {
    const own = ownMilitaryUnit(actor);
    if (!organiserIds.includes(own)) organiserIds.unshift(own);
    regionId ??= views.regionOf(own) ?? null;
    if (regionId === null || !(await pairingsRepo.regionExists(ctx.db, regionId))) {
      throw new AppError('VALIDATION_FAILED', '请选择活动举办地所在的区域。', [
        { path: 'regionId', message: '请选择区域' },
      ]);
    }
  } else {
    regionId ??= actor.regionId;
    if (!regionInScope(actor, regionId) && !(actor.role === 'admin' && regionId === null)) {
      throw new AppError('VALIDATION_FAILED', '请选择您管辖范围内的活动区域。', [
        { path: 'regionId', message: '区域不在管辖范围内' },
      ]);
    }
  }
  if (organiserIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', '请至少选择一个组织单位。', [
      { path: 'organiserUnitIds', message: '请选择组织单位' },
    ]);
  }
  organiserIds.forEach((id, i) => {
    if (!views.unit(id)) {
      throw new AppError('VALIDATION_FAILED', '所选组织单位不存在，请重新选择。', [
        { path: `organiserUnitIds.${i}`, message: '单位不存在' },
      ]);
    }
  });
  if (input.endOn !== null && input.endOn < input.heldOn) {
    throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期。', [
      { path: 'endOn', message: '结束日期早于开始日期' },
    ]);
  }
  await requireLookup(ctx, 'activity_type', input.typeCode, '活动类型');
  await requireProgrammes(ctx, input.programmeIds);
  return {
    organiserIds,
    record: {
      type_code: input.typeCode,
      title: input.title,
      held_on: input.heldOn,
      end_on: input.endOn,
      place: input.place,
      region_id: regionId,
      participant_count: input.participantCount,
      participants: input.participants,
      spend_cents: input.spendCents,
      summary: input.summary,
    },
  };
}

const auditView = (r: repo.ActivityRecord, organiserIds: number[]) => ({
  typeCode: r.type_code,
  heldOn: r.held_on,
  endOn: r.end_on,
  regionId: r.region_id,
  organiserIds,
  participantCount: r.participant_count,
  spendCents: r.spend_cents,
});

export async function createActivity(ctx: AppContext, actor: Actor, input: SaveActivityBody): Promise<ActivityDetail> {
  requireCapability(actor, 'activities.write');
  if (actor.role === 'troop') ownMilitaryUnit(actor);
  const { record, organiserIds } = await activityRecord(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertActivity(trx, record, { id: actor.userId, name: actor.displayName }, nowIso());
    await repo.setOrganisers(trx, id, organiserIds);
    await programmesRepo.setProgrammeLinks(trx, 'activity', id, input.programmeIds);
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'activity',
      entityId: id,
      after: auditView(record, organiserIds),
    });
    return id;
  });
  return getActivity(ctx, actor, id);
}

async function editable(ctx: AppContext, actor: Actor, id: number) {
  requireCapability(actor, 'activities.write');
  const row = await repo.findActivity(ctx.db, actor, id);
  if (!row) throw notFound();
  const organiserIds = (await repo.organisersFor(ctx.db, [id])).get(id) ?? [];
  if (!mayEdit(actor, organiserIds)) throw new AppError('FORBIDDEN', '只有组织单位或双拥办可以修改该活动。');
  return { row, organiserIds };
}

export async function updateActivity(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SaveActivityBody,
): Promise<ActivityDetail> {
  const { row, organiserIds: before } = await editable(ctx, actor, id);
  const { record, organiserIds } = await activityRecord(ctx, actor, input);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateActivity(trx, id, record, nowIso());
    await repo.setOrganisers(trx, id, organiserIds);
    await programmesRepo.setProgrammeLinks(trx, 'activity', id, input.programmeIds);
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'activity',
      entityId: id,
      before: auditView(row as unknown as repo.ActivityRecord, before),
      after: auditView(record, organiserIds),
    });
  });
  return getActivity(ctx, actor, id);
}

export async function deleteActivity(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const { row, organiserIds } = await editable(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteActivity(trx, id);
    await appendAudit(trx, actor, {
      action: 'delete',
      entityType: 'activity',
      entityId: id,
      before: auditView(row as unknown as repo.ActivityRecord, organiserIds),
    });
  });
}

export async function uploadActivityPhoto(
  ctx: AppContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  options: { name?: string | undefined; confidential: boolean },
) {
  const { organiserIds } = await editable(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  const fileId = await addAttachment(ctx, actor, 'activity', id, bytes, {
    ...options,
    allowed: ['image/jpeg', 'image/png'],
  });
  const items = await listAttachmentItems(
    ctx,
    'activity',
    id,
    views,
    mayReadConfidentialPhotos(actor, views, organiserIds),
  );
  return items.find((i) => i.id === fileId)!;
}

export async function downloadActivityPhoto(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
): Promise<AttachmentContent> {
  requireCapability(actor, 'activities.read');
  if (!(await repo.findActivity(ctx.db, actor, id))) throw notFound();
  const views = await unitViews(ctx, actor);
  const organiserIds = (await repo.organisersFor(ctx.db, [id])).get(id) ?? [];
  return readAttachment(ctx, 'activity', id, fileId, views, mayReadConfidentialPhotos(actor, views, organiserIds));
}

export async function deleteActivityPhoto(ctx: AppContext, actor: Actor, id: number, fileId: number) {
  await editable(ctx, actor, id);
  await removeAttachment(ctx, actor, 'activity', id, fileId);
}
