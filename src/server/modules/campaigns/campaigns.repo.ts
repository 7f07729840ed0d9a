import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope, regionScope } from '../../platform/access.ts';
import type { RegionIndex } from './campaign-regions.ts';
import type { CampaignStandardTable, CampaignTable } from './campaigns.schema.ts';

export type CampaignRow = Selectable<CampaignTable>;
export type StandardRow = Selectable<CampaignStandardTable>;

/** The region columns that place a roster entry (and a visit, case, sample) in a scope. */
export const entryRegionColumns = ['campaign_roster_entries.street_id', 'campaign_roster_entries.community_id'];

/**
 * Regions whose campaigns the actor may see: its own subtree (an office's campaigns) and the regions above it
 * (a city campaign reaches the districts', streets' and communities' staff, who then see only their entries).
 */
export function campaignRegionScope(actor: Actor, regions: RegionIndex): 'all' | number[] {
  const scope = regionScope(actor);
  if (scope === 'all') return 'all';
  if (scope.length === 0 || actor.regionId === null) return [];
  return [...scope, ...regions.ancestors(actor.regionId)];
}

export async function listCampaigns(db: Kysely<DB>, visible: 'all' | number[]): Promise<CampaignRow[]> {
  let q = db.selectFrom('campaigns').selectAll();
  if (visible !== 'all') q = q.where('region_id', 'in', visible.length ? visible : [-1]);
  return q.orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

export async function findCampaign(
  db: Kysely<DB>,
  id: number,
  visible: 'all' | number[],
  options: { forUpdate?: boolean } = {},
): Promise<CampaignRow | undefined> {
  let q = db.selectFrom('campaigns').selectAll().where('id', '=', id);
  if (visible !== 'all') q = q.where('region_id', 'in', visible.length ? visible : [-1]);
  if (options.forUpdate && engineOf(db) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** `for update` (PostgreSQL) or a plain read: the two forms of the statements below. */
type Lock = 'for update' | 'read';

function campaignById(db: Kysely<DB>, id: number, lock: Lock | undefined) {
  const q = db.selectFrom('campaigns').selectAll('campaigns').where('campaigns.id', '=', id);
  return lock === 'for update' ? q.forUpdate() : q;
}

/** A campaign anywhere (an admin's reach). */
const campaignAnywhere = prepared((db, $: { id: number }, lock: Lock | undefined) => campaignById(db, $.id, lock));

/** Campaigns of a region in the scope or above the actor's own region (`home`), the ancestors found by path. */
export function inReach(scope: readonly number[], home: number) {
  return (eb: ExpressionBuilder<DB, 'campaigns'>) =>
    eb.or([
      eb('campaigns.region_id', 'in', scope),
      eb.exists(
        eb
          .selectFrom('regions as home')
          .innerJoin('regions as above', (join) => join.on(sql<boolean>`home.path like above.path || '%'`))
          .select('above.id')
          .where('home.id', '=', home)
          .whereRef('above.id', '=', 'campaigns.region_id'),
      ),
    ]);
}

/** A campaign of a region in the scope or above the actor's own region. */
const campaignNearby = prepared(
  (db, $: { id: number; scope: readonly number[]; home: number }, lock: Lock | undefined) =>
    campaignById(db, $.id, lock).where(inReach($.scope, $.home)),
);

/**
 * A campaign the actor may see (as `campaignRegionScope`: its region's subtree and the regions above it), with
 * the ancestors found by path in the same query instead of from the whole region tree.
 */
export async function findCampaignInReach(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<CampaignRow | undefined> {
  const scope = regionScope(actor);
  if (scope !== 'all' && (scope.length === 0 || actor.regionId === null)) return undefined;
  const lock = options.forUpdate && engineOf(db) === 'postgres' ? 'for update' : 'read';
  if (scope === 'all') return campaignAnywhere.first(db, { id }, lock);
  return campaignNearby.first(db, { id, scope, home: actor.regionId! }, lock);
}

/** What the visitor's phone list shows of a campaign. */
export type ExecutingCampaign = Pick<CampaignRow, 'id' | 'name' | 'ref_date' | 'window_end'>;

function executing(db: Kysely<DB>) {
  return db
    .selectFrom('campaigns')
    .select(['campaigns.id', 'campaigns.name', 'campaigns.ref_date', 'campaigns.window_end'])
    .where('campaigns.status', 'in', ['locked', 'in_progress'])
    .orderBy('campaigns.year', 'desc')
    .orderBy('campaigns.id', 'desc');
}
const executingAnywhere = prepared((db, _$: Record<string, never>) => executing(db));
const executingNearby = prepared((db, $: { scope: readonly number[]; home: number }) =>
  executing(db).where(inReach($.scope, $.home)),
);

/**
 * Campaigns in execution (locked or in progress) that the actor may see, as `findCampaignInReach` judges one: the
 * visitor's phone list lists their entries. One statement, without reading the region tree.
 */
export async function listCampaignsInExecution(db: Kysely<DB>, actor: Actor): Promise<ExecutingCampaign[]> {
  const scope = regionScope(actor);
  if (scope === 'all') return executingAnywhere.rows(db, {});
  if (scope.length === 0 || actor.regionId === null) return [];
  return executingNearby.rows(db, { scope, home: actor.regionId });
}

/** Active and delivered entries per campaign, within the actor's entry scope. */
export async function entryCounts(db: Kysely<DB>, actor: Actor, campaignIds: number[]) {
  if (campaignIds.length === 0) return new Map<number, { entries: number; delivered: number }>();
  const rows = await db
    .selectFrom('campaign_roster_entries')
    .select((eb) => [
      'campaign_id',
      eb.fn.countAll<number>().as('entries'),
      eb.fn.sum<number>(eb.case().when('visit_status', '=', 'delivered').then(1).else(0).end()).as('delivered'),
    ])
    .where('campaign_id', 'in', campaignIds)
    .where('state', '=', 'active')
    .where(inRegionScope(actor, entryRegionColumns))
    .groupBy('campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, { entries: Number(r.entries), delivered: Number(r.delivered ?? 0) }]));
}

export type CampaignInsert = Omit<CampaignTable, 'id'>;

export async function insertCampaign(db: Kysely<DB>, row: CampaignInsert): Promise<number> {
  const inserted = await db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Optimistic update: false when the version moved on (someone else saved first). */
export async function updateCampaign(
  db: Kysely<DB>,
  id: number,
  version: number,
  patch: Partial<Omit<CampaignTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The campaign of the same region one year earlier that has a roster (for comparisons). */
export async function findPreviousCampaign(db: Kysely<DB>, c: CampaignRow): Promise<CampaignRow | undefined> {
  if (c.previous_campaign_id !== null) {
    return db.selectFrom('campaigns').selectAll().where('id', '=', c.previous_campaign_id).executeTakeFirst();
  }
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('region_id', '=', c.region_id)
    .where('year', '=', c.year - 1)
    .where('roster_generated_at', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------------
// Standards

export function listStandards(db: Kysely<DB>, campaignId: number): Promise<StandardRow[]> {
  return db
    .selectFrom('campaign_standards')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export type StandardWrite = Omit<CampaignStandardTable, 'id' | 'campaign_id' | 'created_at' | 'updated_at'>;

export async function insertStandard(db: Kysely<DB>, campaignId: number, s: StandardWrite, now: string) {
  const row = await db
    .insertInto('campaign_standards')
    .values({ ...s, campaign_id: campaignId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStandard(db: Kysely<DB>, campaignId: number, id: number, s: StandardWrite, now: string) {
  const result = await db
    .updateTable('campaign_standards')
    .set({ ...s, updated_at: now })
    .where('id', '=', id)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteStandard(db: Kysely<DB>, campaignId: number, id: number) {
  const result = await db
    .deleteFrom('campaign_standards')
    .where('id', '=', id)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function standardNameTaken(db: Kysely<DB>, campaignId: number, name: string, exceptId?: number) {
  let q = db
    .selectFrom('campaign_standards')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('name', '=', name);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function categoryLabels(db: Kysely<DB>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('categories').select(['code', 'name']).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}
