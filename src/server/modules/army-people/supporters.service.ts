import type { z } from 'zod';
import type {
  HonoreeItem,
  HonoreeKind,
  HonourLevel,
  honoreeListQuery,
  SaveHonoreeBody,
  SaveSupporterBody,
  SupporterDetail,
  SupporterKind,
  SupporterListItem,
  supporterListQuery,
} from '../../../shared/api/army-people.api.ts';
import { maskPhone, parsePhone } from '../../../shared/domain/phone.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { isOffice, regionInScope, requireOffice, requireTroopOrActivityRead } from '../troops/troops.access.ts';
import { type UnitViews, unitViews } from '../troops/troops.confidential.ts';
import { requestsForSupporter, supporterLinkCounts } from '../troops/troops.service.ts';
import * as repo from './supporters.repo.ts';

// ——— social forces ———

/** Contacts: full for the office, masked for leaders and street staff, hidden from liaisons. */
function contactOf(ctx: AppContext, actor: Actor, row: repo.SupporterRow) {
  if (actor.role === 'troop' || actor.role === 'department') return { contactName: null, contactPhone: null };
  const phone = row.contact_phone_enc ? ctx.cipher.decrypt(row.contact_phone_enc) : null;
  return { contactName: row.contact_name, contactPhone: phone && !isOffice(actor) ? maskPhone(phone) : phone };
}

function toSupporter(ctx: AppContext, actor: Actor, row: repo.SupporterRow, requestCount: number): SupporterListItem {
  return {
    id: row.id,
    kind: row.kind as SupporterKind,
    name: row.name,
    regionId: row.region_id,
    regionName: row.region_name,
    ...contactOf(ctx, actor, row),
    pledge: row.pledge,
    benefit: row.benefit,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    active: row.active === 1,
    requestCount,
  };
}

export async function listSupporters(ctx: AppContext, actor: Actor, query: z.infer<typeof supporterListQuery>) {
  requireTroopOrActivityRead(actor);
  const { items, total } = await repo.listSupporters(
    ctx.db,
    actor,
    { kind: query.kind, active: query.active === undefined ? undefined : query.active === 'true', q: query.q },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const counts = await supporterLinkCounts(
    ctx,
    actor,
    items.map((s) => s.id),
  );
  return {
    items: items.map((s) => toSupporter(ctx, actor, s, counts.get(s.id) ?? 0)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getSupporter(ctx: AppContext, actor: Actor, id: number): Promise<SupporterDetail> {
  requireTroopOrActivityRead(actor);
  const row = await repo.findSupporter(ctx.db, actor, id);
  if (!row) throw notFound();
  const requests = await requestsForSupporter(ctx, actor, id);
  return {
    ...toSupporter(ctx, actor, row, requests.length),
    notes: isOffice(actor) ? row.notes : null,
    requests,
    canEdit: isOffice(actor),
  };
}

/** A supporter the actor may link to a request (in its scope), or NOT_FOUND. */
export async function findSupporterForLink(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findSupporter(ctx.db, actor, id);
  if (!row) throw notFound();
  return { id: row.id, name: row.name };
}

/** Names of the supporters linked to a request the viewer can see. */
export async function describeSupporters(ctx: AppContext, ids: readonly number[]) {
  const rows = await repo.supporterNames(ctx.db, ids);
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind }]));
}

function supporterRecord(ctx: AppContext, actor: Actor, input: SaveSupporterBody): repo.SupporterRecord {
  const regionId = input.regionId ?? actor.regionId;
  if (!regionInScope(actor, regionId) && !(actor.role === 'admin' && regionId === null)) {
    throw new AppError('VALIDATION_FAILED', '请选择您管辖范围内的区域。', [
      { path: 'regionId', message: '区域不在管辖范围内' },
    ]);
  }
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw new AppError('VALIDATION_FAILED', '有效期结束日期不能早于开始日期。', [
      { path: 'validTo', message: '结束早于开始' },
    ]);
  }
  let phone: string | null = null;
  if (input.contactPhone) {
    const parsed = parsePhone(input.contactPhone);
    if (!parsed.ok) {
      throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'contactPhone', message: parsed.message }]);
    }
    phone = ctx.cipher.encrypt(parsed.value.value);
  }
  return {
    kind: input.kind,
    name: input.name,
    region_id: regionId,
    contact_name: input.contactName,
    contact_phone_enc: phone,
    pledge: input.pledge,
    benefit: input.benefit,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    active: input.active ? 1 : 0,
    notes: input.notes,
  };
}

const supporterAudit = (r: repo.SupporterRecord) => ({
  kind: r.kind,
  name: r.name,
  regionId: r.region_id,
  active: r.active,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function createSupporter(ctx: AppContext, actor: Actor, input: SaveSupporterBody) {
  requireOffice(actor);
  const record = supporterRecord(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertSupporter(trx, record, nowIso());
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'supporter',
      entityId: id,
      after: supporterAudit(record),
    });
    return id;
  });
  return getSupporter(ctx, actor, id);
}

export async function updateSupporter(ctx: AppContext, actor: Actor, id: number, input: SaveSupporterBody) {
  requireTroopOrActivityRead(actor);
  const before = await repo.findSupporter(ctx.db, actor, id);
  if (!before) throw notFound();
  requireOffice(actor);
  const record = supporterRecord(ctx, actor, input);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSupporter(trx, id, record, nowIso());
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'supporter',
      entityId: id,
      before: { kind: before.kind, name: before.name, regionId: before.region_id, active: before.active },
      after: supporterAudit(record),
    });
  });
  return getSupporter(ctx, actor, id);
}

// ——— models (双拥模范、先进典型) ———

function toHonoree(actor: Actor, views: UnitViews, row: repo.HonoreeRow): HonoreeItem {
  return {
    id: row.id,
    kind: row.kind as HonoreeKind,
    name: views.redact(row.name),
    unit: views.unit(row.unit_id),
    honour: views.redact(row.honour),
    level: row.level as HonourLevel,
    year: row.year,
    story: views.redact(row.story),
    regionId: row.region_id,
    regionName: row.region_name,
    published: row.published === 1,
    canEdit: isOffice(actor),
  };
}

export async function listHonorees(ctx: AppContext, actor: Actor, query: z.infer<typeof honoreeListQuery>) {
  requireTroopOrActivityRead(actor);
  const views = await unitViews(ctx, actor);
  const { items, total } = await repo.listHonorees(
    ctx.db,
    actor,
    { kind: query.kind, level: query.level, year: query.year, q: query.q },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: items.map((h) => toHonoree(actor, views, h)), total, page: query.page, pageSize: query.pageSize };
}

export async function getHonoree(ctx: AppContext, actor: Actor, id: number): Promise<HonoreeItem> {
  requireTroopOrActivityRead(actor);
  const views = await unitViews(ctx, actor);
  const row = await repo.findHonoree(ctx.db, actor, id);
  if (!row) throw notFound();
  return toHonoree(actor, views, row);
}

async function honoreeRecord(ctx: AppContext, actor: Actor, input: SaveHonoreeBody): Promise<repo.HonoreeRecord> {
  const regionId = input.regionId ?? actor.regionId;
  if (!regionInScope(actor, regionId) && !(actor.role === 'admin' && regionId === null)) {
    throw new AppError('VALIDATION_FAILED', '请选择您管辖范围内的区域。', [
      { path: 'regionId', message: '区域不在管辖范围内' },
    ]);
  }
  if (input.unitId !== null) {
    const views = await unitViews(ctx, actor);
    if (!views.unit(input.unitId)) {
      throw new AppError('VALIDATION_FAILED', '所选单位不存在，请重新选择。', [
        { path: 'unitId', message: '单位不存在' },
      ]);
    }
  }
  return {
    kind: input.kind,
    name: input.name,
    unit_id: input.unitId,
    honour: input.honour,
    level: input.level,
    year: input.year,
    story: input.story,
    region_id: regionId,
    published: input.published ? 1 : 0,
  };
}

const honoreeAudit = (r: repo.HonoreeRecord) => ({
  kind: r.kind,
  unitId: r.unit_id,
  level: r.level,
  year: r.year,
  regionId: r.region_id,
  published: r.published,
});

export async function createHonoree(ctx: AppContext, actor: Actor, input: SaveHonoreeBody): Promise<HonoreeItem> {
  requireOffice(actor);
  const record = await honoreeRecord(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertHonoree(trx, record, nowIso());
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'honoree',
      entityId: id,
      after: honoreeAudit(record),
    });
    return id;
  });
  return getHonoree(ctx, actor, id);
}

export async function updateHonoree(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SaveHonoreeBody,
): Promise<HonoreeItem> {
  requireTroopOrActivityRead(actor);
  const before = await repo.findHonoree(ctx.db, actor, id);
  if (!before) throw notFound();
  requireOffice(actor);
  const record = await honoreeRecord(ctx, actor, input);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateHonoree(trx, id, record, nowIso());
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'honoree',
      entityId: id,
      before: honoreeAudit(before as unknown as repo.HonoreeRecord),
      after: honoreeAudit(record),
    });
  });
  return getHonoree(ctx, actor, id);
}
