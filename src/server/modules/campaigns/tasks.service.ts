/**
 * Campaign task types as data (走访慰问, 送立功喜报, 挂光荣牌 新挂/更换/补挂, 贴春联年画) and the planning of their
 * tasks: one per roster family (春联年画), per undelivered 立功喜报 and per household whose 光荣牌 is to be hung
 * or re-hung in the campaign's region. The visit itself is the roster: its progress is the entries'.
 */
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import {
  type CampaignPlaqueAction,
  type createTaskTypeRequest,
  type TaskKind,
  type TaskTypeItem,
  taskKindLabels,
  type updateTaskTypeRequest,
} from '../../../shared/api/campaign-tasks.api.ts';
import { type MeritAward, meritAwardLabels } from '../../../shared/domain/honours/honours.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { openMerits } from '../honours/merits.service.ts';
import { plaqueStates } from '../honours/plaques.service.ts';
import { type LoadedCampaign, loadCampaign, parseJson, requireStatus } from './campaign-access.ts';
import * as campaignRepo from './campaigns.repo.ts';
import * as repo from './tasks.repo.ts';

const defaultPlaqueActions: CampaignPlaqueAction[] = ['hang', 'replace', 'restore'];

/** The task types a new campaign starts with (from its preset or the campaign it copies). */
export async function seedTaskTypes(
  trx: Kysely<DB>,
  campaignId: number,
  from: { kinds: readonly string[] } | { copyOf: number },
  now: string,
): Promise<void> {
  const rows =
    'copyOf' in from
      ? (await repo.listTaskTypes(trx, from.copyOf)).map((t) => ({
          kind: t.kind,
          name: t.name,
          plaque_actions_json: t.plaque_actions_json,
          sort: t.sort,
        }))
      : from.kinds
          .filter((k): k is TaskKind => k in taskKindLabels)
          .map((kind, sort) => ({
            kind,
            name: taskKindLabels[kind],
            plaque_actions_json: kind === 'plaque' ? JSON.stringify(defaultPlaqueActions) : null,
            sort,
          }));
  for (const r of rows) {
    await repo.insertTaskType(trx, { ...r, campaign_id: campaignId, created_at: now, updated_at: now });
  }
}

export function plaqueActionsOf(t: repo.TaskTypeRow): CampaignPlaqueAction[] | null {
  return t.kind === 'plaque' ? parseJson<CampaignPlaqueAction[]>(t.plaque_actions_json, defaultPlaqueActions) : null;
}

export async function listTaskTypes(ctx: AppContext, actor: Actor, campaignId: number): Promise<TaskTypeItem[]> {
  await loadCampaign(ctx.db, actor, campaignId);
  const [types, groups, entries] = await Promise.all([
    repo.listTaskTypes(ctx.db, campaignId),
    repo.taskGroups(ctx.db, actor, campaignId),
    campaignRepo.entryCounts(ctx.db, actor, [campaignId]),
  ]);
  return types.map((t) => {
    const mine = groups.filter((g) => g.taskTypeId === t.id);
    const visit = entries.get(campaignId) ?? { entries: 0, delivered: 0 };
    return {
      id: t.id,
      kind: t.kind as TaskKind,
      name: t.name,
      plaqueActions: plaqueActionsOf(t),
      sort: t.sort,
      planned: t.kind === 'visit' ? visit.entries : mine.reduce((n, g) => n + g.planned, 0),
      done: t.kind === 'visit' ? visit.delivered : mine.reduce((n, g) => n + g.done, 0),
    };
  });
}

async function manageable(trx: Transaction<DB>, actor: Actor, campaignId: number) {
  const loaded = await loadCampaign(trx, actor, campaignId, { manage: true, forUpdate: true });
  requireStatus(
    loaded.campaign,
    ['draft', 'roster_generated', 'in_review', 'locked', 'in_progress'],
    '修改任务类型（活动已结束）',
  );
  return loaded;
}

export async function createTaskType(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: z.output<typeof createTaskTypeRequest>,
): Promise<TaskTypeItem[]> {
  await ctx.db.transaction().execute(async (trx) => {
    await manageable(trx, actor, campaignId);
    const existing = await repo.listTaskTypes(trx, campaignId);
    if (existing.some((t) => t.kind === input.kind)) {
      throw new AppError('CONFLICT', `本活动已有“${taskKindLabels[input.kind]}”任务，请直接修改它。`);
    }
    const now = nowIso();
    const id = await repo.insertTaskType(trx, {
      campaign_id: campaignId,
      kind: input.kind,
      name: input.name ?? taskKindLabels[input.kind],
      plaque_actions_json: input.kind === 'plaque' ? JSON.stringify(input.plaqueActions ?? defaultPlaqueActions) : null,
      sort: existing.length,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'campaign_task_type',
      entityId: id,
      summary: `活动 ${campaignId} 增加任务类型：${input.name ?? taskKindLabels[input.kind]}`,
      after: { ...input },
    });
  });
  return listTaskTypes(ctx, actor, campaignId);
}

async function findType(trx: Kysely<DB>, campaignId: number, typeId: number) {
  const t = (await repo.listTaskTypes(trx, campaignId)).find((x) => x.id === typeId);
  if (!t) throw notFound();
  return t;
}

export async function updateTaskType(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  typeId: number,
  input: z.output<typeof updateTaskTypeRequest>,
): Promise<TaskTypeItem[]> {
  await ctx.db.transaction().execute(async (trx) => {
    await manageable(trx, actor, campaignId);
    const t = await findType(trx, campaignId, typeId);
    if (input.plaqueActions && t.kind !== 'plaque') {
      throw new AppError('VALIDATION_FAILED', '只有“挂光荣牌”任务可以选择新挂、更换、补挂。', [
        { path: 'body.plaqueActions', message: '只有挂光荣牌任务可以选择' },
      ]);
    }
    await repo.updateTaskType(trx, typeId, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.plaqueActions !== undefined && { plaque_actions_json: JSON.stringify(input.plaqueActions) }),
      ...(input.sort !== undefined && { sort: input.sort }),
      updated_at: nowIso(),
    });
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_task_type',
      entityId: typeId,
      before: { name: t.name, plaqueActions: plaqueActionsOf(t) },
      after: { ...input },
    });
  });
  return listTaskTypes(ctx, actor, campaignId);
}

export async function deleteTaskType(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  typeId: number,
): Promise<TaskTypeItem[]> {
  await ctx.db.transaction().execute(async (trx) => {
    await manageable(trx, actor, campaignId);
    const t = await findType(trx, campaignId, typeId);
    if (t.kind === 'visit') {
      throw new AppError('INVALID_STATE', '走访慰问就是慰问名单本身，不能删除；不发慰问金的活动请把标准金额设为 0。');
    }
    const done = await repo.doneCount(trx, typeId);
    if (done > 0) throw new AppError('INVALID_STATE', `“${t.name}”已有 ${done} 项完成，不能删除。`);
    await repo.deleteTaskType(trx, typeId);
    await appendAudit(trx, actor, {
      action: 'delete',
      entityType: 'campaign_task_type',
      entityId: typeId,
      summary: `活动 ${campaignId} 删除任务类型：${t.name}`,
    });
  });
  return listTaskTypes(ctx, actor, campaignId);
}

// ---------------------------------------------------------------------------------------------------------------
// Planning

type Family = Awaited<ReturnType<typeof repo.rosterFamilies>>[number];

/** Creates the tasks not planned yet for every task type; run again after the roster or the registers change. */
export async function planTasks(ctx: AppContext, actor: Actor, campaignId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await manageable(trx, actor, campaignId);
    requireStatus(
      loaded.campaign,
      ['roster_generated', 'in_review', 'locked', 'in_progress'],
      '安排任务（请先生成名单）',
    );
    return planTasksInTransaction(trx, actor, loaded, '安排任务');
  });
}

/** Planning inside the caller's transaction (安排任务, or the roster being locked); idempotent. */
export async function planTasksInTransaction(
  trx: Transaction<DB>,
  actor: Actor,
  { campaign, regions }: LoadedCampaign,
  why: string,
) {
  const campaignId = campaign.id;
  const [types, families] = await Promise.all([
    repo.listTaskTypes(trx, campaignId),
    repo.rosterFamilies(trx, campaignId),
  ]);
  const byPerson = new Map(families.map((f) => [f.person_id, f] as const));
  const byHousehold = new Map<number, Family>();
  for (const f of families)
    if (f.household_id !== null && !byHousehold.has(f.household_id)) byHousehold.set(f.household_id, f);
  const area = regions.subtree(campaign.region_id);
  const now = nowIso();
  const base = { campaign_id: campaignId, status: 'pending', created_at: now, updated_at: now };
  const byType: { taskTypeId: number; name: string; created: number }[] = [];
  for (const t of types) {
    const rows: repo.TaskInsert[] = [];
    if (t.kind === 'couplets') {
      const seen = new Set<string>();
      for (const f of families) {
        const target = f.household_id === null ? `e:${f.id}` : `h:${f.household_id}`;
        if (seen.has(target)) continue;
        seen.add(target);
        rows.push({
          ...base,
          task_type_id: t.id,
          kind: t.kind,
          target_key: target,
          entry_id: f.id,
          household_id: f.household_id,
          person_id: f.person_id,
          subject_name: f.person_name,
          street_id: f.street_id,
          community_id: f.community_id,
        });
      }
    } else if (t.kind === 'merit_notice') {
      for (const m of await openMerits(trx, actor, area)) {
        if (m.regionId === null) continue;
        const place = regions.place(m.regionId);
        const family =
          byPerson.get(m.personId) ?? (m.householdId === null ? undefined : byHousehold.get(m.householdId));
        rows.push({
          ...base,
          task_type_id: t.id,
          kind: t.kind,
          target_key: `m:${m.id}`,
          entry_id: family?.id ?? null,
          household_id: m.householdId,
          person_id: m.personId,
          merit_notice_id: m.id,
          subject_name: `${m.personName}（${meritAwardLabels[m.award as MeritAward] ?? m.award}）`,
          street_id: place.streetId,
          community_id: place.communityId,
        });
      }
    } else if (t.kind === 'plaque') {
      const actions = plaqueActionsOf(t) ?? [];
      const statuses = [
        ...(actions.includes('hang') ? (['due'] as const) : []),
        ...(actions.includes('restore') ? (['withdrawn'] as const) : []),
      ];
      for (const p of await plaqueStates(trx, actor, area, statuses)) {
        if (p.regionId === null || (p.status === 'withdrawn' && !p.eligible)) continue;
        const place = regions.place(p.regionId);
        const action: CampaignPlaqueAction = p.status === 'due' ? 'hang' : 'restore';
        rows.push({
          ...base,
          task_type_id: t.id,
          kind: t.kind,
          target_key: `h:${p.householdId}`,
          entry_id: byHousehold.get(p.householdId)?.id ?? null,
          household_id: p.householdId,
          plaque_action: action,
          subject_name: p.householdName,
          street_id: place.streetId,
          community_id: place.communityId,
        });
      }
    }
    if (t.kind !== 'visit')
      byType.push({ taskTypeId: t.id, name: t.name, created: await repo.insertMissingTasks(trx, rows) });
  }
  const created = byType.reduce((n, b) => n + b.created, 0);
  await appendAudit(trx, actor, {
    action: 'update',
    entityType: 'campaign',
    entityId: campaignId,
    summary: `${why}：新增 ${created} 项`,
    after: { byType },
  });
  return { created, byType };
}

/** A 光荣牌 更换 for a household whose plaque is hung (worn, damaged): planned by hand, with the family's roster entry. */
export async function addReplacementTask(ctx: AppContext, actor: Actor, campaignId: number, householdId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await manageable(trx, actor, campaignId);
    const type = (await repo.listTaskTypes(trx, campaignId)).find((t) => t.kind === 'plaque');
    if (!type || !(plaqueActionsOf(type) ?? []).includes('replace')) {
      throw new AppError('INVALID_STATE', '本活动的“挂光荣牌”任务不含更换；请先在任务类型中勾选“更换”。');
    }
    const [state] = (await plaqueStates(trx, actor, regions.subtree(campaign.region_id), ['hung'])).filter(
      (p) => p.householdId === householdId,
    );
    if (!state || state.regionId === null) throw new AppError('INVALID_STATE', '该户没有已挂的光荣牌，不能安排更换。');
    const place = regions.place(state.regionId);
    const family = (await repo.rosterFamilies(trx, campaignId)).find((f) => f.household_id === householdId);
    const now = nowIso();
    const created = await repo.insertMissingTasks(trx, [
      {
        campaign_id: campaignId,
        task_type_id: type.id,
        kind: 'plaque',
        target_key: `h:${householdId}`,
        entry_id: family?.id ?? null,
        household_id: householdId,
        plaque_action: 'replace',
        subject_name: state.householdName,
        street_id: place.streetId,
        community_id: place.communityId,
        status: 'pending',
        created_at: now,
        updated_at: now,
      },
    ]);
    if (created === 0) throw new AppError('CONFLICT', '该户本次活动已有光荣牌任务。');
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'campaign_task',
      entityId: householdId,
      summary: `活动 ${campaignId} 安排光荣牌更换`,
    });
    return { created };
  });
}
