/**
 * Campaign tasks as people read them (the 任务 tab, a family's visit form, the visitor's phone list) and their
 * assignment to visitors: a task of a roster family falls to its entry's visitor unless assigned on its own.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type CampaignPlaqueAction,
  campaignPlaqueActionLabels,
  type MyTaskItem,
  type TaskItem,
  type TaskKind,
  taskKindLabels,
  type taskListQuery,
} from '../../../shared/api/campaign-tasks.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { loadCampaign, requireStatus } from './campaign-access.ts';
import { requireAssigner, requireInArea, visitorArea } from './campaign-assignment.ts';
import { type RegionIndex, regionLabel } from './campaign-regions.ts';
import type { CampaignRow } from './campaigns.repo.ts';
import * as rosterRepo from './roster.repo.ts';
import * as repo from './tasks.repo.ts';

export function toTaskItem(
  t: repo.VisitorTaskRow,
  types: Map<number, repo.TaskTypeRow>,
  regions: RegionIndex,
): TaskItem {
  return taskItem(t, types.get(t.task_type_id)?.name, regions.name(t.street_id), regions.name(t.community_id));
}

/** A task as people read it, given its type's name and its street's and community's names. */
function taskItem(
  t: repo.VisitorTaskRow,
  typeName: string | undefined,
  streetName: string,
  communityName: string,
): TaskItem {
  const action = t.plaque_action as CampaignPlaqueAction | null;
  return {
    id: t.id,
    taskTypeId: t.task_type_id,
    kind: t.kind as TaskKind,
    label: `${typeName ?? taskKindLabels[t.kind as TaskKind]}${action ? `（${campaignPlaqueActionLabels[action]}）` : ''}`,
    subjectName: t.subject_name,
    entryId: t.entry_id,
    householdId: t.household_id,
    meritNoticeId: t.merit_notice_id,
    plaqueAction: action,
    streetId: t.street_id,
    streetName,
    communityId: t.community_id,
    communityName,
    status: t.status === 'done' ? 'done' : 'pending',
    doneOn: t.done_on,
    doneByName: t.done_by_name,
    assignedUserId: t.visitor_id,
    assignedUserName: t.visitor_name,
    assignedSeparately: t.assigned_user_id !== null,
  };
}

export async function typeIndex(db: Kysely<DB>, campaignId: number) {
  return new Map((await repo.listTaskTypes(db, campaignId)).map((t) => [t.id, t] as const));
}

export async function listTasks(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: z.output<typeof taskListQuery>,
) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const { rows, total } = await repo.pageTasks(ctx.db, actor, campaignId, query, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const types = await typeIndex(ctx.db, campaignId);
  return { items: rows.map((t) => toTaskItem(t, types, regions)), total, page: query.page, pageSize: query.pageSize };
}

/** The tasks of the family of a roster entry, for the visit form. */
export async function familyTasksOf(ctx: AppContext, actor: Actor, campaignId: number, entryId: number) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId, { capability: 'campaign.visit' });
  const entry = await rosterRepo.findEntry(ctx.db, actor, campaignId, entryId);
  if (!entry) throw notFound();
  const rows = await repo.familyTasks(ctx.db, actor, campaignId, {
    entryId,
    householdId: entry.household_id,
    personId: entry.person_id,
  });
  const types = await typeIndex(ctx.db, campaignId);
  return { items: rows.map((t) => toTaskItem(t, types, regions)) };
}

/** Gives tasks to a visitor under the same rules as roster entries; a task out of scope answers 404. */
export async function assignTasks(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { taskIds: number[]; userId: number | null },
) {
  requireAssigner(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, campaignId, { capability: 'campaign.visit' });
    requireStatus(campaign, ['roster_generated', 'in_review', 'locked', 'in_progress'], '分派任务');
    const area = await visitorArea(trx, actor, regions, input.userId);
    const ids = [...new Set(input.taskIds)];
    const tasks = await repo.findTasks(trx, actor, campaignId, ids);
    if (tasks.length !== ids.length) throw notFound();
    const done = tasks.filter((t) => t.status === 'done').length;
    if (done) throw new AppError('INVALID_STATE', `有 ${done} 项任务已完成，不能再分派；请取消勾选后重试。`);
    requireInArea(area, tasks, '任务');
    await repo.setAssignee(trx, ids, input.userId, nowIso());
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_assignment',
      entityId: campaignId,
      summary: input.userId === null ? `收回 ${ids.length} 项任务的单独分派` : `分派 ${ids.length} 项任务`,
      after: { taskIds: ids, userId: input.userId },
    });
    return { count: ids.length };
  });
}

/**
 * The tasks of the visitor's phone list that no visit form of theirs shows (see repo.phoneTasks), in the
 * campaigns the caller already loaded for the list: one statement, the names read with the tasks.
 */
export async function phoneTasksOf(
  db: Kysely<DB>,
  actor: Actor,
  campaigns: readonly Pick<CampaignRow, 'id' | 'name' | 'window_end'>[],
  query: { scope: 'mine' | 'region'; status: 'pending' | 'delivered' | 'all'; q?: string | undefined },
): Promise<MyTaskItem[]> {
  const rows = await repo.phoneTasks(db, actor, {
    campaignIds: campaigns.map((c) => c.id),
    mine: query.scope === 'mine' ? (actor.userId ?? -1) : null,
    status: query.status === 'all' ? undefined : query.status === 'delivered' ? 'done' : 'pending',
    ...(query.q ? { q: query.q } : {}),
  });
  const byId = new Map(campaigns.map((c) => [c.id, c] as const));
  const items: MyTaskItem[] = [];
  for (const t of rows) {
    const c = byId.get(t.campaign_id);
    if (!c) continue;
    items.push({
      ...taskItem(
        t,
        t.type_name,
        regionLabel(t.street_id, t.street_name),
        regionLabel(t.community_id, t.community_name),
      ),
      campaignId: c.id,
      campaignName: c.name,
      windowEnd: c.window_end,
    });
  }
  return items;
}
