/**
 * What a visit that cannot be recorded is answered: a repeated sync of a visit recorded before gets that visit
 * (whatever has changed since), a key used for another entry a conflict, and an entry delivered already names
 * the visit that delivered it.
 */
import type { Kysely } from 'kysely';
import type { VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { conflict, requireStatus } from '../campaigns/campaign-access.ts';
import * as rosterRepo from '../campaigns/roster.repo.ts';
import type * as deliveryRepo from './visit-delivery.repo.ts';
import { describeVisit } from './visit-item.ts';
import * as repo from './visits.repo.ts';

/** The visit recorded before under this offline key, or null if the key is new. */
export async function replay(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  entryId: number,
  clientKey: string,
): Promise<VisitItem | null> {
  const existing = await repo.findVisitByKey(ctx.db, clientKey);
  if (!existing) return null;
  if (existing.campaign_id !== campaignId || existing.entry_id !== entryId) {
    throw conflict('此离线编号已用于另一条走访记录，请在手机上删除该条待同步记录后重新登记。');
  }
  if (!(await rosterRepo.findEntry(ctx.db, actor, campaignId, entryId))) throw notFound();
  return describeVisit(ctx, existing, true);
}

export async function alreadyDelivered(db: Kysely<DB>, entryId: number): Promise<AppError> {
  const visit = await repo.findVisitOfEntry(db, entryId);
  const who = visit ? `已于 ${visit.visited_on} 由${visit.recorded_by_name ?? '他人'}登记发放` : '已登记发放';
  return conflict(`该对象${who}，不能重复发放。请刷新名单；如登记有误，请联系街道（镇）或双拥办核实更正。`);
}

/**
 * Whether the entry can be delivered now, judged on the reads made before any write (the entry with its campaign,
 * or nothing when either is out of reach). A refusal is the error to answer, or 'delivered' (that answer names
 * the visit recorded before, one more read).
 */
export function judgeDelivery(
  found: deliveryRepo.DeliveryTarget | undefined,
): ({ ok: true } & deliveryRepo.DeliveryTarget) | { ok: false; refusal: unknown } {
  try {
    if (!found) throw notFound();
    requireStatus(found.campaign, ['locked', 'in_progress'], '登记走访（名单须经双拥办审批锁定，活动结束后不再登记）');
    if (found.entry.state !== 'active') {
      throw new AppError('INVALID_STATE', '该对象已移出名单，不能登记发放；请刷新名单。');
    }
    if (found.entry.visit_status === 'delivered') return { ok: false, refusal: 'delivered' };
    return { ok: true, ...found };
  } catch (refusal) {
    return { ok: false, refusal };
  }
}
