/**
 * The table of the campaign-progress migration (2026-12-07-0230-campaign-progress.ts), merged into the shared `DB`
 * by declaration merging. Database triggers on campaign_roster_entries and campaign_visits keep it exact.
 */
declare module '../../db/schema.ts' {
  interface DB {
    campaign_progress: CampaignProgressTable;
  }
}

/**
 * The active roster entries of a campaign per street × community × category × standard: how many are planned,
 * delivered and pending, their planned money, and the money their visits delivered (分). A row whose entries all
 * left holds zeros (planned = 0). Letters are not kept: they follow the standard's current letter template.
 * Money is bigint on PostgreSQL (a whole group can pass 2^31 分).
 */
export interface CampaignProgressTable {
  campaign_id: number;
  street_id: number;
  community_id: number;
  category_code: string;
  standard_id: number;
  planned: number;
  delivered: number;
  pending: number;
  planned_cash_cents: number;
  planned_goods_cents: number;
  delivered_cash_cents: number;
  delivered_goods_cents: number;
}
