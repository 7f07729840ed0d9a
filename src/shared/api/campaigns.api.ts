/**
 * Contracts of the Spring Festival campaign (走访慰问): campaigns, standards, trial run, roster, review and
 * amendments. Visits, verification, cases and progress are in campaign-visits.api.ts. Money is integer 分.
 */
import { z } from 'zod';
import { campaignStatuses } from '../domain/campaign/campaign-window.ts';
import { isIsoDate } from '../domain/campaign/dates.ts';
import { dedupPolicies } from '../domain/campaign/roster.ts';
import { conditionSchema, goodsItemSchema, standardInputSchema } from '../domain/campaign/standards.ts';
import { paged, pageQuery } from './common.api.ts';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 2026-02-17')
  .refine(isIsoDate, '该日期不存在，请核对');

/** Optional free text: blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max, `最多 ${max} 个字`)
    .nullable()
    .default(null)
    .transform((v) => (v === null || v.trim() === '' ? null : v.trim()));

const reasonText = z.string().trim().min(2, '请填写原因（至少 2 个字），便于审核').max(200, '原因最多 200 个字');

export const presetKeys = ['putuo', 'karamay'] as const;
export type PresetKey = (typeof presetKeys)[number];

/** Campaign task types: visits run here; the others are run by the honours registers. */
export const campaignTaskTypes = ['visit', 'merit_notice', 'plaque', 'couplets'] as const;
export const campaignTaskTypeLabels: Record<(typeof campaignTaskTypes)[number], string> = {
  visit: '走访慰问',
  merit_notice: '送立功喜报',
  plaque: '挂光荣牌',
  couplets: '贴春联年画',
};

// ---------------------------------------------------------------------------------------------------------------
// Standards

export const standardItem = z.object({
  id: z.number().int(),
  name: z.string(),
  priority: z.number().int(),
  categories: z.array(z.string()),
  conditions: z.array(conditionSchema),
  package: z.object({
    cashCents: z.number().int(),
    goods: z.array(goodsItemSchema),
    letterTemplate: z.string().nullable(),
  }),
  /** false while the amounts are a preset's placeholders: the office must set them before the roster. */
  amountSet: z.boolean(),
  /** The conditions in Chinese (伤残等级 ≤ 4 级, 本区户籍 …), for lists. */
  conditionTexts: z.array(z.string()),
  sort: z.number().int(),
});
export type StandardItem = z.infer<typeof standardItem>;

/** Create or replace a standard (the same shape as the domain's StandardInput). */
export const saveStandardRequest = standardInputSchema;
export type SaveStandardRequest = z.input<typeof saveStandardRequest>;

// ---------------------------------------------------------------------------------------------------------------
// Campaigns

export const campaignItem = z.object({
  id: z.number().int(),
  regionId: z.number().int(),
  regionName: z.string(),
  name: z.string(),
  year: z.number().int(),
  windowStart: z.string(),
  windowEnd: z.string(),
  springFestival: z.string(),
  dueDate: z.string(),
  refDate: z.string(),
  littleNewYearDay: z.enum(['23', '24']),
  budgetCents: z.number().int(),
  dedupPolicy: z.enum(dedupPolicies),
  status: z.enum(campaignStatuses),
  statusLabel: z.string(),
  presetKey: z.string().nullable(),
  signatory: z.string().nullable(),
  taskTypes: z.array(z.string()),
  previousCampaignId: z.number().int().nullable(),
  rosterJobId: z.number().int().nullable(),
  rosterGeneratedAt: z.string().nullable(),
  consideredCount: z.number().int(),
  lockedAt: z.string().nullable(),
  lockedByName: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** Active entries and delivered entries within the viewer's scope. */
  entryCount: z.number().int(),
  deliveredCount: z.number().int(),
  /** Whether the viewer may manage it (office of its region, admin). */
  canManage: z.boolean(),
});
export type CampaignItem = z.infer<typeof campaignItem>;
export const campaignList = z.object({ items: z.array(campaignItem) });

export const campaignDetail = campaignItem.extend({ standards: z.array(standardItem) });
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const createCampaignRequest = z.strictObject({
  year: z.number().int().min(2000, '年份不能早于 2000 年').max(2100, '年份不能晚于 2100 年'),
  name: z.string().trim().max(100).optional(),
  /** Admins choose the owning region; office staff create for their own region. */
  regionId: z.number().int().positive().optional(),
  littleNewYearDay: z.enum(['23', '24']).default('23'),
  windowStart: isoDate.optional(),
  windowEnd: isoDate.optional(),
  dueDate: isoDate.optional(),
  refDate: isoDate.optional(),
  budgetCents: z.number().int().min(0, '预算不能为负数').max(1e13).default(0),
  /** Default: the preset's (or the copied campaign's), else one package per person. */
  dedupPolicy: z.enum(dedupPolicies).optional(),
  /** Standards from a preset (placeholder amounts) … */
  presetKey: z.enum(presetKeys).nullable().default(null),
  /** … or copied, amounts included, from an earlier campaign (last year's). */
  copyFromCampaignId: z.number().int().positive().nullable().default(null),
  signatory: optionalText(100),
});
export type CreateCampaignRequest = z.input<typeof createCampaignRequest>;

export const updateCampaignRequest = z.strictObject({
  version: z.number().int(),
  name: z.string().trim().min(1, '请填写活动名称').max(100).optional(),
  windowStart: isoDate.optional(),
  windowEnd: isoDate.optional(),
  dueDate: isoDate.optional(),
  refDate: isoDate.optional(),
  budgetCents: z.number().int().min(0, '预算不能为负数').max(1e13).optional(),
  dedupPolicy: z.enum(dedupPolicies).optional(),
  signatory: z.string().trim().max(100).nullable().optional(),
  previousCampaignId: z.number().int().positive().nullable().optional(),
});
export type UpdateCampaignRequest = z.input<typeof updateCampaignRequest>;

export const transitionRequest = z.strictObject({ to: z.enum(campaignStatuses) });

export const presetItem = z.object({
  key: z.enum(presetKeys),
  name: z.string(),
  regionCode: z.string(),
  source: z.string(),
  description: z.string(),
  dedupPolicy: z.enum(dedupPolicies),
  taskTypes: z.array(z.string()),
  signatory: z.string(),
  standards: z.array(z.object({ name: z.string(), summary: z.string() })),
});
export const presetList = z.object({ items: z.array(presetItem) });
export type PresetItem = z.infer<typeof presetItem>;

// ---------------------------------------------------------------------------------------------------------------
// Evaluation and trial run

export const evaluateRequest = z.strictObject({ personId: z.number().int().positive() });
export const evaluationResponse = z.object({
  personId: z.number().int(),
  personName: z.string(),
  facts: z.object({
    categories: z.array(z.string()),
    hukouLocal: z.boolean(),
    alive: z.boolean(),
    age: z.number().int().nullable(),
    livingSituations: z.array(z.string()),
    flags: z.array(z.string()),
    streetName: z.string(),
    communityName: z.string(),
  }),
  matched: z.array(
    z.object({
      standardId: z.number().int(),
      standardName: z.string(),
      categoryName: z.string(),
      reasons: z.array(z.string()),
    }),
  ),
  winnerId: z.number().int().nullable(),
  excludedReason: z.string().nullable(),
  failures: z.array(z.object({ standardId: z.number().int(), standardName: z.string(), reason: z.string() })),
});
export type EvaluationResponse = z.infer<typeof evaluationResponse>;

const goodsTotal = z.object({ name: z.string(), unit: z.string(), quantity: z.number(), valueCents: z.number() });
export const totalsSchema = z.object({
  people: z.number(),
  cashCents: z.number(),
  goodsCents: z.number(),
  totalCents: z.number(),
  goods: z.array(goodsTotal),
});
const groupTotals = totalsSchema.extend({ key: z.string(), label: z.string() });
const comparisonRow = z.object({
  key: z.string(),
  label: z.string(),
  current: totalsSchema.nullable(),
  lastYear: totalsSchema.nullable(),
  diff: totalsSchema.omit({ people: true }).extend({ people: z.number() }),
});
export const trialRunResponse = z.object({
  considered: z.number().int(),
  excludedByReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  totals: z.object({
    overall: totalsSchema,
    byStreet: z.array(groupTotals),
    byCommunity: z.array(groupTotals),
    byCategory: z.array(groupTotals),
    byStandard: z.array(groupTotals),
  }),
  previousCampaign: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  comparison: z
    .object({
      overall: comparisonRow.omit({ key: true, label: true }),
      byStreet: z.array(comparisonRow),
      byCommunity: z.array(comparisonRow),
      byCategory: z.array(comparisonRow),
      byStandard: z.array(comparisonRow),
    })
    .nullable(),
  budgetCents: z.number().int(),
  /** Chinese warnings: over budget, amounts still placeholders … */
  warnings: z.array(z.string()),
});
export type TrialRunResponse = z.infer<typeof trialRunResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Roster

export const entryStates = ['active', 'removed'] as const;
export const visitStatuses = ['pending', 'delivered'] as const;

export const rosterEntryItem = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  householdId: z.number().int().nullable(),
  standardId: z.number().int(),
  standardName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  streetId: z.number().int(),
  streetName: z.string(),
  communityId: z.number().int(),
  communityName: z.string(),
  cashCents: z.number().int(),
  goodsCents: z.number().int(),
  goods: z.array(goodsItemSchema),
  alsoMatched: z.array(z.object({ id: z.number().int(), name: z.string() })),
  reasons: z.array(z.string()),
  otherMembers: z.array(z.number().int()),
  source: z.enum(['rule', 'manual']),
  state: z.enum(entryStates),
  note: z.string().nullable(),
  removedReason: z.string().nullable(),
  assignedUserId: z.number().int().nullable(),
  assignedUserName: z.string().nullable(),
  visitStatus: z.enum(visitStatuses),
  deliveredAt: z.string().nullable(),
  visitId: z.number().int().nullable(),
  /** The person's current state in the registry (died while on the roster → false). */
  alive: z.boolean(),
});
export type RosterEntryItem = z.infer<typeof rosterEntryItem>;
export const rosterEntryList = paged(rosterEntryItem);

export const entryListQuery = z.strictObject({
  ...pageQuery,
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  standardId: z.coerce.number().int().positive().optional(),
  state: z.enum([...entryStates, 'all']).default('active'),
  visitStatus: z.enum(visitStatuses).optional(),
  /** The category through which the entry's standard matched (报表 by category). */
  category: z.string().trim().max(40).optional(),
  q: z.string().trim().max(40).optional(),
});

export const exclusionItem = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  streetName: z.string(),
  communityName: z.string(),
  reason: z.string(),
  standardName: z.string().nullable(),
  coveredByPersonId: z.number().int().nullable(),
});
export const exclusionList = paged(exclusionItem).extend({
  byReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export const exclusionListQuery = z.strictObject({
  ...pageQuery,
  reason: z.string().max(60).optional(),
  streetId: z.coerce.number().int().positive().optional(),
});

export const campaignJobStarted = z.object({ jobId: z.number().int() });

// ---------------------------------------------------------------------------------------------------------------
// Review and amendments

export const addEntryRequest = z.strictObject({
  personId: z.number().int().positive(),
  standardId: z.number().int().positive(),
  reason: reasonText,
});
export const removeEntryRequest = z.strictObject({ reason: reasonText });

/** What a review change did: applied at once (before the lock) or waiting for the office (an amendment). */
export const changeResult = z.object({
  amendmentId: z.number().int(),
  status: z.enum(['applied', 'pending']),
  message: z.string(),
});

export const streetReviewItem = z.object({
  streetId: z.number().int(),
  streetName: z.string(),
  status: z.enum(['pending', 'confirmed']),
  entryCount: z.number().int(),
  note: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export const streetReviewList = z.object({ items: z.array(streetReviewItem) });
export const confirmStreetRequest = z.strictObject({ note: optionalText(200) });

export const amendmentStatuses = ['applied', 'pending', 'approved', 'rejected'] as const;
export const amendmentItem = z.object({
  id: z.number().int(),
  kind: z.enum(['add', 'remove']),
  phase: z.enum(['review', 'amendment']),
  status: z.enum(amendmentStatuses),
  entryId: z.number().int().nullable(),
  personId: z.number().int(),
  personName: z.string(),
  standardName: z.string().nullable(),
  streetName: z.string(),
  reason: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type AmendmentItem = z.infer<typeof amendmentItem>;
export const amendmentList = z.object({ items: z.array(amendmentItem) });
export const decideAmendmentRequest = z.strictObject({ approve: z.boolean(), note: optionalText(200) });

export const assignRequest = z.strictObject({
  entryIds: z.array(z.number().int().positive()).min(1, '请至少选择一条名单').max(2000, '一次最多分派 2000 条'),
  /** null = take the assignment back. */
  userId: z.number().int().positive().nullable(),
});
export const visitorItem = z.object({
  id: z.number().int(),
  displayName: z.string(),
  role: z.string(),
  regionName: z.string().nullable(),
});
export const visitorList = z.object({ items: z.array(visitorItem) });
export const countResponse = z.object({ count: z.number().int() });
