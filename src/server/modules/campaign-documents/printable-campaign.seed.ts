import type { Insertable, Kysely } from 'kysely';
import type { GoodsItem } from '../../../shared/domain/campaign/standards.ts';
import { defaultLetterTemplate } from '../../../shared/domain/letter-template.ts';
import type { DB } from '../../db/schema.ts';
import type { CampaignRosterEntryTable } from '../campaigns/campaigns.schema.ts';

/**
 * A locked campaign with one standard (三属, 1,000 元 and the default 慰问信), written straight into the campaign
 * tables, and the rows of its roster: what printing reads. Shared by the documents tests (documents.fixture.ts)
 * and the letters benchmark; not used by the application.
 */
export async function insertLockedCampaign(
  db: Kysely<DB>,
  o: { regionId: number; signatory: string; consideredCount: number; now: string },
): Promise<{ campaignId: number; standardId: number }> {
  const { now } = o;
  const { id: campaignId } = await db
    .insertInto('campaigns')
    .values({
      region_id: o.regionId,
      name: '2026年春节走访慰问',
      year: 2026,
      window_start: '2026-02-10',
      window_end: '2026-03-03',
      spring_festival: '2026-02-17',
      due_date: '2026-02-16',
      ref_date: '2026-02-17',
      little_new_year_day: '23',
      budget_cents: 0,
      dedup_policy: 'person',
      status: 'locked',
      preset_key: null,
      signatory: o.signatory,
      task_types_json: '["visit"]',
      previous_campaign_id: null,
      roster_job_id: null,
      roster_generated_at: now,
      considered_count: o.consideredCount,
      submitted_at: null,
      locked_at: null,
      locked_by_name: null,
      closed_at: null,
      version: 1,
      created_by: null,
      created_by_name: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: standardId } = await db
    .insertInto('campaign_standards')
    .values({
      campaign_id: campaignId,
      name: '三属',
      priority: 10,
      categories_json: '[]',
      conditions_json: '[]',
      cash_cents: 100_000,
      goods_json: '[]',
      letter_template: defaultLetterTemplate,
      amount_set: 1,
      sort: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { campaignId, standardId };
}

/** One roster entry of that campaign: 1,000 元 cash and the goods given, pending its visit. */
export function rosterEntryRow(e: {
  campaignId: number;
  standardId: number;
  personId: number;
  place: readonly [street: number, community: number];
  householdId?: number | null;
  category?: string;
  goods?: readonly GoodsItem[];
  state?: string;
  now: string;
}): Insertable<CampaignRosterEntryTable> {
  const goods = e.goods ?? [];
  return {
    campaign_id: e.campaignId,
    person_id: e.personId,
    household_id: e.householdId ?? null,
    standard_id: e.standardId,
    category_code: e.category ?? 'martyr_family',
    street_id: e.place[0],
    community_id: e.place[1],
    person_name: '',
    cash_cents: 100_000,
    goods_cents: goods.reduce((n, g) => n + g.quantity * g.unitPriceCents, 0),
    goods_json: JSON.stringify(goods),
    also_matched_json: '[]',
    reasons_json: '[]',
    other_members_json: '[]',
    source: 'rule',
    state: e.state ?? 'active',
    note: null,
    removed_reason: null,
    removed_by_name: null,
    removed_at: null,
    assigned_user_id: null,
    assigned_at: null,
    visit_status: 'pending',
    delivered_at: null,
    visit_id: null,
    created_at: e.now,
    updated_at: e.now,
  };
}
