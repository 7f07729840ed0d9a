import type { Generated } from 'kysely';

/**
 * Table types of the briefings migration (2026-11-26-0080-briefings.ts: 工作总结), merged into the shared `DB`
 * of db/schema.ts.
 */
declare module '../../db/schema.ts' {
  interface DB {
    campaign_summaries: CampaignSummaryTable;
  }
}

/** A campaign's summary (工作总结) as the office edited and saved it (the draft itself is computed, not kept). */
export interface CampaignSummaryTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  /** One paragraph per line. */
  body: string;
  version: number;
  saved_by: number | null;
  saved_by_name: string | null;
  saved_at: string;
  created_at: string;
}
