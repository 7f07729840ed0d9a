/**
 * Contracts of campaign task types (走访慰问, 送立功喜报, 挂光荣牌, 贴春联年画) and their tasks: types are data,
 * edited per campaign; each non-visit type has one task per family or honour record it concerns, done once —
 * on the visit form (same transaction as the visit) or on its own, online or synced from a phone.
 */
import { z } from 'zod';
import type { plaqueActions } from '../domain/honours/honours.ts';
import { isoDate } from './campaigns.api.ts';
import { paged, pageQuery } from './common.api.ts';

export const taskKinds = ['visit', 'merit_notice', 'plaque', 'couplets'] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskKindLabels: Record<TaskKind, string> = {
  visit: '走访慰问（慰问金、慰问品）',
  merit_notice: '送立功喜报',
  plaque: '挂光荣牌',
  couplets: '贴春联年画',
};

/** The plaque steps a campaign may plan: 新挂 (hang), 更换 (replace), 补挂 (restore a withdrawn plaque). */
export const campaignPlaqueActions = [
  'hang',
  'replace',
  'restore',
] as const satisfies readonly (typeof plaqueActions)[number][];
export type CampaignPlaqueAction = (typeof campaignPlaqueActions)[number];
export const campaignPlaqueActionLabels: Record<CampaignPlaqueAction, string> = {
  hang: '新挂',
  replace: '更换',
  restore: '补挂',
};

export const taskTypeItem = z.object({
  id: z.number().int(),
  kind: z.enum(taskKinds),
  name: z.string(),
  plaqueActions: z.array(z.enum(campaignPlaqueActions)).nullable(),
  sort: z.number().int(),
  /** Tasks planned and done within the viewer's scope (visit: roster entries and deliveries). */
  planned: z.number().int(),
  done: z.number().int(),
});
export type TaskTypeItem = z.infer<typeof taskTypeItem>;
export const taskTypeList = z.object({ items: z.array(taskTypeItem) });

const typeName = z.string().trim().min(2, '任务名称至少 2 个字').max(40, '任务名称最多 40 个字');
const plaqueActionList = z
  .array(z.enum(campaignPlaqueActions))
  .min(1, '请至少选择一种光荣牌任务（新挂、更换或补挂）')
  .max(3);

export const createTaskTypeRequest = z.strictObject({
  kind: z.enum(taskKinds),
  name: typeName.optional(),
  plaqueActions: plaqueActionList.optional(),
});
export const updateTaskTypeRequest = z.strictObject({
  name: typeName.optional(),
  plaqueActions: plaqueActionList.optional(),
  sort: z.number().int().min(0).max(100).optional(),
});

export const taskStatuses = ['pending', 'done'] as const;
export const taskItem = z.object({
  id: z.number().int(),
  taskTypeId: z.number().int(),
  kind: z.enum(taskKinds),
  /** 挂光荣牌（新挂）, 送立功喜报（三等功）… */
  label: z.string(),
  subjectName: z.string(),
  entryId: z.number().int().nullable(),
  householdId: z.number().int().nullable(),
  meritNoticeId: z.number().int().nullable(),
  plaqueAction: z.enum(campaignPlaqueActions).nullable(),
  streetId: z.number().int(),
  streetName: z.string(),
  communityId: z.number().int(),
  communityName: z.string(),
  status: z.enum(taskStatuses),
  doneOn: z.string().nullable(),
  doneByName: z.string().nullable(),
  /** The visitor it falls to: assigned on its own, else its roster entry's visitor. */
  assignedUserId: z.number().int().nullable(),
  assignedUserName: z.string().nullable(),
  /** true when assigned on its own rather than following the roster entry. */
  assignedSeparately: z.boolean(),
});
export type TaskItem = z.infer<typeof taskItem>;
export const taskList = paged(taskItem);
export const familyTaskList = z.object({ items: z.array(taskItem) });

export const taskListQuery = z.strictObject({
  ...pageQuery,
  taskTypeId: z.coerce.number().int().positive().optional(),
  status: z.enum(taskStatuses).optional(),
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  assignedUserId: z.coerce.number().int().positive().optional(),
});

/** Tasks given to a visitor like roster entries; null = back to following the roster entry (or nobody). */
export const assignTasksRequest = z.strictObject({
  taskIds: z.array(z.number().int().positive()).min(1, '请至少选择一项任务').max(2000, '一次最多分派 2000 项'),
  userId: z.number().int().positive().nullable(),
});

/** A task on the visitor's phone list (one with no visit form to tick it on). */
export const myTaskItem = taskItem.extend({
  campaignId: z.number().int(),
  campaignName: z.string(),
  windowEnd: z.string(),
});
export type MyTaskItem = z.infer<typeof myTaskItem>;

export const planTasksResponse = z.object({
  created: z.number().int(),
  byType: z.array(z.object({ taskTypeId: z.number().int(), name: z.string(), created: z.number().int() })),
});

/** Tasks ticked on the visit form: the family signer is the visit's receiver. */
export const visitTasksField = z.array(z.number().int().positive()).max(20).default([]);

/** Tasks done on their own (no cash/goods visit), e.g. a 喜报 to a family not on the roster. */
export const completeTasksRequest = z.strictObject({
  /** Made on the device: the same submission synced twice is done once. */
  clientKey: z.uuid('缺少有效的离线编号（clientKey），请刷新页面后重新登记'),
  doneOn: isoDate,
  taskIds: z.array(z.number().int().positive()).min(1, '请至少勾选一项任务').max(50),
  /** 家属签字人 for a plaque (required by the 光荣牌 register when hanging). */
  familySigner: z.string().trim().max(50).nullable().default(null),
  recordedOffline: z.boolean().default(false),
});
export type CompleteTasksRequest = z.input<typeof completeTasksRequest>;
export const completeTasksResponse = z.object({
  done: z.array(z.number().int()),
  /** Already done before this submission (a repeated sync, or done by someone else): not counted again. */
  alreadyDone: z.array(z.number().int()),
});

// ---------------------------------------------------------------------------------------------------------------
// Progress per task type

export const taskProgressRow = z.object({
  key: z.string(),
  label: z.string(),
  planned: z.number().int(),
  done: z.number().int(),
});
export const taskTypeProgress = z.object({
  taskTypeId: z.number().int(),
  kind: z.enum(taskKinds),
  name: z.string(),
  planned: z.number().int(),
  done: z.number().int(),
  /** Not done at the window's end (0 while the window is open). */
  overdue: z.number().int(),
  byStreet: z.array(taskProgressRow),
  byCommunity: z.array(taskProgressRow),
});
export type TaskTypeProgress = z.infer<typeof taskTypeProgress>;
