import { z } from 'zod';
import { isIsoDate } from '../domain/campaign/dates.ts';
import type { NoticeJson } from '../domain/notice/issue-json.ts';
import { paged, pageQuery } from './common.api.ts';
import { unitKinds } from './units.api.ts';

// ------------------------------------------------------------------------------------------------------------
// building blocks

export const assigneeKinds = ['military', 'street', 'community', 'district', 'department', 'social'] as const;
export type AssigneeKind = (typeof assigneeKinds)[number];
export const assigneeKindLabels: Record<AssigneeKind, string> = {
  military: '驻区部队',
  street: '街道/镇',
  community: '社区/村',
  district: '各区/县',
  department: '政府部门',
  social: '社会力量',
};

export const noticeStatuses = ['draft', 'published'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];
export const noticeStatusLabels: Record<NoticeStatus, string> = { draft: '草稿', published: '已下发' };

export const assignmentStateSchema = z.enum(['pending', 'acknowledged', 'overdue', 'reported', 'reportedLate']);

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD，且是有效日期');
const line = (max: number) => z.string().trim().min(1, '不能为空').max(max);
const nameList = z.array(line(200)).max(100);

export const warningItem = z.object({
  code: z.string(),
  message: z.string(),
  /** UTF-16 offset in `sourceText` */
  at: z.number().int(),
  length: z.number().int(),
});
export type NoticeWarningItem = z.infer<typeof warningItem>;

// ------------------------------------------------------------------------------------------------------------
// import from text: the parsed notice (the JSON shape) and an editable draft

const noticeJsonTask = z.object({ no: z.number().int(), title: z.string(), body: z.string() });
const noticeJsonWarning = z.object({ code: z.string(), message: z.string(), at: z.number().int() });

/** Exactly the shape `shuangyong notice parse --json` prints. */
export const noticeJson: z.ZodType<NoticeJson> = z.object({
  docNumber: z.string().nullable(),
  title: z.string().nullable(),
  issuers: z.array(z.string()),
  date: z.string().nullable(),
  recipients: z.array(z.string()),
  cc: z.array(z.string()),
  tasks: z.array(noticeJsonTask),
  requirements: z.array(z.string()),
  get inner() {
    return noticeJson.nullable();
  },
  warnings: z.array(noticeJsonWarning),
}) as z.ZodType<NoticeJson>;

export const parseTextRequest = z.strictObject({
  text: z.string().max(300_000, '文字过长（超过 30 万字），请分开导入'),
  /** file name shown with the import, e.g. when the text was pasted from a file */
  name: z.string().trim().max(200).nullable().default(null),
});
export const parseFileQuery = z.strictObject({ name: z.string().trim().min(1, '请提供文件名').max(200) });

/** The layer of a forwarded notice (转发): its own 文号, title, issuers and date. */
export const innerNotice = z.strictObject({
  docNumber: z.string().trim().max(64).nullable().default(null),
  title: z.string().trim().max(300).nullable().default(null),
  issuers: nameList.default([]),
  date: isoDate.nullable().default(null),
  recipients: nameList.default([]),
  body: z.string().max(200_000).default(''),
});
export type InnerNotice = z.infer<typeof innerNotice>;

export const taskInput = z.strictObject({
  /** an existing task (when editing); absent for a new one */
  id: z.number().int().positive().optional(),
  no: z.number().int().min(1).max(999),
  title: line(200),
  body: z.string().max(50_000).default(''),
  suggestedKinds: z.array(z.enum(assigneeKinds)).max(6).default([]),
});
export type TaskInput = z.infer<typeof taskInput>;

const noticeFields = {
  docNumber: z.string().trim().max(64).nullable().default(null),
  title: z.string().trim().min(1, '请填写通知标题').max(300),
  issuers: z.array(line(200)).min(1, '请至少填写一个发文机关').max(20),
  date: isoDate.nullable().default(null),
  recipients: nameList.default([]),
  cc: nameList.default([]),
  body: z.string().max(300_000).default(''),
  requirements: z.array(line(20_000)).max(50).default([]),
  /** attachment titles as listed in the notice (附件：1. …) */
  attachments: nameList.default([]),
  inner: innerNotice.nullable().default(null),
  tasks: z.array(taskInput).max(100, '工作事项最多 100 项').default([]),
};

export const createNoticeRequest = z.strictObject({
  ...noticeFields,
  /** where the notice came from (the imported text and what the parser warned about), kept with it */
  source: z
    .strictObject({
      name: z.string().trim().max(200).nullable().default(null),
      text: z.string().max(300_000),
      warnings: z.array(warningItem).max(500).default([]),
    })
    .nullable()
    .default(null),
  /** admins only: the region that owns the notice (others: their own region) */
  regionId: z.number().int().positive().nullable().default(null),
});
export type CreateNoticeRequest = z.infer<typeof createNoticeRequest>;

export const updateNoticeRequest = z.strictObject({
  ...noticeFields,
  /** the version that was read; a changed notice answers CONFLICT */
  version: z.number().int().min(1),
});
export type UpdateNoticeRequest = z.infer<typeof updateNoticeRequest>;

export const parseResponse = z.object({
  /** the JSON shape */
  notice: noticeJson,
  /** the text that was parsed (from a .docx: its paragraphs); warnings point into it */
  sourceText: z.string(),
  sourceName: z.string().nullable(),
  /** every warning with its length, for highlighting */
  warnings: z.array(warningItem),
  /** a form to edit and save (POST /api/notices) */
  draft: z.object({
    docNumber: z.string().nullable(),
    title: z.string().nullable(),
    issuers: z.array(z.string()),
    date: z.string().nullable(),
    recipients: z.array(z.string()),
    cc: z.array(z.string()),
    body: z.string(),
    requirements: z.array(z.string()),
    attachments: z.array(z.string()),
    inner: z
      .object({
        docNumber: z.string().nullable(),
        title: z.string().nullable(),
        issuers: z.array(z.string()),
        date: z.string().nullable(),
        recipients: z.array(z.string()),
        body: z.string(),
      })
      .nullable(),
    tasks: z.array(
      z.object({
        no: z.number().int(),
        title: z.string(),
        body: z.string(),
        /** offset of the section in `sourceText` */
        at: z.number().int(),
        suggestedKinds: z.array(z.enum(assigneeKinds)),
        suggestedUnitIds: z.array(z.number().int()),
      }),
    ),
    script: z.enum(['simplified', 'traditional']),
  }),
});
export type ParseResponse = z.infer<typeof parseResponse>;

// ------------------------------------------------------------------------------------------------------------
// notices, tasks, assignments

export const stateCounts = z.object({
  total: z.number().int(),
  acknowledged: z.number().int(),
  reported: z.number().int(),
  overdue: z.number().int(),
  reportedLate: z.number().int(),
});

export const fileItem = z.object({
  id: z.number().int(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type NoticeFileItem = z.infer<typeof fileItem>;

export const reportItem = z.object({
  id: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  files: z.array(fileItem),
});

export const unitRef = {
  unitId: z.number().int(),
  /** the unit's name as the viewer may see it (a military unit's alias, e.g. 某部) */
  unitName: z.string(),
  /** a military unit's 番号, only for cleared viewers */
  unitDesignation: z.string().nullable(),
  unitKind: z.enum(unitKinds),
};

export const assignmentItem = z.object({
  id: z.number().int(),
  noticeId: z.number().int(),
  taskId: z.number().int(),
  ...unitRef,
  deadline: z.string(),
  state: assignmentStateSchema,
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  reportedAt: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
  reports: z.array(reportItem),
  /** the viewer acts for this unit: may acknowledge and report */
  canAct: z.boolean(),
});
export type AssignmentItem = z.infer<typeof assignmentItem>;

export const taskItem = z.object({
  id: z.number().int(),
  no: z.number().int(),
  title: z.string(),
  body: z.string(),
  suggestedKinds: z.array(z.enum(assigneeKinds)),
  /** units matching the suggested kinds (managers only; empty for others) */
  suggestedUnitIds: z.array(z.number().int()),
  assignments: z.array(assignmentItem),
});
export type TaskItem = z.infer<typeof taskItem>;

export const noticeDetail = z.object({
  id: z.number().int(),
  status: z.enum(noticeStatuses),
  regionId: z.number().int().nullable(),
  docNumber: z.string().nullable(),
  title: z.string(),
  issuers: z.array(z.string()),
  date: z.string().nullable(),
  recipients: z.array(z.string()),
  cc: z.array(z.string()),
  /** the full text: managers and leaders only (a unit sees the tasks assigned to it) */
  body: z.string().nullable(),
  requirements: z.array(z.string()),
  attachments: z.array(z.string()),
  inner: z
    .object({
      docNumber: z.string().nullable(),
      title: z.string().nullable(),
      issuers: z.array(z.string()),
      date: z.string().nullable(),
      recipients: z.array(z.string()),
      body: z.string().nullable(),
    })
    .nullable(),
  source: z.object({ name: z.string().nullable(), text: z.string(), warnings: z.array(warningItem) }).nullable(),
  files: z.array(fileItem),
  tasks: z.array(taskItem),
  counts: stateCounts,
  version: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** the viewer may edit, assign, publish, remind */
  canManage: z.boolean(),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

export const noticeListItem = z.object({
  id: z.number().int(),
  status: z.enum(noticeStatuses),
  docNumber: z.string().nullable(),
  title: z.string(),
  issuers: z.array(z.string()),
  date: z.string().nullable(),
  taskCount: z.number().int(),
  /** within the viewer's reach: all assignments for managers, the own unit's for liaisons */
  counts: stateCounts,
  nearestDeadline: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type NoticeListItem = z.infer<typeof noticeListItem>;
export const noticeList = paged(noticeListItem);
export const noticeListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  status: z.enum(noticeStatuses).optional(),
});

export const taskParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  taskId: z.coerce.number().int().positive(),
});

export const setAssignmentsRequest = z.strictObject({
  assignments: z
    .array(z.strictObject({ unitId: z.number().int().positive(), deadline: isoDate }))
    .max(500, '一项任务最多分派 500 个单位'),
});

export const reportRequest = z.strictObject({
  text: z.string().trim().min(1, '请填写落实情况').max(20_000),
  fileIds: z.array(z.number().int().positive()).max(20, '附件最多 20 个').default([]),
});

export const myTaskItem = assignmentItem.extend({
  noticeTitle: z.string(),
  noticeDocNumber: z.string().nullable(),
  taskNo: z.number().int(),
  taskTitle: z.string(),
  taskBody: z.string(),
  requirements: z.array(z.string()),
});
export type MyTaskItem = z.infer<typeof myTaskItem>;
export const myTaskList = z.object({ items: z.array(myTaskItem), today: z.string() });
export const myTaskQuery = z.strictObject({ open: z.enum(['true', 'false']).optional() });

export const matrixCell = z.object({
  taskId: z.number().int(),
  assignmentId: z.number().int().nullable(),
  state: assignmentStateSchema.nullable(),
  deadline: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
});
export const noticeMatrix = z.object({
  noticeId: z.number().int(),
  title: z.string(),
  docNumber: z.string().nullable(),
  today: z.string(),
  tasks: z.array(z.object({ id: z.number().int(), no: z.number().int(), title: z.string(), counts: stateCounts })),
  units: z.array(z.object({ ...unitRef, cells: z.array(matrixCell), counts: stateCounts })),
  totals: stateCounts,
});
export type NoticeMatrix = z.infer<typeof noticeMatrix>;

export const remindResponse = z.object({
  /** overdue assignments reminded */
  assignments: z.number().int(),
  units: z.number().int(),
  /** users who got a message */
  users: z.number().int(),
});
