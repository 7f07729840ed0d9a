import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { CampaignDocumentFileTable } from './campaign-documents.schema.ts';

/**
 * What the campaign documents print: the active roster entries of a campaign (removed ones never), within the
 * actor's scope (an entry is placed by its street and community), with the person's current name and the
 * winning standard's letter template.
 */

const entryScope = ['campaign_roster_entries.street_id', 'campaign_roster_entries.community_id'] as const;

export interface EntryFilter {
  streetId?: number | undefined;
  communityId?: number | undefined;
}

export function printableEntries(db: Kysely<DB>, actor: Actor, campaignId: number, f: EntryFilter) {
  let q = db
    .selectFrom('campaign_roster_entries')
    .innerJoin('persons', 'persons.id', 'campaign_roster_entries.person_id')
    .leftJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
    .select([
      'campaign_roster_entries.id',
      'campaign_roster_entries.person_id',
      'campaign_roster_entries.household_id',
      'campaign_roster_entries.street_id',
      'campaign_roster_entries.community_id',
      'campaign_roster_entries.category_code',
      'campaign_roster_entries.cash_cents',
      'campaign_roster_entries.goods_cents',
      'campaign_roster_entries.goods_json',
      'persons.name',
      'campaign_standards.letter_template',
    ])
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .where(inRegionScope(actor, entryScope));
  if (f.streetId !== undefined) q = q.where('campaign_roster_entries.street_id', '=', f.streetId);
  if (f.communityId !== undefined) q = q.where('campaign_roster_entries.community_id', '=', f.communityId);
  return q
    .orderBy('campaign_roster_entries.street_id')
    .orderBy('campaign_roster_entries.community_id')
    .orderBy('campaign_roster_entries.id')
    .execute();
}

export type PrintableEntry = Awaited<ReturnType<typeof printableEntries>>[number];

export async function categoryNames(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('categories').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export function regionByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').select(['id', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}

export function campaignByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('campaigns').select('id').where('name', '=', name).orderBy('id', 'desc').execute();
}

// ---------------------------------------------------------------------------------------------------------------
// PDFs made by jobs, kept in the database so that any app node serves the download

export async function insertFile(
  db: Kysely<DB>,
  f: Omit<Insertable<CampaignDocumentFileTable>, 'id'>,
): Promise<number> {
  return (await db.insertInto('campaign_document_files').values(f).returning('id').executeTakeFirstOrThrow()).id;
}

export function findFile(db: Kysely<DB>, campaignId: number, jobId: number) {
  return db
    .selectFrom('campaign_document_files')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('job_id', '=', jobId)
    .executeTakeFirst();
}

/** Drops results past their expiry; returns how many. */
export async function purgeExpiredFiles(db: Kysely<DB>, now: string): Promise<number> {
  const result = await db.deleteFrom('campaign_document_files').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
