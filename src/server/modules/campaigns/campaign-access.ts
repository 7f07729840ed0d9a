/**
 * Who may reach which campaign (shared by the campaign and visit services): office staff manage their own
 * region's campaigns; everyone with `campaign.read` sees the campaigns of their region and the regions above,
 * and within them only the entries placed in their own region. A campaign out of reach answers NOT_FOUND.
 */
import type { Kysely } from 'kysely';
import type { CampaignStatus } from '../../../shared/domain/campaign/campaign-window.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Capability } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, regionScope, requireCapability } from '../../platform/access.ts';
import { loadRegionIndex, type RegionIndex } from './campaign-regions.ts';
import * as repo from './campaigns.repo.ts';

export interface LoadedCampaign {
  campaign: repo.CampaignRow;
  regions: RegionIndex;
}

/** Whether the actor's own region contains the campaign's region (office of that district or above, admin). */
export function ownsCampaign(actor: Actor, campaign: repo.CampaignRow): boolean {
  const scope = regionScope(actor);
  return scope === 'all' || scope.includes(campaign.region_id);
}

/** Whether a region (a street, a community) lies in the actor's scope. */
export function regionInScope(actor: Actor, regionId: number): boolean {
  const scope = regionScope(actor);
  return scope === 'all' || scope.includes(regionId);
}

/** A campaign the actor may reach with the given capability, or NOT_FOUND (FORBIDDEN to manage another's). */
export async function loadCampaignRow(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  options: { capability?: Capability; manage?: boolean; forUpdate?: boolean } = {},
): Promise<repo.CampaignRow> {
  requireCapability(actor, options.capability ?? (options.manage ? 'campaign.manage' : 'campaign.read'));
  const campaign = await repo.findCampaignInReach(db, actor, id, { forUpdate: options.forUpdate === true });
  if (!campaign) throw notFound();
  if (options.manage && !ownsCampaign(actor, campaign)) {
    throw new AppError('FORBIDDEN', '该活动由上级双拥办组织，您只能查看本辖区的名单与进度。');
  }
  return campaign;
}

/** `loadCampaignRow` with the region tree, for callers that name or place regions. */
export async function loadCampaign(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  options: { capability?: Capability; manage?: boolean; forUpdate?: boolean } = {},
): Promise<LoadedCampaign> {
  const campaign = await loadCampaignRow(db, actor, id, options);
  return { campaign, regions: await loadRegionIndex(db) };
}

export const statusText: Record<CampaignStatus, string> = {
  draft: '草稿',
  roster_generated: '名单已生成',
  in_review: '审核中',
  locked: '已锁定',
  in_progress: '执行中',
  closed: '已结束',
};

export function requireStatus(
  campaign: Pick<repo.CampaignRow, 'status'>,
  allowed: readonly CampaignStatus[],
  what: string,
): void {
  if (!allowed.includes(campaign.status as CampaignStatus)) {
    throw new AppError(
      'INVALID_STATE',
      `活动当前为“${statusText[campaign.status as CampaignStatus] ?? campaign.status}”，不能${what}；只有在${allowed
        .map((s) => `“${statusText[s]}”`)
        .join('、')}状态下可以。`,
    );
  }
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function conflict(message: string): AppError {
  return new AppError('CONFLICT', message);
}
