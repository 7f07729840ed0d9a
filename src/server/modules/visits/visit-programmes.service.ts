/**
 * 专项活动 (聚焦一线、聚力解难、情系边海防官兵 …) on campaign visits: the office sets the tags a campaign's visits
 * get by default; the visitor may change them on the form. Also what the form offers (kinds of requests a
 * family's need can become, programmes), which the phone keeps for offline use.
 */
import type { z } from 'zod';
import type { campaignProgrammes, VisitFormOptions } from '../../../shared/api/campaign-visits.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { loadCampaign } from '../campaigns/campaign-access.ts';
import { loadRegionIndex } from '../campaigns/campaign-regions.ts';
import * as campaignRepo from '../campaigns/campaigns.repo.ts';
import {
  activeProgrammes,
  programmeTagsOf,
  requireProgrammes,
  setProgrammeTagsInTransaction,
} from '../troops/programmes.service.ts';
import { familyRequestKinds } from '../troops/visit-requests.service.ts';
import * as visitsRepo from './visits.repo.ts';

type CampaignProgrammes = z.infer<typeof campaignProgrammes>;

/** The campaign's default tags for its visits (no access check: callers hold the campaign already). */
export function campaignProgrammeIds(ctx: AppContext, campaignId: number): Promise<number[]> {
  return visitsRepo.campaignProgrammeIds(ctx.db, campaignId);
}

export async function getCampaignProgrammes(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
): Promise<CampaignProgrammes> {
  await loadCampaign(ctx.db, actor, campaignId);
  const programmes = (await programmeTagsOf(ctx, 'campaign', [campaignId])).get(campaignId) ?? [];
  return { programmeIds: programmes.map((p) => p.id), programmes };
}

export async function setCampaignProgrammes(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  programmeIds: number[],
): Promise<CampaignProgrammes> {
  await loadCampaign(ctx.db, actor, campaignId, { manage: true });
  await requireProgrammes(ctx, programmeIds);
  const before = await campaignProgrammeIds(ctx, campaignId);
  await ctx.db.transaction().execute(async (trx) => {
    await setProgrammeTagsInTransaction(trx, 'campaign', campaignId, programmeIds);
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign',
      entityId: campaignId,
      summary: '走访默认专项活动',
      before: { programmeIds: before },
      after: { programmeIds: [...new Set(programmeIds)] },
    });
  });
  return getCampaignProgrammes(ctx, actor, campaignId);
}

/** The choices of the visit form, with the default tags of every campaign the visitor may record visits for. */
export async function visitFormOptions(ctx: AppContext, actor: Actor): Promise<VisitFormOptions> {
  requireCapability(actor, 'campaign.visit');
  const regions = await loadRegionIndex(ctx.db);
  const campaigns = (await campaignRepo.listCampaigns(ctx.db, campaignRepo.campaignRegionScope(actor, regions))).filter(
    (c) => c.status === 'locked' || c.status === 'in_progress',
  );
  const [requestKinds, programmes, tags] = await Promise.all([
    familyRequestKinds(ctx),
    activeProgrammes(ctx),
    programmeTagsOf(
      ctx,
      'campaign',
      campaigns.map((c) => c.id),
    ),
  ]);
  return {
    requestKinds,
    programmes,
    campaignProgrammes: campaigns.map((c) => ({
      campaignId: c.id,
      programmeIds: (tags.get(c.id) ?? []).map((p) => p.id),
    })),
  };
}
