/** Recording, changing and deleting activities: the checks on what is entered, and the audit trail. */
import type { Kysely } from 'kysely';
import type { ActivityDetail, SaveActivityBody } from '../../../shared/api/army-people.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import * as programmesRepo from '../troops/programmes.repo.ts';
import { requireLookup, requireProgrammes } from '../troops/programmes.service.ts';
import { ownMilitaryUnit, regionInScope } from '../troops/troops.access.ts';
import { unitViews } from '../troops/troops.confidential.ts';
import * as repo from './activities.repo.ts';
import { editable } from './activity-access.ts';
import { getActivity } from './activity-views.service.ts';
import * as pairingsRepo from './pairings.repo.ts';

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

/** What an activity is saved with besides its own row: its organisers and its programmes. */
async function setLinks(db: Kysely<DB>, id: number, organiserIds: number[], programmeIds: readonly number[]) {
  await repo.setOrganisers(db, id, organiserIds);
  await programmesRepo.setProgrammeLinks(db, 'activity', id, programmeIds);
}

export async function createActivity(ctx: AppContext, actor: Actor, input: SaveActivityBody): Promise<ActivityDetail> {
  requireCapability(actor, 'activities.write');
  if (actor.role === 'troop') ownMilitaryUnit(actor);
  const { record, organiserIds } = await activityRecord(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertActivity(trx, record, { id: actor.userId, name: actor.displayName }, nowIso());
    await setLinks(trx, id, organiserIds, input.programmeIds);
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
    await setLinks(trx, id, organiserIds, input.programmeIds);
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
