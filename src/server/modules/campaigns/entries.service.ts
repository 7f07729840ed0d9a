/** The roster as people read it: entries with their reasons, exclusions, street reviews; assigning visitors. */
import type { z } from 'zod';
import type { entryListQuery, exclusionListQuery, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import type { GoodsItem } from '../../../shared/domain/campaign/standards.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, inRegionScope, notFound, regionScope } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { loadCampaign, parseJson, requireStatus } from './campaign-access.ts';
import { requireAssigner, requireInArea, visitorArea } from './campaign-assignment.ts';
import type { RegionIndex } from './campaign-regions.ts';
import * as repo from './campaigns.repo.ts';
import * as rosterRepo from './roster.repo.ts';

export function toEntryItem(
  r: rosterRepo.EntryListRow,
  regions: RegionIndex,
  categoryLabels: Record<string, string>,
  standardNames: Map<number, string>,
): RosterEntryItem {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    householdId: r.household_id,
    standardId: r.standard_id,
    standardName: r.standard_name,
    categoryCode: r.category_code,
    categoryName: categoryLabels[r.category_code] ?? r.category_code,
    streetId: r.street_id,
    streetName: regions.name(r.street_id),
    communityId: r.community_id,
    communityName: regions.name(r.community_id),
    cashCents: r.cash_cents,
    goodsCents: r.goods_cents,
    goods: parseJson<GoodsItem[]>(r.goods_json, []),
    alsoMatched: parseJson<number[]>(r.also_matched_json, []).map((id) => ({ id, name: standardNames.get(id) ?? '' })),
    reasons: parseJson<string[]>(r.reasons_json, []),
    otherMembers: parseJson<number[]>(r.other_members_json, []),
    source: r.source === 'manual' ? 'manual' : 'rule',
    state: r.state === 'removed' ? 'removed' : 'active',
    note: r.note,
    removedReason: r.removed_reason,
    assignedUserId: r.assigned_user_id,
    assignedUserName: r.assigned_name,
    visitStatus: r.visit_status === 'delivered' ? 'delivered' : 'pending',
    deliveredAt: r.delivered_at,
    visitId: r.visit_id,
    alive: r.alive === 1,
  };
}

export async function listEntries(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: z.output<typeof entryListQuery>,
) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const [{ items, total }, standards, categoryLabels] = await Promise.all([
    rosterRepo.listEntries(ctx.db, actor, campaignId, query, {
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }),
    repo.listStandards(ctx.db, campaignId),
    repo.categoryLabels(ctx.db),
  ]);
  const names = new Map(standards.map((s) => [s.id, s.name] as const));
  return {
    items: items.map((r) => toEntryItem(r, regions, categoryLabels, names)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listExclusions(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: z.output<typeof exclusionListQuery>,
) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const { items, total, byReason } = await rosterRepo.listExclusions(ctx.db, actor, campaignId, query, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: items.map((x) => ({
      id: x.id,
      personId: x.person_id,
      personName: x.person_name,
      streetName: regions.name(x.street_id),
      communityName: regions.name(x.community_id),
      reason: x.reason,
      standardName: x.standard_name,
      coveredByPersonId: x.covered_by_person_id,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    byReason,
  };
}

export async function listReviews(ctx: AppContext, actor: Actor, campaignId: number) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const [reviews, counts] = await Promise.all([
    rosterRepo.listReviews(ctx.db, campaignId),
    rosterRepo.activeCountsByStreet(ctx.db, campaignId),
  ]);
  const scope = regionScope(actor);
  // A community worker sees its street's review (it belongs to it); other streets stay hidden.
  const visible = (streetId: number) =>
    scope === 'all' ||
    scope.includes(streetId) ||
    (actor.regionId !== null && regions.ancestors(actor.regionId).includes(streetId));
  return {
    items: reviews
      .filter((r) => visible(r.street_id))
      .map((r) => ({
        streetId: r.street_id,
        streetName: regions.name(r.street_id),
        status: r.status === 'confirmed' ? ('confirmed' as const) : ('pending' as const),
        entryCount: counts.get(r.street_id) ?? 0,
        note: r.note,
        confirmedByName: r.confirmed_by_name,
        confirmedAt: r.confirmed_at,
      })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Assigning visitors

/** Street and community staff the actor may give entries to (their region in the actor's scope). */
export async function listVisitors(ctx: AppContext, actor: Actor, campaignId: number) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId, { capability: 'campaign.visit' });
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'region_id'])
    .where('active', '=', 1)
    .where('role', 'in', ['street', 'community'])
    .where(inRegionScope(actor, ['users.region_id']))
    .orderBy('region_id')
    .orderBy('id')
    .execute();
  return {
    items: rows.map((u) => ({
      id: u.id,
      displayName: u.display_name,
      role: u.role,
      regionName: regions.name(u.region_id),
    })),
  };
}

export async function assignEntries(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { entryIds: number[]; userId: number | null },
) {
  requireAssigner(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, campaignId, { capability: 'campaign.visit' });
    requireStatus(campaign, ['roster_generated', 'in_review', 'locked', 'in_progress'], '分派走访任务');
    const visitorRegion = await visitorArea(trx, actor, regions, input.userId);
    const ids = [...new Set(input.entryIds)];
    const entries = await trx
      .selectFrom('campaign_roster_entries')
      .select(['id', 'community_id', 'state', 'visit_status'])
      .where('campaign_id', '=', campaignId)
      .where('id', 'in', ids)
      .where(inRegionScope(actor, repo.entryRegionColumns))
      .execute();
    if (entries.length !== ids.length) throw notFound();
    const blocked = entries.filter((e) => e.state !== 'active' || e.visit_status === 'delivered');
    if (blocked.length) {
      throw new AppError('INVALID_STATE', `有 ${blocked.length} 条名单已发放或已移出，不能再分派；请取消勾选后重试。`);
    }
    requireInArea(visitorRegion, entries, '名单');
    const now = nowIso();
    await trx
      .updateTable('campaign_roster_entries')
      .set({ assigned_user_id: input.userId, assigned_at: input.userId === null ? null : now, updated_at: now })
      .where('id', 'in', ids)
      .execute();
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_assignment',
      entityId: campaignId,
      summary: input.userId === null ? `收回 ${ids.length} 条走访任务` : `分派 ${ids.length} 条走访任务`,
      after: { entryIds: ids, userId: input.userId },
    });
    return { count: ids.length };
  });
}
