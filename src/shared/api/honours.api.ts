import { z } from 'zod';
import { isIsoDate } from '../domain/campaign/dates.ts';
import {
  meritAwards,
  meritDueStates,
  plaqueActions,
  plaqueReasons,
  plaqueStatuses,
} from '../domain/honours/honours.ts';
import { paged, pageQuery } from './common.api.ts';

/** `YYYY-MM-DD`, a real calendar date. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 2026-01-31')
  .refine(isIsoDate, { message: '日期不存在，请检查年、月、日' });
const name = (what: string, max = 50) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}过长`);
const optionalText = (max: number) => z.string().trim().max(max, '内容过长').nullable().default(null);

// ——— 光荣牌 ———

export const householdParam = z.strictObject({ householdId: z.coerce.number().int().positive() });

export const plaqueItem = z.object({
  householdId: z.number().int(),
  householdName: z.string(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  address: z.string().nullable(),
  /** due (应挂, no plaque yet) | hung | withdrawn */
  status: z.enum(plaqueStatuses),
  /** Eligible now, from the registry; a hung plaque of a household no longer eligible shows false. */
  eligible: z.boolean(),
  reasons: z.array(z.enum(plaqueReasons)),
  hungOn: z.string().nullable(),
  hungBy: z.string().nullable(),
  familySigner: z.string().nullable(),
  lastAction: z.enum(plaqueActions).nullable(),
  lastActionOn: z.string().nullable(),
  actions: z.array(z.enum(plaqueActions)),
});
export type PlaqueItem = z.infer<typeof plaqueItem>;

export const plaqueListQuery = z.strictObject({
  status: z.enum(plaqueStatuses).optional(),
  /** Hung plaques of households that are no longer eligible (to be checked and withdrawn). */
  ineligible: z.enum(['1', '0']).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export const plaqueCounts = z.object({
  due: z.number().int(),
  hung: z.number().int(),
  withdrawn: z.number().int(),
  ineligibleHung: z.number().int(),
});
export const plaqueList = paged(plaqueItem).extend({ counts: plaqueCounts });

export const plaqueEvent = z.object({
  id: z.number().int(),
  action: z.enum(plaqueActions),
  fromStatus: z.enum(plaqueStatuses),
  toStatus: z.enum(plaqueStatuses),
  date: z.string(),
  performedBy: z.string().nullable(),
  familySigner: z.string().nullable(),
  hasSignature: z.boolean(),
  reason: z.string().nullable(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export const plaqueDetail = plaqueItem.extend({
  members: z.array(
    z.object({
      personId: z.number().int(),
      name: z.string(),
      alive: z.boolean(),
      categories: z.array(z.string()),
    }),
  ),
  events: z.array(plaqueEvent),
});
export type PlaqueDetail = z.infer<typeof plaqueDetail>;

/** A drawn signature: a PNG data URL of at most about 200 KB. */
const signature = z
  .string()
  .max(280_000, '签名图片过大')
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, '签名应为 PNG 图片')
  .nullable()
  .default(null);

export const plaqueActionRequest = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('hang'),
    date: isoDate,
    performedBy: name('悬挂人'),
    familySigner: name('家属签字人'),
    signature,
    reason: optionalText(200),
  }),
  z.strictObject({
    action: z.literal('replace'),
    date: isoDate,
    performedBy: name('更换人'),
    familySigner: z.string().trim().max(50).nullable().default(null),
    signature,
    reason: name('更换原因', 200),
  }),
  z.strictObject({
    action: z.literal('withdraw'),
    date: isoDate,
    performedBy: z.string().trim().max(50).nullable().default(null),
    reason: name('收回原因', 200),
  }),
  z.strictObject({
    action: z.literal('restore'),
    date: isoDate,
    performedBy: name('悬挂人'),
    familySigner: z.string().trim().max(50).nullable().default(null),
    signature,
    reason: name('恢复原因', 200),
  }),
]);
export type PlaqueActionRequest = z.infer<typeof plaqueActionRequest>;

// ——— 立功喜报 ———

export const meritItem = z.object({
  id: z.number().int(),
  award: z.enum(meritAwards),
  honoraryTitle: z.string().nullable(),
  awardedOn: z.string().nullable(),
  /** The full name for cleared roles; 张某 for everyone else. */
  servicemanName: z.string(),
  /** The serviceman's unit: alias (某部) for everyone; the 番号 only for cleared roles. */
  militaryUnit: z.object({ id: z.number().int(), name: z.string(), designation: z.string().nullable() }).nullable(),
  citation: z.string().nullable(),
  /** Whether the viewer sees the masked form (安全保密). */
  masked: z.boolean(),
  family: z.object({
    personId: z.number().int(),
    name: z.string(),
    relation: z.string().nullable(),
    householdId: z.number().int().nullable(),
    regionId: z.number().int().nullable(),
    regionName: z.string().nullable(),
  }),
  receivedOn: z.string(),
  dueOn: z.string(),
  dueState: z.enum(meritDueStates),
  deliveredOn: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  ceremony: z.string().nullable(),
  rewardCents: z.number().int().nullable(),
  createdByName: z.string().nullable(),
});
export type MeritItem = z.infer<typeof meritItem>;

export const meritListQuery = z.strictObject({
  /** open = not delivered yet (pending, due today, overdue) */
  state: z.enum(['open', 'overdue', 'delivered']).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  personId: z.coerce.number().int().positive().optional(),
  /** Received (登记) from / to, YYYY-MM-DD (the 报表 period). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export const meritCounts = z.object({ open: z.number().int(), overdue: z.number().int(), delivered: z.number().int() });
export const meritList = paged(meritItem).extend({ counts: meritCounts, today: z.string() });

export const createMeritRequest = z.strictObject({
  award: z.enum(meritAwards, '请选择奖励类别'),
  honoraryTitle: optionalText(100),
  awardedOn: isoDate.nullable().default(null),
  servicemanName: name('军人姓名'),
  militaryUnitId: z.number().int().positive().nullable().default(null),
  citation: optionalText(2000),
  personId: z.number().int().positive(),
  relation: optionalText(20),
  receivedOn: isoDate,
});
export type CreateMeritRequest = z.infer<typeof createMeritRequest>;

export const deliverMeritRequest = z.strictObject({
  deliveredOn: isoDate,
  deliveredBy: name('送达人员', 200),
  ceremony: optionalText(500),
  rewardCents: z.number().int('奖励金须精确到分').min(0, '奖励金不能为负数').max(100_000_000).default(0),
});
export type DeliverMeritRequest = z.infer<typeof deliverMeritRequest>;
