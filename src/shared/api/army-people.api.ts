import { z } from 'zod';
import { paged, pageQuery } from './common.api.ts';
import { attachmentItem, isoDate, militaryUnitRef, unitRef } from './troops.api.ts';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().default(null);
const ids = z.array(z.number().int().positive()).max(10).default([]);
/** Money in 分 (cents), never negative, at most 1 亿元. */
const cents = z.number().int('金额以分为单位，应为整数').min(0, '金额不能为负数').max(10_000_000_000);

// ——— Pairings (结对) ———

export const beneficiaryKinds = ['person', 'family'] as const;
export type BeneficiaryKind = (typeof beneficiaryKinds)[number];
export const beneficiaryKindLabels: Record<BeneficiaryKind, string> = { person: '个人', family: '家庭' };

export const pairingListItem = z.object({
  id: z.number().int(),
  militaryUnit: militaryUnitRef,
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  beneficiaryKind: z.enum(beneficiaryKinds),
  beneficiaryName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  programmeIds: z.array(z.number().int()),
  cadenceDays: z.number().int(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  active: z.boolean(),
  lastContactOn: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  contactCount: z.number().int(),
});
export type PairingListItem = z.infer<typeof pairingListItem>;
export const pairingList = paged(pairingListItem);
export const pairingListQuery = z.strictObject({
  ...pageQuery,
  militaryUnitId: z.coerce.number().int().positive().optional(),
  category: z.string().trim().max(40).optional(),
  programmeId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(64).optional(),
});

export const pairingContactItem = z.object({
  id: z.number().int(),
  contactedOn: z.string(),
  kindCode: z.string(),
  kindName: z.string(),
  summary: z.string().nullable(),
  participants: z.number().int(),
  spendCents: z.number().int(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PairingContactItem = z.infer<typeof pairingContactItem>;

export const pairingDetail = pairingListItem.extend({
  address: z.string().nullable(),
  /** Full for those who keep the pairing; masked for read-only roles. */
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(pairingContactItem),
  spendCents: z.number().int(),
  canEdit: z.boolean(),
});
export type PairingDetail = z.infer<typeof pairingDetail>;

export const savePairingBody = z.strictObject({
  /** The office picks the unit; a troop liaison's own unit is used otherwise. */
  militaryUnitId: z.number().int().positive().nullable().default(null),
  regionId: z.number().int().positive(),
  beneficiaryKind: z.enum(beneficiaryKinds).default('person'),
  beneficiaryName: text(64).min(1, '请填写结对对象姓名或家庭名称'),
  categoryCode: z.string().trim().min(1, '请选择结对对象类别').max(40),
  programmeIds: ids,
  cadenceDays: z.number().int().min(1, '走访频次至少 1 天').max(366, '走访频次最长 366 天'),
  startedOn: isoDate,
  endedOn: isoDate.nullable().default(null),
  active: z.boolean().default(true),
  address: optionalText(200),
  phone: z.string().trim().max(32).nullable().default(null),
  notes: optionalText(2000),
});
export type SavePairingBody = z.infer<typeof savePairingBody>;

export const addContactBody = z.strictObject({
  contactedOn: isoDate,
  kindCode: z.string().trim().min(1, '请选择帮扶方式').max(40),
  summary: optionalText(2000),
  participants: z.number().int().min(0).max(100_000).default(0),
  spendCents: cents.default(0),
});

// ——— Activities ———

export const activityListItem = z.object({
  id: z.number().int(),
  typeCode: z.string(),
  typeName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  endOn: z.string().nullable(),
  place: z.string().nullable(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  organisers: z.array(unitRef),
  participantCount: z.number().int(),
  participants: z.string().nullable(),
  spendCents: z.number().int(),
  summary: z.string().nullable(),
  programmeIds: z.array(z.number().int()),
  photoCount: z.number().int(),
  createdAt: z.string(),
});
export type ActivityListItem = z.infer<typeof activityListItem>;
export const activityList = paged(activityListItem);

const activityFilter = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  type: z.string().trim().max(40).optional(),
  organiserId: z.coerce.number().int().positive().optional(),
  programmeId: z.coerce.number().int().positive().optional(),
  regionId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(64).optional(),
};
export const activityListQuery = z.strictObject({ ...pageQuery, ...activityFilter });
export const activityExportQuery = z.strictObject(activityFilter);
export const activitySummaryQuery = z.strictObject(activityFilter);
export const activityCalendarQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，如 2026-02'),
});

export const activityDetail = activityListItem.extend({
  photos: z.array(attachmentItem),
  createdBy: z.string().nullable(),
  canEdit: z.boolean(),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

export const saveActivityBody = z.strictObject({
  typeCode: z.string().trim().min(1, '请选择活动类型').max(40),
  title: text(100).min(1, '请填写活动名称'),
  heldOn: isoDate,
  endOn: isoDate.nullable().default(null),
  place: optionalText(200),
  regionId: z.number().int().positive().nullable().default(null),
  /** Government and military units that organised it; a troop liaison's own unit is always among them. */
  organiserUnitIds: z.array(z.number().int().positive()).max(20).default([]),
  participantCount: z.number().int().min(0).max(1_000_000).default(0),
  participants: optionalText(1000),
  spendCents: cents.default(0),
  summary: optionalText(10000),
  programmeIds: ids,
});
export type SaveActivityBody = z.infer<typeof saveActivityBody>;

export const activityCalendar = z.object({
  month: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      items: z.array(
        z.object({ id: z.number().int(), title: z.string(), typeName: z.string(), spendCents: z.number().int() }),
      ),
    }),
  ),
});
export type ActivityCalendar = z.infer<typeof activityCalendar>;

const spendRow = z.object({
  code: z.string(),
  name: z.string(),
  count: z.number().int(),
  participants: z.number().int(),
  spendCents: z.number().int(),
});
export const activitySummary = z.object({
  count: z.number().int(),
  participants: z.number().int(),
  spendCents: z.number().int(),
  /** Mean spend per activity (分), the 儉樸節約 figure. */
  averageSpendCents: z.number().int(),
  byType: z.array(spendRow),
  byProgramme: z.array(spendRow),
  byMonth: z.array(spendRow),
  pairingContacts: z.object({ count: z.number().int(), spendCents: z.number().int() }),
});
export type ActivitySummary = z.infer<typeof activitySummary>;

// ——— Social forces (社会力量) ———

export const supporterKinds = ['enterprise', 'social_org', 'volunteer_team', 'social_worker'] as const;
export type SupporterKind = (typeof supporterKinds)[number];
export const supporterKindLabels: Record<SupporterKind, string> = {
  enterprise: '企业（拥军优待商户）',
  social_org: '社会组织',
  volunteer_team: '志愿服务队',
  social_worker: '社会工作者',
};

export const supporterListItem = z.object({
  id: z.number().int(),
  kind: z.enum(supporterKinds),
  name: z.string(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  /** Contacts are shown to the office and street staff only. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  pledge: z.string(),
  benefit: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  requestCount: z.number().int(),
});
export type SupporterListItem = z.infer<typeof supporterListItem>;
export const supporterList = paged(supporterListItem);
export const supporterListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(supporterKinds).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(64).optional(),
});
export const supporterDetail = supporterListItem.extend({
  notes: z.string().nullable(),
  requests: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      status: z.string(),
      militaryUnit: militaryUnitRef.nullable(),
      note: z.string().nullable(),
    }),
  ),
  canEdit: z.boolean(),
});
export type SupporterDetail = z.infer<typeof supporterDetail>;
export const saveSupporterBody = z.strictObject({
  kind: z.enum(supporterKinds),
  name: text(100).min(1, '请填写名称'),
  regionId: z.number().int().positive().nullable().default(null),
  contactName: optionalText(64),
  contactPhone: z.string().trim().max(32).nullable().default(null),
  pledge: text(2000).min(1, '请填写承诺提供的支持，如“现役军人及家属就餐九折”'),
  benefit: optionalText(500),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
  active: z.boolean().default(true),
  notes: optionalText(2000),
});
export type SaveSupporterBody = z.infer<typeof saveSupporterBody>;

// ——— Models (双拥模范、先进典型) ———

export const honoreeKinds = ['unit', 'individual'] as const;
export type HonoreeKind = (typeof honoreeKinds)[number];
export const honoreeKindLabels: Record<HonoreeKind, string> = { unit: '单位', individual: '个人' };
export const honourLevels = ['national', 'provincial', 'city', 'district'] as const;
export type HonourLevel = (typeof honourLevels)[number];
export const honourLevelLabels: Record<HonourLevel, string> = {
  national: '全国',
  provincial: '省（自治区、直辖市）',
  city: '市',
  district: '区（县）',
};

export const honoreeItem = z.object({
  id: z.number().int(),
  kind: z.enum(honoreeKinds),
  name: z.string(),
  /** The honoured unit, or an individual's unit; military units follow the confidentiality rule. */
  unit: unitRef.nullable(),
  honour: z.string(),
  level: z.enum(honourLevels),
  year: z.number().int(),
  story: z.string().nullable(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  published: z.boolean(),
  canEdit: z.boolean(),
});
export type HonoreeItem = z.infer<typeof honoreeItem>;
export const honoreeList = paged(honoreeItem);
export const honoreeListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(honoreeKinds).optional(),
  level: z.enum(honourLevels).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  q: z.string().trim().max(64).optional(),
});
export const saveHonoreeBody = z.strictObject({
  kind: z.enum(honoreeKinds),
  name: text(100).min(1, '请填写单位或个人名称'),
  unitId: z.number().int().positive().nullable().default(null),
  honour: text(200).min(1, '请填写荣誉称号，如“全国双拥模范单位”'),
  level: z.enum(honourLevels),
  year: z.number().int().min(1949).max(2100),
  story: optionalText(20000),
  regionId: z.number().int().positive().nullable().default(null),
  published: z.boolean().default(false),
});
export type SaveHonoreeBody = z.infer<typeof saveHonoreeBody>;
