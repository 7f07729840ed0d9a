import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CampaignSummaryTable } from './briefings.schema.ts';

export type SummaryRow = Selectable<CampaignSummaryTable>;

/** The saved summary of a campaign. The campaign's own access check (campaign-access.ts) comes first. */
export function findSummary(db: Kysely<DB>, campaignId: number): Promise<SummaryRow | undefined> {
  return db.selectFrom('campaign_summaries').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
}

/** Saved summaries of the given campaigns (already filtered to the actor's reach by the caller). */
export function summariesOf(db: Kysely<DB>, campaignIds: readonly number[]): Promise<SummaryRow[]> {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('campaign_summaries')
    .selectAll()
    .where('campaign_id', 'in', [...campaignIds])
    .orderBy('saved_at')
    .execute();
}

export interface SummaryWrite {
  title: string;
  body: string;
  savedBy: number | null;
  savedByName: string;
  at: string;
}

/** First save: false when someone else created the row first (unique campaign_id). */
export async function insertSummary(db: Kysely<DB>, campaignId: number, w: SummaryWrite): Promise<boolean> {
  const result = await db
    .insertInto('campaign_summaries')
    .values({
      campaign_id: campaignId,
      title: w.title,
      body: w.body,
      version: 1,
      saved_by: w.savedBy,
      saved_by_name: w.savedByName,
      saved_at: w.at,
      created_at: w.at,
    })
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Optimistic update: false when the version moved on. */
export async function updateSummary(db: Kysely<DB>, campaignId: number, version: number, w: SummaryWrite) {
  const result = await db
    .updateTable('campaign_summaries')
    .set({
      title: w.title,
      body: w.body,
      version: version + 1,
      saved_by: w.savedBy,
      saved_by_name: w.savedByName,
      saved_at: w.at,
    })
    .where('campaign_id', '=', campaignId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
