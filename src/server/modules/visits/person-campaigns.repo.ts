import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { entryRegionColumns } from '../campaigns/campaigns.repo.ts';

/**
 * A person's roster entries across the campaigns the actor may see, each with its visit (if any). An entry is
 * in scope through its own place (the visiting street/community) or through the person's 户籍 or residence:
 * whoever may see the person sees their whole campaign history.
 */
export function personEntries(
  db: Kysely<DB>,
  actor: Actor,
  personId: number,
  /** Regions whose campaigns the actor may see (`campaignRegionScope`). */
  campaignRegions: 'all' | number[],
) {
  let q = db
    .selectFrom('campaign_roster_entries')
    .innerJoin('persons', 'persons.id', 'campaign_roster_entries.person_id')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_roster_entries.campaign_id')
    .innerJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
    .leftJoin('campaign_visits', 'campaign_visits.entry_id', 'campaign_roster_entries.id')
    .where('campaign_roster_entries.person_id', '=', personId)
    .where(inRegionScope(actor, [...entryRegionColumns, 'persons.hukou_region_id', 'persons.residence_region_id']));
  if (campaignRegions !== 'all') {
    q = q.where('campaigns.region_id', 'in', campaignRegions.length ? campaignRegions : [-1]);
  }
  return q
    .select([
      'campaign_roster_entries.id as entry_id',
      'campaign_roster_entries.campaign_id',
      'campaign_roster_entries.category_code',
      'campaign_roster_entries.street_id',
      'campaign_roster_entries.community_id',
      'campaign_roster_entries.cash_cents',
      'campaign_roster_entries.goods_cents',
      'campaign_roster_entries.goods_json',
      'campaign_roster_entries.state',
      'campaign_roster_entries.removed_reason',
      'campaign_roster_entries.visit_status',
      'campaigns.name as campaign_name',
      'campaigns.year',
      'campaigns.status as campaign_status',
      'campaign_standards.name as standard_name',
      'campaign_visits.id as visit_id',
    ])
    .orderBy('campaigns.year', 'desc')
    .orderBy('campaigns.id', 'desc')
    .orderBy('campaign_roster_entries.id', 'desc')
    .execute();
}

export function visitsByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('campaign_visits')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}
