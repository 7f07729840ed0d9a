import type { Kysely, Transaction } from 'kysely';
import type { CreateMeritRequest, DeliverMeritRequest, MeritItem } from '../../../shared/api/honours.api.ts';
import {
  type MeritAward,
  maskServicemanName,
  meritAwardLabels,
  meritDeliveryWorkingDays,
  meritDueState,
} from '../../../shared/domain/honours/honours.ts';
import { addWorkingDays, chinaWorkCalendar } from '../../../shared/domain/honours/working-days.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import { regionSubtreeIds } from '../regions/regions.repo.ts';
import { mayReadConfidential } from '../units/units.service.ts';
import * as repo from './merits.repo.ts';

/**
 * 立功喜报 register: the award arrives at the office, is registered and taken to the family within two working
 * days (public holidays and 调休 counted, domain/honours/working-days.ts). The serviceman and his unit are
 * confidential (安全保密): roles not cleared for the unit see 张某 and the unit's alias, never the 番号 or the
 * citation — the same rule as military units (units.service.ts mayReadConfidential).
 */

function cleared(actor: Actor, unitId: number | null): boolean {
  return unitId === null ? can(actor.role, 'militaryUnits.seeDesignation') : mayReadConfidential(actor, unitId);
}

function toItem(ctx: AppContext, actor: Actor, r: repo.MeritRow, today: string): MeritItem {
  const open = cleared(actor, r.military_unit_id);
  return {
    id: r.id,
    award: r.award as MeritAward,
    honoraryTitle: r.honorary_title,
    awardedOn: r.awarded_on,
    servicemanName: open ? r.serviceman_name : maskServicemanName(r.serviceman_name),
    militaryUnit:
      r.military_unit_id === null
        ? null
        : {
            id: r.military_unit_id,
            name: r.unit_name ?? '某部',
            designation: open && r.designation_enc ? ctx.cipher.decrypt(r.designation_enc) : null,
          },
    citation: open ? r.citation : null,
    masked: !open,
    family: {
      personId: r.person_id,
      name: r.person_name,
      relation: r.relation,
      householdId: r.household_id,
      regionId: r.region_id,
      regionName: r.region_name,
    },
    receivedOn: r.received_on,
    dueOn: r.due_on,
    dueState: meritDueState({ dueOn: r.due_on, deliveredOn: r.delivered_on }, today),
    deliveredOn: r.delivered_on,
    deliveredBy: r.delivered_by,
    ceremony: r.ceremony,
    rewardCents: r.reward_cents,
    createdByName: r.created_by_name,
  };
}

export interface MeritQuery {
  state?: 'open' | 'overdue' | 'delivered' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  regionId?: number | undefined;
  personId?: number | undefined;
  page: number;
  pageSize: number;
}

export async function listMerits(ctx: AppContext, actor: Actor, query: MeritQuery) {
  requireCapability(actor, 'registry.read');
  const today = todayInChina();
  const regionIds = query.regionId ? await regionSubtreeIds(ctx.db, query.regionId) : undefined;
  const filter: repo.MeritFilter = {
    state: query.state,
    regionIds,
    personId: query.personId,
    from: query.from,
    to: query.to,
  };
  const page = { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
  const [{ rows, total }, counts] = await Promise.all([
    repo.listMerits(ctx.db, actor, today, filter, page),
    repo.countMerits(ctx.db, actor, today, { ...filter, state: undefined }),
  ]);
  return {
    items: rows.map((r) => toItem(ctx, actor, r, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts,
    today,
  };
}

export async function getMerit(ctx: AppContext, actor: Actor, id: number): Promise<MeritItem> {
  requireCapability(actor, 'registry.read');
  const row = await repo.findMerit(ctx.db, actor, id);
  if (!row) throw notFound();
  return toItem(ctx, actor, row, todayInChina());
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

export async function createMerit(ctx: AppContext, actor: Actor, input: CreateMeritRequest): Promise<MeritItem> {
  requireCapability(actor, 'registry.write');
  const today = todayInChina();
  if (input.receivedOn > today) throw invalid('body.receivedOn', '收到日期不能晚于今天');
  if (input.award === 'honorary_title' && !input.honoraryTitle) {
    throw invalid('body.honoraryTitle', '荣誉称号请填写称号名称');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const person = await repo.findFamilyPerson(trx, actor, input.personId);
    if (!person) throw new AppError('NOT_FOUND', '未找到该家属，可能不在您的数据范围内；请先在优抚对象名册中登记。');
    if (input.militaryUnitId !== null && !(await repo.findMilitaryUnit(trx, input.militaryUnitId))) {
      throw invalid('body.militaryUnitId', '所选部队不存在');
    }
    const now = nowIso();
    const id = await repo.insertMerit(trx, {
      award: input.award,
      honorary_title: input.award === 'honorary_title' ? input.honoraryTitle : null,
      awarded_on: input.awardedOn,
      serviceman_name: input.servicemanName,
      military_unit_id: input.militaryUnitId,
      citation: input.citation,
      person_id: person.id,
      household_id: person.household_id,
      region_id: person.household_region_id ?? person.residence_region_id ?? person.hukou_region_id,
      relation: input.relation,
      received_on: input.receivedOn,
      due_on: addWorkingDays(input.receivedOn, meritDeliveryWorkingDays, chinaWorkCalendar),
      status: 'pending',
      delivered_on: null,
      delivered_by: null,
      ceremony: null,
      reward_cents: null,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: now,
    });
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'meritNotice',
      entityId: id,
      summary: `登记立功喜报（${meritAwardLabels[input.award]}）`,
      // The serviceman's unit and citation are confidential: the log keeps only that they were given.
      after: {
        award: input.award,
        personId: input.personId,
        receivedOn: input.receivedOn,
        militaryUnit: input.militaryUnitId ? '（保密）' : null,
        citation: input.citation ? '（保密）' : null,
      },
    });
    const row = await repo.findMerit(trx, actor, id);
    return toItem(ctx, actor, row!, today);
  });
}

export async function deliverMerit(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: DeliverMeritRequest,
): Promise<MeritItem> {
  requireCapability(actor, 'registry.write');
  const today = todayInChina();
  return ctx.db.transaction().execute(async (trx) => {
    await deliverMeritInTransaction(trx, actor, id, input);
    return toItem(ctx, actor, (await repo.findMerit(trx, actor, id))!, today);
  });
}

/**
 * Records the delivery inside the caller's transaction (a campaign task done on a visit commits with the visit).
 * The caller checks the capability; the notice must be in the actor's scope.
 */
export async function deliverMeritInTransaction(
  trx: Transaction<DB>,
  actor: Actor,
  id: number,
  input: DeliverMeritRequest,
): Promise<void> {
  const today = todayInChina();
  const row = await repo.findMerit(trx, actor, id);
  if (!row) throw notFound();
  if (row.status === 'delivered') {
    throw new AppError('INVALID_STATE', `该喜报已于 ${row.delivered_on} 送达，不能重复登记送达。`);
  }
  if (input.deliveredOn < row.received_on) throw invalid('body.deliveredOn', '送达日期不能早于收到日期');
  if (input.deliveredOn > today) throw invalid('body.deliveredOn', '送达日期不能晚于今天');
  const done = await repo.deliverMerit(
    trx,
    id,
    {
      delivered_on: input.deliveredOn,
      delivered_by: input.deliveredBy,
      ceremony: input.ceremony,
      reward_cents: input.rewardCents,
    },
    nowIso(),
  );
  if (!done) throw new AppError('CONFLICT', '该喜报刚被他人登记送达，请刷新后查看。');
  await appendAudit(trx, actor, {
    action: 'update',
    entityType: 'meritNotice',
    entityId: id,
    summary: '立功喜报送达',
    before: { status: 'pending' },
    after: { status: 'delivered', ...input },
  });
}

/** A merit notice as a campaign plans its 送喜报 task. */
export interface OpenMerit {
  id: number;
  award: string;
  honoraryTitle: string | null;
  personId: number;
  personName: string;
  householdId: number | null;
  regionId: number | null;
  status: string;
}

/** Notices not yet delivered, in the actor's scope within `regionIds`. */
export async function openMerits(db: Kysely<DB>, actor: Actor, regionIds: readonly number[]): Promise<OpenMerit[]> {
  const out: OpenMerit[] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await repo.listMerits(
      db,
      actor,
      todayInChina(),
      { state: 'open', regionIds },
      { offset, limit: pageSize },
    );
    for (const r of rows) {
      out.push({
        id: r.id,
        award: r.award,
        honoraryTitle: r.honorary_title,
        personId: r.person_id,
        personName: r.person_name,
        householdId: r.household_id,
        regionId: r.region_id,
        status: r.status,
      });
    }
    if (rows.length < pageSize) break;
  }
  return out;
}

/** One notice's status (null: missing or out of scope). */
export async function meritStatus(db: Kysely<DB>, actor: Actor, id: number): Promise<string | null> {
  return (await repo.findMerit(db, actor, id))?.status ?? null;
}

/** 立功喜报 figures per region (the register's own definitions of open and overdue) for notices received in a period. */
export async function meritFigures(ctx: AppContext, actor: Actor, period: { from: string; to: string }) {
  requireCapability(actor, 'registry.read');
  return repo.meritGroups(ctx.db, actor, todayInChina(), period);
}
