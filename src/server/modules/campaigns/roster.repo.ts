import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope, inScope, regionScope } from '../../platform/access.ts';
import { entryRegionColumns } from './campaigns.repo.ts';
import type {
  CampaignAmendmentTable,
  CampaignRosterEntryTable,
  CampaignStreetReviewTable,
} from './campaigns.schema.ts';

export type EntryInsert = Insertable<CampaignRosterEntryTable>;
export type ReviewRow = Selectable<CampaignStreetReviewTable>;
export type AmendmentRow = Selectable<CampaignAmendmentTable>;

/** Removes a generated roster and everything hanging off it (allowed only before any visit). */
export async function discardRoster(db: Kysely<DB>, campaignId: number): Promise<void> {
  await db.deleteFrom('campaign_amendments').where('campaign_id', '=', campaignId).execute();
  await db.deleteFrom('campaign_street_reviews').where('campaign_id', '=', campaignId).execute();
  await db.deleteFrom('campaign_exclusions').where('campaign_id', '=', campaignId).execute();
  await db.deleteFrom('campaign_roster_entries').where('campaign_id', '=', campaignId).execute();
}

export async function createReviews(db: Kysely<DB>, campaignId: number, streetIds: readonly number[]) {
  if (streetIds.length === 0) return;
  await db
    .insertInto('campaign_street_reviews')
    .values(streetIds.map((street_id) => ({ campaign_id: campaignId, street_id, status: 'pending' })))
    .execute();
}

/** One pending review per street that has entries. */
export async function createReviewsFromEntries(db: Kysely<DB>, campaignId: number) {
  await db
    .insertInto('campaign_street_reviews')
    .columns(['campaign_id', 'street_id', 'status'])
    .expression((eb) =>
      eb
        .selectFrom('campaign_roster_entries')
        .select((e) => [e.val(campaignId).as('campaign_id'), 'street_id', e.val('pending').as('status')])
        .where('campaign_id', '=', campaignId)
        .groupBy('street_id')
        .orderBy('street_id'),
    )
    .execute();
}

export function listReviews(db: Kysely<DB>, campaignId: number): Promise<ReviewRow[]> {
  return db
    .selectFrom('campaign_street_reviews')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('street_id')
    .execute();
}

export async function resetReviews(db: Kysely<DB>, campaignId: number): Promise<void> {
  await db
    .updateTable('campaign_street_reviews')
    .set({ status: 'pending', confirmed_by: null, confirmed_by_name: null, confirmed_at: null })
    .where('campaign_id', '=', campaignId)
    .execute();
}

export async function confirmReview(
  db: Kysely<DB>,
  campaignId: number,
  streetId: number,
  by: { userId: number | null; name: string; note: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('campaign_street_reviews')
    .set({
      status: 'confirmed',
      confirmed_by: by.userId,
      confirmed_by_name: by.name,
      confirmed_at: by.at,
      note: by.note,
    })
    .where('campaign_id', '=', campaignId)
    .where('street_id', '=', streetId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function ensureReview(db: Kysely<DB>, campaignId: number, streetId: number): Promise<void> {
  const existing = await db
    .selectFrom('campaign_street_reviews')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('street_id', '=', streetId)
    .executeTakeFirst();
  if (!existing) await createReviews(db, campaignId, [streetId]);
}

export async function activeCountsByStreet(db: Kysely<DB>, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_roster_entries')
    .select((eb) => ['street_id', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'active')
    .groupBy('street_id')
    .execute();
  return new Map(rows.map((r) => [r.street_id, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------------------------
// Entries

export interface EntryFilter {
  streetId?: number | undefined;
  communityId?: number | undefined;
  standardId?: number | undefined;
  state: 'active' | 'removed' | 'all';
  visitStatus?: 'pending' | 'delivered' | undefined;
  category?: string | undefined;
  q?: string | undefined;
  assignedUserId?: number | undefined;
}

function scopedEntries(db: Kysely<DB>, actor: Actor, campaignId: number, f: EntryFilter) {
  let q = db
    .selectFrom('campaign_roster_entries')
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where(inRegionScope(actor, entryRegionColumns));
  if (f.state !== 'all') q = q.where('campaign_roster_entries.state', '=', f.state);
  if (f.streetId !== undefined) q = q.where('campaign_roster_entries.street_id', '=', f.streetId);
  if (f.communityId !== undefined) q = q.where('campaign_roster_entries.community_id', '=', f.communityId);
  if (f.standardId !== undefined) q = q.where('campaign_roster_entries.standard_id', '=', f.standardId);
  if (f.visitStatus !== undefined) q = q.where('campaign_roster_entries.visit_status', '=', f.visitStatus);
  if (f.category !== undefined) q = q.where('campaign_roster_entries.category_code', '=', f.category);
  if (f.assignedUserId !== undefined) q = q.where('campaign_roster_entries.assigned_user_id', '=', f.assignedUserId);
  if (f.q) q = q.where('campaign_roster_entries.person_name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listEntries(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: number,
  f: EntryFilter,
  page: { offset: number; limit: number },
) {
  const base = scopedEntries(db, actor, campaignId, f);
  const [items, total] = await Promise.all([
    base
      .innerJoin('persons', 'persons.id', 'campaign_roster_entries.person_id')
      .innerJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
      .leftJoin('users', 'users.id', 'campaign_roster_entries.assigned_user_id')
      .selectAll('campaign_roster_entries')
      .select(['persons.alive', 'campaign_standards.name as standard_name', 'users.display_name as assigned_name'])
      .orderBy('campaign_roster_entries.street_id')
      .orderBy('campaign_roster_entries.community_id')
      .orderBy('campaign_roster_entries.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
export type EntryListRow = Awaited<ReturnType<typeof listEntries>>['items'][number];

/** By its id alone (the caller checks the campaign): see visits.repo `deliveryTarget` for why. */
const entryInScope = prepared((db, $: { entryId: number; scope: readonly number[] }, form: 'all' | 'ids' | undefined) =>
  db
    .selectFrom('campaign_roster_entries')
    .selectAll('campaign_roster_entries')
    .where(inScope(form === 'all' ? 'all' : $.scope, entryRegionColumns))
    .where('campaign_roster_entries.id', '=', $.entryId),
);

/** One entry of a campaign within the actor's scope (a prepared statement). */
export async function findEntry(db: Kysely<DB>, actor: Actor, campaignId: number, entryId: number) {
  const scope = regionScope(actor);
  const entry =
    scope === 'all'
      ? await entryInScope.first(db, { entryId, scope: [] }, 'all')
      : await entryInScope.first(db, { entryId, scope }, 'ids');
  return entry?.campaign_id === campaignId ? entry : undefined;
}
export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

export function findEntryByPerson(db: Kysely<DB>, campaignId: number, personId: number) {
  return db
    .selectFrom('campaign_roster_entries')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function setEntry(db: Kysely<DB>, entryId: number, patch: Updateable<CampaignRosterEntryTable>) {
  await db.updateTable('campaign_roster_entries').set(patch).where('id', '=', entryId).execute();
}

export async function insertEntry(db: Kysely<DB>, row: EntryInsert): Promise<number> {
  const inserted = await db.insertInto('campaign_roster_entries').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Exclusions

export async function listExclusions(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: number,
  f: { reason?: string | undefined; streetId?: number | undefined },
  page: { offset: number; limit: number },
) {
  let base = db
    .selectFrom('campaign_exclusions')
    .where('campaign_exclusions.campaign_id', '=', campaignId)
    .where(inRegionScope(actor, ['campaign_exclusions.street_id', 'campaign_exclusions.community_id']));
  if (f.streetId !== undefined) base = base.where('campaign_exclusions.street_id', '=', f.streetId);
  const byReason = await base
    .select((eb) => ['campaign_exclusions.reason', eb.fn.countAll<number>().as('n')])
    .groupBy('campaign_exclusions.reason')
    .orderBy('n', 'desc')
    .execute();
  if (f.reason) base = base.where('campaign_exclusions.reason', '=', f.reason);
  const [items, total] = await Promise.all([
    base
      .leftJoin('campaign_standards', 'campaign_standards.id', 'campaign_exclusions.standard_id')
      .selectAll('campaign_exclusions')
      .select('campaign_standards.name as standard_name')
      .orderBy('campaign_exclusions.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items,
    total: Number(total.n),
    byReason: byReason.map((r) => ({ reason: r.reason, count: Number(r.n) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Amendments (review edits and later amendments)

export async function insertAmendment(db: Kysely<DB>, row: Insertable<CampaignAmendmentTable>): Promise<number> {
  const inserted = await db.insertInto('campaign_amendments').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function listAmendments(db: Kysely<DB>, actor: Actor, campaignId: number, status?: string) {
  let q = db
    .selectFrom('campaign_amendments')
    .innerJoin('persons', 'persons.id', 'campaign_amendments.person_id')
    .leftJoin('campaign_standards', 'campaign_standards.id', 'campaign_amendments.standard_id')
    .selectAll('campaign_amendments')
    .select(['persons.name as person_name', 'campaign_standards.name as standard_name'])
    .where('campaign_amendments.campaign_id', '=', campaignId)
    .where(inRegionScope(actor, ['campaign_amendments.street_id', 'campaign_amendments.community_id']));
  if (status) q = q.where('campaign_amendments.status', '=', status);
  return q.orderBy('campaign_amendments.id', 'desc').execute();
}

export function findAmendment(db: Kysely<DB>, actor: Actor, campaignId: number, id: number) {
  return db
    .selectFrom('campaign_amendments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .where(inRegionScope(actor, ['campaign_amendments.street_id', 'campaign_amendments.community_id']))
    .executeTakeFirst();
}

export async function decideAmendment(
  db: Kysely<DB>,
  id: number,
  patch: {
    status: string;
    decided_by: number | null;
    decided_by_name: string;
    decided_at: string;
    decision_note: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('campaign_amendments')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function pendingAmendmentFor(db: Kysely<DB>, campaignId: number, personId: number) {
  return db
    .selectFrom('campaign_amendments')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}
