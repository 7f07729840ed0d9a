/**
 * The campaign summary (工作总结): figures gathered from the campaign, visit, document and honours services (within
 * the viewer's scope), drafted into Chinese text by the pure rule (domain/briefings/summary-text.ts); the office's
 * edit is kept per campaign with who and when, and exported as .docx or PDF (audited). Reading follows the
 * campaign's access rules; the saved edit holds the whole campaign's figures, so only viewers whose scope covers
 * the campaign see it, and only those who manage the campaign may save.
 */

import type { z } from 'zod';
import type {
  SavedSummary,
  SaveSummaryRequest,
  SummaryResponse,
  summaryFigures,
} from '../../../shared/api/briefings.api.ts';
import {
  draftSummary,
  draftText,
  paragraphsOf,
  type SummaryFigures,
} from '../../../shared/domain/briefings/summary-text.ts';
import { chineseDate } from '../../../shared/domain/letter-template.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import { overview } from '../campaign-documents/campaign-documents.service.ts';
import { loadCampaign, regionInScope } from '../campaigns/campaign-access.ts';
import { getCampaign, listCampaigns } from '../campaigns/campaigns.service.ts';
import { deliveryBreakdown } from '../visits/delivery.service.ts';
import { progress } from '../visits/progress.service.ts';
import { honourCountsBetween } from './sources.ts';
import { summaryDocx, summaryPdf } from './summary.render.ts';
import * as repo from './summary.repo.ts';

type CampaignDetail = Awaited<ReturnType<typeof getCampaign>>;

const signatoryOf = (c: CampaignDetail) => c.signatory ?? `${c.regionName}双拥工作领导小组办公室`;

/** Last year's campaign: the one set on the campaign, else the same region's of the year before with a roster. */
async function previousOf(ctx: AppContext, actor: Actor, c: CampaignDetail) {
  if (c.previousCampaignId !== null) return getCampaign(ctx, actor, c.previousCampaignId).catch(() => null);
  const all = await listCampaigns(ctx, actor);
  return (
    all
      .filter((x) => x.regionId === c.regionId && x.year === c.year - 1 && x.rosterGeneratedAt !== null)
      .sort((a, b) => b.id - a.id)[0] ?? null
  );
}

export async function gatherFigures(ctx: AppContext, actor: Actor, campaignId: number) {
  const campaign = await getCampaign(ctx, actor, campaignId);
  const [p, delivery, docs, honours, previous] = await Promise.all([
    progress(ctx, actor, campaignId),
    deliveryBreakdown(ctx, actor, campaignId),
    overview(ctx, actor, campaignId, { per: 'entry' }),
    honourCountsBetween(ctx, actor, campaign.windowStart, campaign.windowEnd),
    previousOf(ctx, actor, campaign),
  ]);
  const last = previous ? await progress(ctx, actor, previous.id) : null;
  const figures: SummaryFigures = {
    campaignName: campaign.name,
    regionName: campaign.regionName,
    windowStart: campaign.windowStart,
    windowEnd: campaign.windowEnd,
    planned: p.overall.planned,
    delivered: p.overall.delivered,
    byMode: delivery.byMode,
    cashCents: p.overall.deliveredCashCents,
    goodsCents: p.overall.deliveredGoodsCents,
    goods: delivery.goods,
    budgetCents: campaign.budgetCents,
    letters: docs.letters,
    plaquesHung: honours?.plaquesHung ?? null,
    meritsDelivered: honours?.meritsDelivered ?? null,
    verification: p.verification,
    openCases: p.openCases,
    previous:
      previous && last
        ? {
            name: previous.name,
            planned: last.overall.planned,
            delivered: last.overall.delivered,
            cashCents: last.overall.deliveredCashCents,
          }
        : null,
  };
  return { campaign, figures };
}

function toSaved(row: repo.SummaryRow): SavedSummary {
  return {
    title: row.title,
    body: row.body,
    version: row.version,
    savedByName: row.saved_by_name,
    savedAt: row.saved_at,
  };
}

export async function getSummary(ctx: AppContext, actor: Actor, campaignId: number): Promise<SummaryResponse> {
  const { campaign, figures } = await gatherFigures(ctx, actor, campaignId);
  const whole = regionInScope(actor, campaign.regionId);
  const row = whole ? await repo.findSummary(ctx.db, campaignId) : undefined;
  const draft = draftSummary(figures);
  return {
    campaignId,
    draft: { title: draft.title, body: draftText(draft) },
    figures: figures satisfies z.infer<typeof summaryFigures>,
    saved: row ? toSaved(row) : null,
    wholeCampaign: whole,
    canEdit: campaign.canManage,
    signatory: signatoryOf(campaign),
  };
}

export async function saveSummary(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: SaveSummaryRequest,
): Promise<SavedSummary> {
  requireCapability(actor, 'campaign.manage');
  const stale = () =>
    new AppError('CONFLICT', '工作总结已被他人修改并保存。请复制您的修改，刷新页面查看最新版本后再保存。');
  return ctx.db.transaction().execute(async (trx) => {
    await loadCampaign(trx, actor, campaignId, { manage: true, forUpdate: true });
    const before = await repo.findSummary(trx, campaignId);
    if ((before?.version ?? 0) !== input.version) throw stale();
    const write = {
      title: input.title,
      body: paragraphsOf(input.body).join('\n'),
      savedBy: actor.userId,
      savedByName: actor.displayName,
      at: nowIso(),
    };
    const ok = before
      ? await repo.updateSummary(trx, campaignId, before.version, write)
      : await repo.insertSummary(trx, campaignId, write);
    if (!ok) throw stale();
    await appendAudit(trx, actor, {
      action: before ? 'update' : 'create',
      entityType: 'campaign_summary',
      entityId: campaignId,
      summary: `${before ? '修改' : '保存'}工作总结「${write.title}」`,
      before: before ? { title: before.title, version: before.version } : undefined,
      after: { title: write.title, version: input.version + 1, chars: write.body.length },
    });
    const row = await repo.findSummary(trx, campaignId);
    return toSaved(row!);
  });
}

export interface ExportedSummary {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/** The saved edit (default when there is one the viewer may see) or the fresh draft, as .docx or PDF. */
export async function exportSummary(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  format: 'docx' | 'pdf',
  source?: 'saved' | 'draft',
): Promise<ExportedSummary> {
  const s = await getSummary(ctx, actor, campaignId);
  const useSaved = s.saved !== null && source !== 'draft';
  const title = useSaved ? s.saved!.title : s.draft.title;
  const doc = {
    title,
    paragraphs: paragraphsOf(useSaved ? s.saved!.body : s.draft.body),
    signatory: s.signatory,
    date: chineseDate(todayInChina()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await loadCampaign(trx, actor, campaignId);
    await appendAudit(trx, actor, {
      action: 'export',
      entityType: 'campaign_summary',
      entityId: campaignId,
      summary: `导出工作总结（${useSaved ? '已保存稿' : '自动生成稿'}，${format === 'docx' ? 'Word' : 'PDF'}）`,
      after: { format, source: useSaved ? 'saved' : 'draft', version: useSaved ? s.saved!.version : null },
    });
  });
  if (format === 'docx') {
    return {
      bytes: await summaryDocx(doc),
      filename: `${title}.docx`,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
  }
  const pdf = await summaryPdf(doc);
  return { bytes: pdf.bytes, filename: `${title}.pdf`, contentType: 'application/pdf' };
}
