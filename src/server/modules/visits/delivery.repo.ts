import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { entryRegionColumns } from '../campaigns/campaigns.repo.ts';

/** Delivered visits of active entries in the actor's scope, counted by mode. */
export async function visitsByMode(db: Kysely<DB>, actor: Actor, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_visits')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
    .select((eb) => ['campaign_visits.mode', eb.fn.countAll<number>().as('n')])
    .where('campaign_visits.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .where(inRegionScope(actor, entryRegionColumns))
    .groupBy('campaign_visits.mode')
    .execute();
  return rows.map((r) => ({ mode: r.mode, count: Number(r.n) }));
}

/** The goods each delivered visit recorded (JSON), grouped by identical lists so the service folds few rows. */
export async function deliveredGoods(db: Kysely<DB>, actor: Actor, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_visits')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
    .select((eb) => ['campaign_visits.goods_json', eb.fn.countAll<number>().as('n')])
    .where('campaign_visits.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .where(inRegionScope(actor, entryRegionColumns))
    .groupBy('campaign_visits.goods_json')
    .execute();
  return rows.map((r) => ({ goodsJson: r.goods_json, count: Number(r.n) }));
}
