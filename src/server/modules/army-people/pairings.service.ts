import type { z } from 'zod';
import type {
  addContactBody,
  BeneficiaryKind,
  PairingDetail,
  PairingListItem,
  pairingListQuery,
  SavePairingBody,
} from '../../../shared/api/army-people.api.ts';
import { maskPhone, parsePhone } from '../../../shared/domain/phone.ts';
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { nextContactDue, pairingContactStatus } from '../../../shared/domain/troops/pairing-cadence.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import * as programmesRepo from '../troops/programmes.repo.ts';
import { lookupNames, requireLookup, requireProgrammes } from '../troops/programmes.service.ts';
import { isOffice, ownMilitaryUnit, regionInScope } from '../troops/troops.access.ts';
import { type UnitViews, unitViews } from '../troops/troops.confidential.ts';
import * as repo from './pairings.repo.ts';

type Row = repo.PairingRow;
type ListQuery = z.infer<typeof pairingListQuery>;

/** Who keeps a pairing: its own unit's liaison, or the office (admins) of its region. */
const mayEdit = (actor: Actor, row: { military_unit_id: number }) =>
  (actor.role === 'troop' && actor.unitId === row.military_unit_id) || isOffice(actor);

function toListItem(
  row: Row,
  views: UnitViews,
  categories: Map<string, string>,
  programmeIds: number[],
  now: string,
): PairingListItem {
  const status = pairingContactStatus(
    {
      active: row.active === 1,
      startedOn: row.started_on,
      endedOn: row.ended_on,
      cadenceDays: row.cadence_days,
      lastContactOn: row.last_contact_on,
    },
    now,
  );
  return {
    id: row.id,
    militaryUnit: views.military(row.military_unit_id) ?? { id: row.military_unit_id, name: '某部', designation: null },
    regionId: row.region_id,
    regionName: row.region_name,
    beneficiaryKind: row.beneficiary_kind as BeneficiaryKind,
    beneficiaryName: row.beneficiary_name,
    categoryCode: row.category_code,
    categoryName: categories.get(row.category_code) ?? row.category_code,
    programmeIds,
    cadenceDays: row.cadence_days,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    active: row.active === 1,
    lastContactOn: row.last_contact_on,
    nextDueOn: status.nextDueOn,
    overdue: status.overdue,
    daysOverdue: status.daysOverdue,
    contactCount: Number(row.contact_count ?? 0),
  };
}

export async function listPairings(ctx: AppContext, actor: Actor, query: ListQuery) {
  requireCapability(actor, 'activities.read');
  const now = nowIso();
  const [views, categories] = await Promise.all([unitViews(ctx, actor), lookupNames(ctx, 'pairing_category')]);
  const { items, total } = await repo.listPairings(
    ctx.db,
    actor,
    {
      militaryUnitId: query.militaryUnitId,
      category: query.category,
      programmeId: query.programmeId,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      active: query.active === undefined ? undefined : query.active === 'true',
      q: query.q,
    },
    localDateOf(now),
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const programmes = await programmesRepo.programmeIdsFor(
    ctx.db,
    'pairing',
    items.map((p) => p.id),
  );
  return {
    items: items.map((p) => toListItem(p, views, categories, programmes.get(p.id) ?? [], now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getPairing(ctx: AppContext, actor: Actor, id: number): Promise<PairingDetail> {
  requireCapability(actor, 'activities.read');
  const now = nowIso();
  const [views, categories, kinds] = await Promise.all([
    unitViews(ctx, actor),
    lookupNames(ctx, 'pairing_category'),
    lookupNames(ctx, 'contact_kind'),
  ]);
  const row = await repo.findPairing(ctx.db, actor, id);
  if (!row) throw notFound();
  const [contacts, programmes] = await Promise.all([
    repo.listContacts(ctx.db, id),
    programmesRepo.programmeIdsFor(ctx.db, 'pairing', [id]),
  ]);
  const editable = mayEdit(actor, row);
  const phone = row.phone_enc ? ctx.cipher.decrypt(row.phone_enc) : null;
  return {
    ...toListItem(row, views, categories, programmes.get(id) ?? [], now),
    address: row.address,
    phone: phone && !editable ? maskPhone(phone) : phone,
    notes: views.redact(row.notes),
    contacts: contacts.map((c) => ({
      id: c.id,
      contactedOn: c.contacted_on,
      kindCode: c.kind_code,
      kindName: kinds.get(c.kind_code) ?? c.kind_code,
      summary: views.redact(c.summary),
      participants: c.participants,
      spendCents: c.spend_cents,
      recordedBy: c.recorded_by_name,
      createdAt: c.created_at,
    })),
    spendCents: contacts.reduce((sum, c) => sum + c.spend_cents, 0),
    canEdit: editable,
  };
}

/** Stored beside the pairing so that "overdue at `today`" is a plain comparison in every query. */
function nextDue(p: { active: number; started_on: string; cadence_days: number }, last: string | null) {
  if (p.active !== 1) return null;
  return nextContactDue({ startedOn: p.started_on, cadenceDays: p.cadence_days, lastContactOn: last });
}

async function pairingRecord(ctx: AppContext, actor: Actor, input: SavePairingBody): Promise<repo.PairingRecord> {
  const views = await unitViews(ctx, actor);
  let unitId = input.militaryUnitId;
  if (actor.role === 'troop') {
    const own = ownMilitaryUnit(actor);
    if (unitId !== null && unitId !== own) throw notFound();
    unitId = own;
  } else if (unitId === null) {
    throw new AppError('VALIDATION_FAILED', '请选择结对的驻区部队。', [
      { path: 'militaryUnitId', message: '请选择驻区部队' },
    ]);
  }
  const unit = views.unit(unitId);
  if (unit?.kind !== 'military') throw notFound();
  const regionOk =
    actor.role === 'troop' ? await repo.regionExists(ctx.db, input.regionId) : regionInScope(actor, input.regionId);
  if (!regionOk) {
    throw new AppError('VALIDATION_FAILED', '请选择结对对象所在的街道或社区（须在您的管辖范围内）。', [
      { path: 'regionId', message: '区域不在管辖范围内' },
    ]);
  }
  if (input.endedOn !== null && input.endedOn < input.startedOn) {
    throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期。', [
      { path: 'endedOn', message: '结束日期早于开始日期' },
    ]);
  }
  await requireLookup(ctx, 'pairing_category', input.categoryCode, '结对对象类别');
  await requireProgrammes(ctx, input.programmeIds);
  let phone: string | null = null;
  if (input.phone) {
    const parsed = parsePhone(input.phone);
    if (!parsed.ok)
      throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'phone', message: parsed.message }]);
    phone = ctx.cipher.encrypt(parsed.value.value);
  }
  return {
    military_unit_id: unitId,
    region_id: input.regionId,
    beneficiary_kind: input.beneficiaryKind,
    beneficiary_name: input.beneficiaryName,
    category_code: input.categoryCode,
    cadence_days: input.cadenceDays,
    started_on: input.startedOn,
    ended_on: input.endedOn,
    active: input.active ? 1 : 0,
    address: input.address,
    phone_enc: phone,
    notes: input.notes,
  };
}

/** What the audit log keeps of a pairing: no names, addresses or phones of the people paired. */
const auditView = (r: repo.PairingRecord) => ({
  militaryUnitId: r.military_unit_id,
  regionId: r.region_id,
  categoryCode: r.category_code,
  cadenceDays: r.cadence_days,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  active: r.active,
});

function requireKeeper(actor: Actor): void {
  requireCapability(actor, 'activities.write');
  if (actor.role !== 'troop' && !isOffice(actor)) {
    throw new AppError('FORBIDDEN', '结对由驻区部队联络员或双拥办登记和维护。');
  }
}

/** A pairing the actor keeps and may change: in scope (else not found), its own unit's or the office's. */
async function editablePairing(ctx: AppContext, actor: Actor, id: number) {
  requireCapability(actor, 'activities.write');
  const row = await repo.findPairing(ctx.db, actor, id);
  if (!row) throw notFound();
  requireKeeper(actor);
  if (!mayEdit(actor, row)) throw new AppError('FORBIDDEN');
  return row;
}

export async function createPairing(ctx: AppContext, actor: Actor, input: SavePairingBody): Promise<PairingDetail> {
  requireKeeper(actor);
  const record = await pairingRecord(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertPairing(trx, record, nextDue(record, null), nowIso());
    await programmesRepo.setProgrammeLinks(trx, 'pairing', id, input.programmeIds);
    await appendAudit(trx, actor, { action: 'create', entityType: 'pairing', entityId: id, after: auditView(record) });
    return id;
  });
  return getPairing(ctx, actor, id);
}

export async function updatePairing(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SavePairingBody,
): Promise<PairingDetail> {
  const before = await editablePairing(ctx, actor, id);
  const record = await pairingRecord(ctx, actor, {
    ...input,
    militaryUnitId: input.militaryUnitId ?? before.military_unit_id,
  });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePairing(trx, id, record, nowIso());
    const last = await repo.lastContactOn(trx, id);
    await repo.setContactDates(trx, id, last, nextDue(record, last));
    await programmesRepo.setProgrammeLinks(trx, 'pairing', id, input.programmeIds);
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'pairing',
      entityId: id,
      before: auditView(before as unknown as repo.PairingRecord),
      after: auditView(record),
    });
  });
  return getPairing(ctx, actor, id);
}

export async function addContact(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof addContactBody>,
): Promise<PairingDetail> {
  const row = await editablePairing(ctx, actor, id);
  await requireLookup(ctx, 'contact_kind', input.kindCode, '帮扶方式');
  const now = nowIso();
  if (input.contactedOn > localDateOf(now)) {
    throw new AppError('VALIDATION_FAILED', '帮扶日期不能晚于今天。', [
      { path: 'contactedOn', message: '日期晚于今天' },
    ]);
  }
  if (input.contactedOn < row.started_on) {
    throw new AppError('VALIDATION_FAILED', '帮扶日期不能早于结对开始日期。', [
      { path: 'contactedOn', message: '日期早于结对开始' },
    ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const contactId = await repo.insertContact(trx, {
      pairing_id: id,
      contacted_on: input.contactedOn,
      kind_code: input.kindCode,
      summary: input.summary,
      participants: input.participants,
      spend_cents: input.spendCents,
      recorded_by: actor.userId,
      recorded_by_name: actor.displayName,
      created_at: now,
    });
    const last = await repo.lastContactOn(trx, id);
    await repo.setContactDates(trx, id, last, nextDue(row, last));
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'pairing_contact',
      entityId: contactId,
      after: { pairingId: id, contactedOn: input.contactedOn, kindCode: input.kindCode, spendCents: input.spendCents },
    });
  });
  return getPairing(ctx, actor, id);
}

export async function deleteContact(
  ctx: AppContext,
  actor: Actor,
  id: number,
  contactId: number,
): Promise<PairingDetail> {
  const row = await editablePairing(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const contact = await repo.findContact(trx, id, contactId);
    if (!contact) throw notFound();
    await repo.deleteContact(trx, contactId);
    const last = await repo.lastContactOn(trx, id);
    await repo.setContactDates(trx, id, last, nextDue(row, last));
    await appendAudit(trx, actor, {
      action: 'delete',
      entityType: 'pairing_contact',
      entityId: contactId,
      before: { pairingId: id, contactedOn: contact.contacted_on, spendCents: contact.spend_cents },
    });
  });
  return getPairing(ctx, actor, id);
}

/** How many pairings are active and how many are overdue for contact today. */
export async function pairingFigures(ctx: AppContext, actor: Actor) {
  requireCapability(actor, 'activities.read');
  return repo.countPairings(ctx.db, actor, localDateOf(nowIso()));
}
