/**
 * What a dashboard or report counts: the region viewed (the viewer's own, or one below it), the period, the
 * campaign, and an actor narrowed to that region. Every figure is read through the narrowed actor, so the one
 * repository scope filter of each module also keeps a street's figures to that street.
 */

import type { StatsQuery, StatsScope } from '../../../shared/api/reports.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, regionScope } from '../../platform/access.ts';
import { todayInChina } from '../../platform/clock.ts';
import { loadRegionIndex, type RegionIndex, type RegionNode } from '../campaigns/campaign-regions.ts';
import { deploymentRegionCode } from '../settings/settings.repo.ts';
import * as repo from './stats.repo.ts';

export interface ResolvedScope {
  scope: StatsScope;
  /** The viewer, narrowed to the viewed region's subtree (an admin acts as that region's office). */
  actor: Actor;
  /** The real viewer (capabilities of the role, the list endpoints behind the figures). */
  viewer: Actor;
  regions: RegionIndex;
  region: RegionNode;
  /** The rows of "by street" figures: the viewed region's children (a street's communities …), or itself. */
  children: RegionNode[];
  /** The child row a record placed at `regionId` counts under; null when it lies outside the viewed region. */
  rowOf(regionId: number | null | undefined): number | null;
  campaign: repo.CampaignRef | null;
  today: string;
  /** The view is narrower than the viewer's own (default) region: lists behind figures need a region filter. */
  narrowed: boolean;
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/** The region a viewer looks at by default: his own; for an admin, the deployment's region. */
async function defaultRegion(ctx: AppContext, actor: Actor, regions: RegionIndex): Promise<RegionNode> {
  if (actor.regionId !== null) {
    const own = regions.get(actor.regionId);
    if (own) return own;
  }
  if (regionScope(actor) !== 'all') throw notFound();
  const code = await deploymentRegionCode(ctx.db);
  const region = (code && (await repo.regionByCode(ctx.db, code))) || (await repo.topRegion(ctx.db));
  const node = region ? regions.get(region.id) : undefined;
  if (!node) throw notFound();
  return node;
}

export async function resolveScope(
  ctx: AppContext,
  viewer: Actor,
  query: StatsQuery,
  options: { yearShift?: number; campaignId?: number | null } = {},
): Promise<ResolvedScope> {
  const regions = await loadRegionIndex(ctx.db);
  const home = await defaultRegion(ctx, viewer, regions);
  let region = home;
  if (query.regionId !== undefined) {
    const node = regions.get(query.regionId);
    const scope = regionScope(viewer);
    if (!node || (scope !== 'all' && !scope.includes(node.id))) throw notFound();
    region = node;
  }
  const subtree = regions.subtree(region.id);
  const actor: Actor = {
    ...viewer,
    role: viewer.role === 'admin' ? 'office' : viewer.role,
    regionId: region.id,
    regionIds: subtree,
  };
  const today = todayInChina();
  const explicit = query.campaignId !== undefined && options.campaignId === undefined;
  let campaign: repo.CampaignRef | null = null;
  if (explicit) {
    campaign =
      (await repo.findCampaign(ctx.db, query.campaignId!, [...regions.ancestors(region.id), ...subtree])) ?? null;
    if (!campaign) throw notFound();
  }
  const year = (query.year ?? campaign?.year ?? Number(today.slice(0, 4))) + (options.yearShift ?? 0);
  if (options.campaignId !== undefined) {
    campaign = options.campaignId === null ? null : ((await repo.findCampaign(ctx.db, options.campaignId)) ?? null);
  } else if (!explicit) {
    campaign = (await repo.campaignOfYear(ctx.db, year, [...regions.ancestors(region.id), region.id])) ?? null;
  }
  const month = query.month ?? null;
  const from = month ? `${year}-${pad(month)}-01` : `${year}-01-01`;
  const to = month ? `${year}-${pad(month)}-${pad(lastDay(year, month))}` : `${year}-12-31`;
  const children = regions
    .subtree(region.id)
    .map((id) => regions.get(id)!)
    .filter((r) => r.parentId === region.id);
  const rowsOf = children.length ? children : [region];
  const rowIds = new Set(rowsOf.map((r) => r.id));
  const cache = new Map<number, number | null>();
  const rowOf = (regionId: number | null | undefined): number | null => {
    if (regionId === null || regionId === undefined) return null;
    let hit = cache.get(regionId);
    if (hit !== undefined) return hit;
    hit = [...regions.ancestors(regionId), regionId].find((id) => rowIds.has(id)) ?? null;
    // A record placed on the viewed region itself (not below it) counts under the region's own row.
    if (hit === null && regionId === region.id) hit = region.id;
    cache.set(regionId, hit);
    return hit;
  };
  return {
    scope: {
      regionId: region.id,
      regionName: region.name,
      year,
      month,
      from,
      to,
      periodLabel: month ? `${year}年${month}月` : `${year}年`,
      campaign: campaign && { id: campaign.id, name: campaign.name, year: campaign.year },
      asOf: to.localeCompare(today) < 0 ? to : today,
    },
    actor,
    viewer,
    regions,
    region,
    children: rowsOf,
    rowOf,
    campaign,
    today,
    narrowed: region.id !== home.id,
  };
}

/** The same view a year earlier (去年同期): last year's period, and the campaign the current one compares with. */
export function previousScope(ctx: AppContext, current: ResolvedScope, query: StatsQuery): Promise<ResolvedScope> {
  const campaignId = current.campaign?.previousCampaignId ?? undefined;
  return resolveScope(
    ctx,
    current.viewer,
    { ...query, regionId: current.region.id, year: current.scope.year, campaignId: undefined },
    { yearShift: -1, ...(campaignId !== undefined && { campaignId }) },
  );
}
