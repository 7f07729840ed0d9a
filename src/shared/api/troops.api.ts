import { z } from 'zod';
import { isIsoDate } from '../domain/campaign/dates.ts';
import { requestActions, requestStatuses } from '../domain/troops/request-flow.ts';
import { paged, pageQuery } from './common.api.ts';

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 2026-01-31')
  .refine(isIsoDate, { message: '日期不存在，请检查年、月、日' });

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().default(null);

/**
 * A military unit as the viewer may see it: `name` is always the alias (某部); `designation` (番号) is set only
 * for roles cleared for that unit.
 */
export const militaryUnitRef = z.object({
  id: z.number().int(),
  name: z.string(),
  designation: z.string().nullable(),
});
export type MilitaryUnitRef = z.infer<typeof militaryUnitRef>;

/** Any unit (department, street office, military …); military ones follow the same rule as above. */
export const unitRef = z.object({
  id: z.number().int(),
  kind: z.string(),
  name: z.string(),
  designation: z.string().nullable(),
});
export type UnitRef = z.infer<typeof unitRef>;

// ——— Dictionaries and programmes ———

export const lookupLists = ['request_kind', 'activity_type', 'pairing_category', 'contact_kind'] as const;
export type LookupList = (typeof lookupLists)[number];
export const lookupListLabels: Record<LookupList, string> = {
  request_kind: '诉求类别',
  activity_type: '活动类型',
  pairing_category: '结对对象类别',
  contact_kind: '帮扶方式',
};

export const requestSubjects = ['unit', 'family'] as const;
export type RequestSubject = (typeof requestSubjects)[number];
export const requestSubjectLabels: Record<RequestSubject, string> = {
  unit: '部队诉求',
  family: '军人家庭诉求',
};

export const lookupItem = z.object({
  id: z.number().int(),
  list: z.enum(lookupLists),
  code: z.string(),
  name: z.string(),
  subject: z.enum(requestSubjects).nullable(),
  sort: z.number().int(),
  active: z.boolean(),
});
export type LookupItem = z.infer<typeof lookupItem>;
export const lookupListResponse = z.object({ items: z.array(lookupItem) });
export const lookupQuery = z.strictObject({ list: z.enum(lookupLists).optional() });

export const createLookupRequest = z.strictObject({
  list: z.enum(lookupLists),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, '代码为 2–40 位小写字母、数字或下划线，以字母开头')
    .optional(),
  name: text(40).min(1, '请输入名称'),
  subject: z.enum(requestSubjects).nullable().default(null),
  sort: z.number().int().min(0).max(9999).optional(),
});
export const updateLookupRequest = z.strictObject({
  name: text(40).min(1, '请输入名称'),
  subject: z.enum(requestSubjects).nullable().default(null),
  sort: z.number().int().min(0).max(9999).optional(),
  active: z.boolean(),
});

export const programmeItem = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  sort: z.number().int(),
});
export type ProgrammeItem = z.infer<typeof programmeItem>;
export const programmeList = z.object({ items: z.array(programmeItem) });
export const saveProgrammeRequest = z.strictObject({
  name: text(60).min(1, '请输入专项活动名称'),
  description: optionalText(1000),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(9999).default(0),
});

/** A programme's figures within the viewer's scope. */
export const programmeSummary = z.object({
  programme: programmeItem,
  requests: z.object({
    total: z.number().int(),
    byStatus: z.record(z.enum(requestStatuses), z.number().int()),
    averageRating: z.number().nullable(),
  }),
  pairings: z.object({ total: z.number().int(), active: z.number().int(), contacts: z.number().int() }),
  activities: z.object({
    count: z.number().int(),
    participants: z.number().int(),
    spendCents: z.number().int(),
  }),
  /** Campaign visits tagged with the programme (走访慰问), and the money and goods they handed over. */
  visits: z.object({ count: z.number().int(), cashCents: z.number().int(), goodsCents: z.number().int() }),
  /** Money spent on the programme's activities and pairing contacts together. */
  spendCents: z.number().int(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummary>;

// ——— Attachments ———

export const attachmentItem = z.object({
  id: z.number().int(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  confidential: z.boolean(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type AttachmentItem = z.infer<typeof attachmentItem>;
export const uploadQuery = z.strictObject({
  name: z.string().trim().max(200).optional(),
  /** 1 when the file names a unit's 番号 or similar: then only roles cleared for the unit see it. */
  confidential: z.enum(['0', '1']).optional(),
});
export const attachmentParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  fileId: z.coerce.number().int().positive(),
});

// ——— Requests ———

export const requestSources = ['liaison', 'meeting', 'visit', 'office'] as const;
export type RequestSource = (typeof requestSources)[number];
export const requestSourceLabels: Record<RequestSource, string> = {
  liaison: '部队联络员提出',
  meeting: '会议提出',
  visit: '走访中发现',
  office: '双拥办登记',
};

export const requestStatusSchema = z.enum(requestStatuses);
export const requestActionSchema = z.enum(requestActions);

export const requestListItem = z.object({
  id: z.number().int(),
  subject: z.enum(requestSubjects),
  kindCode: z.string(),
  kindName: z.string(),
  title: z.string(),
  status: requestStatusSchema,
  source: z.enum(requestSources),
  militaryUnit: militaryUnitRef.nullable(),
  familyName: z.string().nullable(),
  department: unitRef.nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  rating: z.number().int().nullable(),
  programmeIds: z.array(z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RequestListItem = z.infer<typeof requestListItem>;
export const requestList = paged(requestListItem);

export const requestListQuery = z.strictObject({
  ...pageQuery,
  status: requestStatusSchema.optional(),
  subject: z.enum(requestSubjects).optional(),
  kind: z.string().trim().max(40).optional(),
  militaryUnitId: z.coerce.number().int().positive().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  programmeId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(64).optional(),
  /** Raised from / to (Beijing dates, both inclusive): the 报表 period. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Requests placed in this region or below it. */
  regionId: z.coerce.number().int().positive().optional(),
});

export const requestEventItem = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: requestStatusSchema.nullable(),
  toStatus: requestStatusSchema.nullable(),
  department: unitRef.nullable(),
  dueDate: z.string().nullable(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type RequestEventItem = z.infer<typeof requestEventItem>;

export const meetingRelations = ['produced', 'discussed'] as const;
export type MeetingRelation = (typeof meetingRelations)[number];
export const meetingRelationLabels: Record<MeetingRelation, string> = {
  produced: '会上提出',
  discussed: '会上研究',
};

/** 双拥工作领导小组会议 and 军地联席会议 are both evidence of the 创建台账 (its first item). */
export const meetingKinds = ['joint', 'leading_group', 'symposium', 'briefing'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingKindLabels: Record<MeetingKind, string> = {
  joint: '联席会议',
  leading_group: '领导小组会议',
  symposium: '军地座谈会',
  briefing: '情况通报',
};

export const requestDetail = requestListItem.extend({
  content: z.string(),
  familyRelation: z.string().nullable(),
  /** Full for those who act on the request; masked for read-only roles. */
  familyPhone: z.string().nullable(),
  personId: z.number().int().nullable(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  visitId: z.number().int().nullable(),
  /** The campaign visit the request came from (走访中发现), as far as the viewer may know it. */
  visit: z
    .object({
      campaignId: z.number().int(),
      campaignName: z.string(),
      entryId: z.number().int(),
      visitedOn: z.string(),
      recordedByName: z.string().nullable(),
      personName: z.string(),
    })
    .nullable(),
  ratingComment: z.string().nullable(),
  raisedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  events: z.array(requestEventItem),
  meetings: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(meetingKinds),
      title: z.string(),
      heldOn: z.string(),
      relation: z.enum(meetingRelations),
    }),
  ),
  supporters: z.array(
    z.object({ id: z.number().int(), name: z.string(), kind: z.string(), note: z.string().nullable() }),
  ),
  attachments: z.array(attachmentItem),
  programmes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** What the viewer may do now: the UI shows exactly these buttons. */
  allowedActions: z.array(z.enum([...requestActions, 'edit', 'comment', 'attach', 'linkSupporter'])),
});
export type RequestDetail = z.infer<typeof requestDetail>;

const phone = z.string().trim().max(32).nullable().default(null);

export const createRequestBody = z.strictObject({
  subject: z.enum(requestSubjects).default('unit'),
  /** Required from the office for a unit's request; a troop liaison's own unit is used otherwise. */
  militaryUnitId: z.number().int().positive().nullable().default(null),
  /** Family requests without a unit: where the family lives (defaults to the office's own region). */
  regionId: z.number().int().positive().nullable().default(null),
  kindCode: z.string().trim().min(1, '请选择诉求类别').max(40),
  title: text(100).min(1, '请填写诉求标题'),
  content: text(5000).min(1, '请填写诉求内容'),
  familyName: optionalText(64),
  familyRelation: optionalText(32),
  familyPhone: phone,
  personId: z.number().int().positive().nullable().default(null),
  source: z.enum(requestSources).optional(),
  visitId: z.number().int().positive().nullable().default(null),
  /** Recorded at this meeting (office only): the request is linked to it as produced there. */
  meetingId: z.number().int().positive().nullable().default(null),
  programmeIds: z.array(z.number().int().positive()).max(10).default([]),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;

export const updateRequestBody = z.strictObject({
  kindCode: z.string().trim().min(1, '请选择诉求类别').max(40),
  title: text(100).min(1, '请填写诉求标题'),
  content: text(5000).min(1, '请填写诉求内容'),
  familyName: optionalText(64),
  familyRelation: optionalText(32),
  familyPhone: phone,
  programmeIds: z.array(z.number().int().positive()).max(10).default([]),
});
export type UpdateRequestBody = z.infer<typeof updateRequestBody>;

/** The answer to a step of the flow; `request` is null when the step took it out of the actor's scope. */
export const stepResult = z.object({
  id: z.number().int(),
  status: requestStatusSchema,
  request: requestDetail.nullable(),
});

export const assignRequestBody = z.strictObject({
  departmentId: z.number().int().positive(),
  dueDate: isoDate,
  comment: optionalText(2000),
});
export const stepCommentBody = z.strictObject({ comment: text(2000).min(1, '请填写办理意见') });
export const rateRequestBody = z.strictObject({
  rating: z.number().int().min(1, '评分为 1–5 分').max(5, '评分为 1–5 分'),
  comment: optionalText(2000),
});
export const linkSupporterBody = z.strictObject({
  supporterId: z.number().int().positive(),
  note: optionalText(500),
});
export const supporterLinkParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  supporterId: z.coerce.number().int().positive(),
});

export const departmentTurnaround = z.object({
  department: unitRef,
  assigned: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  resolved: z.number().int(),
  onTime: z.number().int(),
  averageDays: z.number().nullable(),
  averageRating: z.number().nullable(),
  rated: z.number().int(),
});
export const requestStats = z.object({
  total: z.number().int(),
  byStatus: z.record(requestStatusSchema, z.number().int()),
  overdue: z.number().int(),
  averageRating: z.number().nullable(),
  byKind: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  departments: z.array(departmentTurnaround),
});
export type RequestStats = z.infer<typeof requestStats>;

export const overdueSweepResult = z.object({ flagged: z.number().int(), notified: z.number().int() });

// ——— Meetings ———

export const meetingAttendee = z.object({
  unit: unitRef.nullable(),
  name: z.string().nullable(),
  title: z.string().nullable(),
});

export const meetingListItem = z.object({
  id: z.number().int(),
  kind: z.enum(meetingKinds),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  attendeeCount: z.number().int(),
  requestCount: z.number().int(),
  decisionCount: z.number().int(),
});
export type MeetingListItem = z.infer<typeof meetingListItem>;
export const meetingList = paged(meetingListItem);
export const meetingListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(meetingKinds).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const meetingDetail = meetingListItem.extend({
  regionId: z.number().int().nullable(),
  minutes: z.string().nullable(),
  decisions: z.array(z.string()),
  attendees: z.array(meetingAttendee),
  requests: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      status: requestStatusSchema,
      relation: z.enum(meetingRelations),
      militaryUnit: militaryUnitRef.nullable(),
      department: unitRef.nullable(),
    }),
  ),
  attachments: z.array(attachmentItem),
  canEdit: z.boolean(),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const saveMeetingBody = z.strictObject({
  kind: z.enum(meetingKinds),
  title: text(100).min(1, '请填写会议名称'),
  heldOn: isoDate,
  place: optionalText(200),
  regionId: z.number().int().positive().nullable().default(null),
  minutes: optionalText(20000),
  decisions: z.array(text(1000).min(1)).max(100).default([]),
  attendees: z
    .array(
      z.strictObject({
        unitId: z.number().int().positive().nullable().default(null),
        name: optionalText(64),
        title: optionalText(64),
      }),
    )
    .max(200)
    .default([]),
});
export type SaveMeetingBody = z.infer<typeof saveMeetingBody>;

export const linkMeetingRequestBody = z.strictObject({
  requestId: z.number().int().positive(),
  relation: z.enum(meetingRelations).default('discussed'),
});
export const meetingRequestParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  requestId: z.coerce.number().int().positive(),
});
