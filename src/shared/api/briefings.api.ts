/**
 * Contracts of briefings: the campaign summary (工作总结) drafted from the campaign's figures, edited and kept
 * per campaign, exported as .docx or PDF; and the 创建台账 — the year's evidence for the 双拥模范城（县）
 * evaluation, item by item, with the source records. Money is integer 分.
 */
import { z } from 'zod';

export const campaignIdParam = z.strictObject({ id: z.coerce.number().int().positive() });

export const summaryFigures = z.object({
  campaignName: z.string(),
  regionName: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  planned: z.number().int(),
  delivered: z.number().int(),
  byMode: z.object({
    home: z.number().int(),
    gathering: z.number().int(),
    mail: z.number().int(),
    proxy: z.number().int(),
  }),
  cashCents: z.number().int(),
  goodsCents: z.number().int(),
  goods: z.array(z.object({ name: z.string(), unit: z.string(), quantity: z.number() })),
  budgetCents: z.number().int(),
  letters: z.number().int(),
  plaquesHung: z.number().int().nullable(),
  meritsDelivered: z.number().int().nullable(),
  verification: z.object({ drawn: z.number().int(), checked: z.number().int(), problems: z.number().int() }),
  openCases: z.number().int(),
  previous: z
    .object({ name: z.string(), delivered: z.number().int(), cashCents: z.number().int(), planned: z.number().int() })
    .nullable(),
});

export const savedSummary = z.object({
  title: z.string(),
  body: z.string(),
  version: z.number().int(),
  savedByName: z.string().nullable(),
  savedAt: z.string(),
});
export type SavedSummary = z.infer<typeof savedSummary>;

export const summaryResponse = z.object({
  campaignId: z.number().int(),
  /** Freshly drafted from today's figures (within the viewer's scope). */
  draft: z.object({ title: z.string(), body: z.string() }),
  figures: summaryFigures,
  /** The office's edited text; null when none was saved or the viewer sees only part of the campaign. */
  saved: savedSummary.nullable(),
  /** Whether the figures cover the whole campaign (a street's staff see only their street's part). */
  wholeCampaign: z.boolean(),
  canEdit: z.boolean(),
  signatory: z.string(),
});
export type SummaryResponse = z.infer<typeof summaryResponse>;

export const saveSummaryRequest = z.strictObject({
  title: z.string().trim().min(1, '请填写标题').max(100, '标题最多 100 个字'),
  body: z.string().trim().min(1, '总结正文不能为空').max(20_000, '总结正文最多 20000 个字'),
  /** The version the editor started from; 0 when nothing had been saved. A stale version answers 409. */
  version: z.number().int().min(0),
});
export type SaveSummaryRequest = z.infer<typeof saveSummaryRequest>;

export const summaryExportQuery = z.strictObject({
  /** saved (default when there is one) or the fresh draft. */
  source: z.enum(['saved', 'draft']).optional(),
});

// ——— 创建台账 ———

export const ledgerItemKeys = [
  'meetings',
  'plans',
  'funding',
  'honours',
  'requests',
  'activities',
  'pairings',
] as const;
export type LedgerItemKey = (typeof ledgerItemKeys)[number];

export const ledgerRecord = z.object({
  /** What kind of record (联席会议, 通知, 工作总结, 光荣牌 …). */
  kind: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  /** A short note: status, amounts, 有无会议纪要 … */
  note: z.string().nullable(),
  /** Path of the record in the web app. */
  link: z.string(),
});
export type LedgerRecord = z.infer<typeof ledgerRecord>;

export const ledgerItem = z.object({
  key: z.enum(ledgerItemKeys),
  title: z.string(),
  /** The evaluation point this item answers. */
  basis: z.string(),
  /** false when the viewer's role may not read this item's records. */
  available: z.boolean(),
  figures: z.array(z.object({ label: z.string(), value: z.string() })),
  records: z.array(ledgerRecord),
});
export type LedgerItem = z.infer<typeof ledgerItem>;

export const ledgerQuery = z.strictObject({
  year: z.coerce.number().int().min(2000, '年份有误').max(2100, '年份有误'),
});
export const ledgerResponse = z.object({
  year: z.number().int(),
  regionName: z.string(),
  items: z.array(ledgerItem),
});
export type LedgerResponse = z.infer<typeof ledgerResponse>;
