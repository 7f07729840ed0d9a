import type { PersonCampaignItem } from '../../../shared/api/campaign-visits.api.ts';
import type { GoodsItem } from '../../../shared/domain/campaign/standards.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { parseJson } from '../campaigns/campaign-access.ts';
import { loadRegionIndex } from '../campaigns/campaign-regions.ts';
import * as campaignRepo from '../campaigns/campaigns.repo.ts';
import * as repo from './person-campaigns.repo.ts';
import { describeVisits } from './visit-item.ts';

/**
 * A person's campaign history for the person page: each roster entry in the campaigns the actor may see
 * (campaign, year, standard and package, status) with its visit. Scope-checked here: only entries placed in
 * the actor's region or belonging to a person the actor's scope reaches; a person out of scope has none.
 */
export async function personCampaignHistory(
  ctx: AppContext,
  actor: Actor,
  personId: number,
): Promise<PersonCampaignItem[]> {
  requireCapability(actor, 'campaign.read');
  const regions = await loadRegionIndex(ctx.db);
  const [rows, labels] = await Promise.all([
    repo.personEntries(ctx.db, actor, personId, campaignRepo.campaignRegionScope(actor, regions)),
    campaignRepo.categoryLabels(ctx.db),
  ]);
  const visits = await describeVisits(
    ctx,
    await repo.visitsByIds(
      ctx.db,
      rows.map((r) => r.visit_id).filter((id): id is number => id !== null),
    ),
  );
  return rows.map((r) => {
    const visit = r.visit_id === null ? undefined : visits.get(r.visit_id);
    return {
      entryId: r.entry_id,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      year: r.year,
      campaignStatus: r.campaign_status,
      standardName: r.standard_name,
      categoryName: labels[r.category_code] ?? r.category_code,
      streetName: regions.name(r.street_id),
      communityName: regions.name(r.community_id),
      plannedCashCents: r.cash_cents,
      plannedGoodsCents: r.goods_cents,
      plannedGoods: parseJson<GoodsItem[]>(r.goods_json, []).map((g) => ({
        name: g.name,
        quantity: g.quantity,
        unit: g.unit,
      })),
      status: r.state === 'removed' ? 'removed' : r.visit_status === 'delivered' ? 'delivered' : 'pending',
      removedReason: r.state === 'removed' ? r.removed_reason : null,
      visit: visit ?? null,
    };
  });
}
