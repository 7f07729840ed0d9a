/**
 * Doing campaign tasks: ticked on the visit form (in the visit's transaction) or submitted on their own, online or
 * synced from a phone. A task is done once: a repeated sync, or a task someone else did first, is answered as
 * already done and never counted again. A done 送喜报 or 挂光荣牌 task writes the honours register through the
 * honours services in the same transaction; per-type progress is counted from the task rows.
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  CampaignPlaqueAction,
  completeTasksRequest,
  TaskKind,
  TaskTypeProgress,
} from '../../../shared/api/campaign-tasks.api.ts';
import { plaqueActionRequest } from '../../../shared/api/honours.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { deliverMeritInTransaction, meritStatus } from '../honours/merits.service.ts';
import { actOnPlaqueInTransaction, plaqueStateOf } from '../honours/plaques.service.ts';
import { loadCampaign, requireStatus } from './campaign-access.ts';
import type { RegionIndex } from './campaign-regions.ts';
import type { CampaignRow } from './campaigns.repo.ts';
import * as repo from './tasks.repo.ts';

export interface Completion {
  doneOn: string;
  clientKey: string;
  familySigner: string | null;
  visitId: number | null;
  offline: boolean;
}

/** The honours register's part of a task; returns without writing when the register already shows it done. */
async function applyToRegister(trx: Transaction<DB>, actor: Actor, t: repo.TaskRow, c: Completion) {
  if (t.kind === 'merit_notice' && t.merit_notice_id !== null) {
    const status = await meritStatus(trx, actor, t.merit_notice_id);
    if (status === null) throw notFound();
    if (status === 'delivered') return;
    await deliverMeritInTransaction(trx, actor, t.merit_notice_id, {
      deliveredOn: c.doneOn,
      deliveredBy: actor.displayName,
      ceremony: null,
      rewardCents: 0,
    });
  }
  if (t.kind === 'plaque' && t.household_id !== null) {
    const action = (t.plaque_action ?? 'hang') as CampaignPlaqueAction;
    const state = await plaqueStateOf(trx, actor, t.household_id);
    if (state === null) throw notFound();
    if (state === 'hung' && action !== 'replace') return;
    const parsed = plaqueActionRequest.safeParse({
      action,
      date: c.doneOn,
      performedBy: actor.displayName,
      familySigner: c.familySigner,
      reason: action === 'replace' ? '春节走访慰问中更换' : action === 'restore' ? '春节走访慰问中补挂' : null,
    });
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', `${t.subject_name}：挂光荣牌须填写家属签字人姓名。`, [
        { path: 'body.familySigner', message: '请填写家属签字人' },
      ]);
    }
    await actOnPlaqueInTransaction(trx, actor, t.household_id, parsed.data);
  }
}

/** Marks the tasks done inside the caller's transaction. `only` limits them to one family's (the visit form). */
export async function completeTasksInTransaction(
  trx: Transaction<DB>,
  actor: Actor,
  campaign: Pick<CampaignRow, 'id' | 'window_start'>,
  taskIds: readonly number[],
  c: Completion,
  only?: { entryId: number; householdId: number | null; personId: number },
): Promise<{ done: number[]; alreadyDone: number[] }> {
  const wanted = [...new Set(taskIds)];
  if (wanted.length === 0) return { done: [], alreadyDone: [] };
  const tasks = only
    ? (await repo.familyTasks(trx, actor, campaign.id, only)).filter((t) => wanted.includes(t.id))
    : await repo.findTasks(trx, actor, campaign.id, wanted);
  if (tasks.length !== wanted.length) throw notFound();
  if (c.doneOn < campaign.window_start) {
    throw new AppError('VALIDATION_FAILED', `完成日期早于活动开始日期 ${campaign.window_start}，请核对。`, [
      { path: 'body.doneOn', message: '完成日期早于活动开始日期' },
    ]);
  }
  const done: number[] = [];
  const alreadyDone: number[] = [];
  const now = nowIso();
  for (const t of tasks) {
    if (t.status === 'done') {
      alreadyDone.push(t.id);
      continue;
    }
    await applyToRegister(trx, actor, t, c);
    const won = await repo.markDone(
      trx,
      t.id,
      {
        done_on: c.doneOn,
        done_by: actor.userId,
        done_by_name: actor.displayName,
        done_client_key: c.clientKey,
        visit_id: c.visitId,
      },
      now,
    );
    (won ? done : alreadyDone).push(t.id);
  }
  if (done.length) {
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_task',
      entityId: campaign.id,
      summary: `完成活动任务 ${done.length} 项${c.offline ? '，离线登记' : ''}`,
      after: { taskIds: done, doneOn: c.doneOn, visitId: c.visitId },
    });
  }
  return { done, alreadyDone };
}

/** Tasks done on their own (no cash/goods handed over), e.g. a 喜报 to a family not on the roster. */
export async function completeTasks(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: z.output<typeof completeTasksRequest>,
) {
  const { campaign } = await loadCampaign(ctx.db, actor, campaignId, { capability: 'campaign.visit' });
  requireStatus(campaign, ['locked', 'in_progress'], '登记任务完成（名单须经双拥办审批锁定，活动结束后不再登记）');
  const completion: Completion = {
    doneOn: input.doneOn,
    clientKey: input.clientKey,
    familySigner: input.familySigner,
    visitId: null,
    offline: input.recordedOffline,
  };
  try {
    return await ctx.db
      .transaction()
      .execute((trx) => completeTasksInTransaction(trx, actor, campaign, input.taskIds, completion));
  } catch (error) {
    // A concurrent sync of the same submission got there first: answer as the replay it is.
    const tasks = await repo.findTasks(ctx.db, actor, campaignId, input.taskIds);
    if (tasks.length > 0 && tasks.every((t) => t.status === 'done' && t.done_client_key === input.clientKey)) {
      return { done: [], alreadyDone: tasks.map((t) => t.id) };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Progress

export interface VisitGroup {
  streetId: number;
  communityId: number;
  planned: number;
  delivered: number;
}

/**
 * Each task type done/planned by street and community; the visit type counts the roster's deliveries. Overdue:
 * what is still not done once the window is over.
 */
export async function taskProgress(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  regions: RegionIndex,
  visits: readonly VisitGroup[],
  windowOver: boolean,
): Promise<TaskTypeProgress[]> {
  const [types, groups] = await Promise.all([
    repo.listTaskTypes(ctx.db, campaignId),
    repo.taskGroups(ctx.db, actor, campaignId),
  ]);
  return types.map((t) => {
    const rows =
      t.kind === 'visit'
        ? visits.map((v) => ({ ...v, done: v.delivered }))
        : groups.filter((g) => g.taskTypeId === t.id);
    const byStreet = new Map<number, { planned: number; done: number }>();
    const byCommunity = new Map<number, { planned: number; done: number }>();
    let planned = 0;
    let done = 0;
    for (const g of rows) {
      planned += g.planned;
      done += g.done;
      for (const [map, key] of [
        [byStreet, g.streetId],
        [byCommunity, g.communityId],
      ] as const) {
        const acc = map.get(key) ?? { planned: 0, done: 0 };
        acc.planned += g.planned;
        acc.done += g.done;
        map.set(key, acc);
      }
    }
    const list = (map: Map<number, { planned: number; done: number }>) =>
      [...map].sort(([a], [b]) => a - b).map(([key, v]) => ({ key: String(key), label: regions.name(key), ...v }));
    return {
      taskTypeId: t.id,
      kind: t.kind as TaskKind,
      name: t.name,
      planned,
      done,
      overdue: windowOver ? planned - done : 0,
      byStreet: list(byStreet),
      byCommunity: list(byCommunity),
    };
  });
}
