/**
 * What the visits handed over, beyond the progress figures: delivered visits by mode (上门/集中/邮寄/代领) and
 * the goods (慰问品) by name and unit with their quantities — for the campaign summary and reports.
 */
import { type VisitMode, visitModes } from '../../../shared/api/campaign-visits.api.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/access.ts';
import { loadCampaign, parseJson } from '../campaigns/campaign-access.ts';
import * as repo from './delivery.repo.ts';

export interface DeliveryBreakdown {
  byMode: Record<VisitMode, number>;
  goods: { name: string; unit: string; quantity: number }[];
}

export async function deliveryBreakdown(ctx: AppContext, actor: Actor, campaignId: number): Promise<DeliveryBreakdown> {
  await loadCampaign(ctx.db, actor, campaignId);
  const [modes, goodsRows] = await Promise.all([
    repo.visitsByMode(ctx.db, actor, campaignId),
    repo.deliveredGoods(ctx.db, actor, campaignId),
  ]);
  const byMode = Object.fromEntries(visitModes.map((m) => [m, 0])) as Record<VisitMode, number>;
  for (const m of modes) if ((visitModes as readonly string[]).includes(m.mode)) byMode[m.mode as VisitMode] += m.count;
  const goods = new Map<string, { name: string; unit: string; quantity: number }>();
  for (const row of goodsRows) {
    for (const g of parseJson<{ name: string; quantity: number; unit: string }[]>(row.goodsJson, [])) {
      const key = `${g.name}\u0000${g.unit ?? ''}`;
      const total = goods.get(key) ?? { name: g.name, unit: g.unit ?? '', quantity: 0 };
      total.quantity += Number(g.quantity) * row.count;
      goods.set(key, total);
    }
  }
  return { byMode, goods: [...goods.values()] };
}
