/**
 * 试算: this year's roster computed in memory (roster.service.ts) with the difference from last year's campaign by
 * street, community, category and rule (standard, matched by name). Last year is what its roster actually carried
 * (stored entries), not today's standards applied to it.
 */
import type { Kysely } from 'kysely';
import type { TrialRunResponse } from '../../../shared/api/campaigns.api.ts';
import type { GoodsItem } from '../../../shared/domain/campaign/standards.ts';
import { aggregateStored, type StoredGroup } from '../../../shared/domain/campaign/stored-totals.ts';
import { compareTotals } from '../../../shared/domain/campaign/trial-run.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { loadCampaign, parseJson } from './campaign-access.ts';
import type { RegionIndex } from './campaign-regions.ts';
import * as repo from './campaigns.repo.ts';
import * as roster from './roster.service.ts';

/** Last year's active entries grouped by place, category, standard and package. */
async function storedGroups(db: Kysely<DB>, campaignId: number): Promise<StoredGroup[]> {
  const rows = await db
    .selectFrom('campaign_roster_entries')
    .innerJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
    .select((eb) => [
      'campaign_roster_entries.street_id',
      'campaign_roster_entries.community_id',
      'campaign_roster_entries.category_code',
      'campaign_standards.name',
      'campaign_roster_entries.goods_json',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('campaign_roster_entries.cash_cents').as('cash'),
      eb.fn.sum<number>('campaign_roster_entries.goods_cents').as('goods'),
    ])
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .groupBy([
      'campaign_roster_entries.street_id',
      'campaign_roster_entries.community_id',
      'campaign_roster_entries.category_code',
      'campaign_standards.name',
      'campaign_roster_entries.goods_json',
    ])
    .execute();
  return rows.map((r) => ({
    streetId: String(r.street_id),
    communityId: String(r.community_id),
    categoryCode: r.category_code,
    standardName: r.name,
    people: Number(r.n),
    cashCents: Number(r.cash ?? 0),
    goodsCents: Number(r.goods ?? 0),
    goods: parseJson<GoodsItem[]>(r.goods_json, []),
  }));
}

export async function trialRun(ctx: AppContext, actor: Actor, campaignId: number): Promise<TrialRunResponse> {
  const { campaign, regions } = await loadCampaign(ctx.db, actor, campaignId, { manage: true });
  const base = await roster.trialRoster(ctx.db, campaign, regions);
  const previous = await repo.findPreviousCampaign(ctx.db, campaign);
  if (!previous) return { ...base, previousCampaign: null, comparison: null };
  const [groups, categoryLabels] = await Promise.all([storedGroups(ctx.db, previous.id), repo.categoryLabels(ctx.db)]);
  const name = (r: RegionIndex) => (id: string) => r.name(Number(id));
  const lastYear = aggregateStored(groups, {
    street: name(regions),
    community: name(regions),
    category: (code) => categoryLabels[code] ?? code,
  });
  const c = compareTotals(base.totals, lastYear);
  return {
    ...base,
    previousCampaign: { id: previous.id, name: previous.name },
    comparison: {
      overall: c.overall,
      byStreet: c.byStreet,
      byCommunity: c.byCommunity,
      byCategory: c.byCategory,
      byStandard: c.byStandard,
    },
  };
}
