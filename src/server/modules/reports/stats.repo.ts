/**
 * Statistics reads of the reports module: few grouped rows per query, aggregated in SQL, always within the
 * (narrowed) actor's scope. The campaign and honours figures come from their own modules' services.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';

type Db = Kysely<DB>;

// ——— regions and campaigns ———

export function regionByCode(db: Db, code: string) {
  return db.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirst();
}

/** The first region that has regions below it (the city or district of a deployment without the setting). */
export function topRegion(db: Db) {
  return db
    .selectFrom('regions')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .executeTakeFirst();
}

export interface CampaignRef {
  id: number;
  name: string;
  year: number;
  regionId: number;
  previousCampaignId: number | null;
}

const campaignColumns = [
  'id',
  'name',
  'year',
  'region_id as regionId',
  'previous_campaign_id as previousCampaignId',
] as const;

export function findCampaign(db: Db, id: number, visibleRegions?: readonly number[]) {
  let q = db.selectFrom('campaigns').select(campaignColumns).where('id', '=', id);
  if (visibleRegions) q = q.where('region_id', 'in', visibleRegions.length ? [...visibleRegions] : [-1]);
  return q.executeTakeFirst() as Promise<CampaignRef | undefined>;
}

/** The campaign of a year owned by the nearest of `regionIds` (the viewed region and its ancestors). */
export async function campaignOfYear(db: Db, year: number, regionIds: readonly number[]) {
  const rows = (await db
    .selectFrom('campaigns')
    .select(campaignColumns)
    .where('year', '=', year)
    .where('region_id', 'in', regionIds.length ? [...regionIds] : [-1])
    .orderBy('id', 'desc')
    .execute()) as CampaignRef[];
  const depth = (r: CampaignRef) => regionIds.indexOf(r.regionId);
  return rows.sort((a, b) => depth(b) - depth(a))[0];
}

export async function dataYears(db: Db, actor: Actor): Promise<number[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select('year')
    .distinct()
    .where(inRegionScope(actor, ['campaigns.region_id']))
    .execute();
  return rows.map((r) => r.year);
}

// ——— registry ———

const personScope = ['persons.hukou_region_id', 'persons.residence_region_id'] as const;

/**
 * People on the registry on `asOf`: today that is every living person (as the registry list counts them); on an
 * earlier day, people registered by then and not dead by then.
 */
function onRegistry(asOf: string, today: string) {
  return (eb: ExpressionBuilder<DB, 'persons'>): Expression<SqlBool> => {
    if (asOf >= today) return eb('persons.alive', '=', 1);
    const nextDay = sql<string>`${asOf} || 'T99'`;
    return eb.and([
      eb('persons.created_at', '<', nextDay),
      eb.or([eb('persons.alive', '=', 1), eb('persons.death_date', '>', asOf)]),
    ]);
  };
}

export interface RegistryGroups {
  people: { regionId: number | null; n: number }[];
  categories: { regionId: number | null; code: string; n: number }[];
}

/**
 * People in scope per 户籍 region, and per 户籍 region × category (a person counts once in each category). Today's
 * registry is read from the counts the database keeps (registry_counts, a few rows per pair of regions); a past
 * day's from the people themselves.
 */
export function registryGroups(db: Db, actor: Actor, asOf: string, today: string): Promise<RegistryGroups> {
  return asOf >= today ? keptRegistryGroups(db, actor) : registryGroupsFromPeople(db, actor, asOf, today);
}

async function keptRegistryGroups(db: Db, actor: Actor): Promise<RegistryGroups> {
  const rows = await db
    .selectFrom('registry_counts')
    .where(inRegionScope(actor, ['registry_counts.hukou_key', 'registry_counts.residence_key']))
    .where('n', '<>', 0)
    .select((eb) => ['hukou_key', 'category_code', eb.fn.sum<number>('n').as('n')])
    .groupBy(['hukou_key', 'category_code'])
    .execute();
  const out: RegistryGroups = { people: [], categories: [] };
  for (const r of rows) {
    const regionId = r.hukou_key === 0 ? null : r.hukou_key;
    if (r.category_code === '') out.people.push({ regionId, n: Number(r.n) });
    else out.categories.push({ regionId, code: r.category_code, n: Number(r.n) });
  }
  return out;
}

/** The same figures counted from the people and their qualifications (any day; the baseline of the kept counts). */
export async function registryGroupsFromPeople(db: Db, actor: Actor, asOf: string, today: string) {
  const [people, categories] = await Promise.all([
    db
      .selectFrom('persons')
      .where(inRegionScope(actor, personScope))
      .where(onRegistry(asOf, today))
      .select((eb) => ['persons.hukou_region_id as regionId', eb.fn.countAll<number>().as('n')])
      .groupBy('persons.hukou_region_id')
      .execute(),
    db
      .selectFrom('persons')
      .innerJoin('qualifications', 'qualifications.person_id', 'persons.id')
      .where(inRegionScope(actor, personScope))
      .where(onRegistry(asOf, today))
      .select((eb) => [
        'persons.hukou_region_id as regionId',
        'qualifications.category_code as code',
        eb.fn.count<number>('persons.id').distinct().as('n'),
      ])
      .groupBy(['persons.hukou_region_id', 'qualifications.category_code'])
      .execute(),
  ]);
  return {
    people: people.map((r) => ({ regionId: r.regionId, n: Number(r.n) })),
    categories: categories.map((r) => ({ regionId: r.regionId, code: r.code, n: Number(r.n) })),
  };
}

export function categoryList(db: Db) {
  return db.selectFrom('categories').select(['code', 'name']).orderBy('sort').execute();
}
