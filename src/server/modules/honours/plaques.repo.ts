import type { Kysely, Selectable } from 'kysely';
import { categoryDictionary } from '../../../shared/domain/categories.ts';
import { plaqueReasonOf } from '../../../shared/domain/honours/honours.ts';
import { engineOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { HonorPlaqueEventTable, HonorPlaqueTable } from './honours.schema.ts';

/**
 * 光荣牌 storage: the register of households that are eligible or have a plaque, the plaques and their events.
 * Scope: a plaque follows its household's region.
 */

const householdScope = ['households.region_id'] as const;

/** Category codes that give a plaque reason (kept in step with the domain rule). */
export const plaqueCategoryCodes = categoryDictionary.map((c) => c.code).filter((code) => plaqueReasonOf(code));

/** Households that have a living member with a current plaque-giving qualification. */
function eligibleHouseholdIds(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('persons')
    .innerJoin('qualifications', 'qualifications.person_id', 'persons.id')
    .select('persons.household_id')
    .where('persons.alive', '=', 1)
    .where('persons.household_id', 'is not', null)
    .where('qualifications.category_code', 'in', plaqueCategoryCodes)
    .where((eb) => eb.or([eb('qualifications.end_date', 'is', null), eb('qualifications.end_date', '>=', today)]));
}

export interface PlaqueFilter {
  status?: 'due' | 'hung' | 'withdrawn' | undefined;
  ineligible?: boolean | undefined;
  regionIds?: readonly number[] | undefined;
  q?: string | undefined;
}

/** Households in scope that are eligible or have a plaque, with the plaque row if any. */
function plaqueBase(db: Kysely<DB>, actor: Actor, today: string) {
  return db
    .selectFrom('households')
    .leftJoin('honor_plaques', 'honor_plaques.household_id', 'households.id')
    .leftJoin('regions', 'regions.id', 'households.region_id')
    .where(inRegionScope(actor, householdScope))
    .where((eb) =>
      eb.or([eb('households.id', 'in', eligibleHouseholdIds(db, today)), eb('honor_plaques.id', 'is not', null)]),
    );
}

/** The register filtered: status, hung while no longer eligible, regions, household name. */
export function plaquesFiltered(db: Kysely<DB>, actor: Actor, today: string, f: PlaqueFilter) {
  let q = plaqueBase(db, actor, today);
  if (f.status === 'due') q = q.where('honor_plaques.id', 'is', null);
  else if (f.status) q = q.where('honor_plaques.status', '=', f.status);
  if (f.ineligible) {
    q = q
      .where('honor_plaques.status', '=', 'hung')
      .where('households.id', 'not in', eligibleHouseholdIds(db, today) as never);
  }
  if (f.regionIds) q = q.where('households.region_id', 'in', f.regionIds.length ? [...f.regionIds] : [-1]);
  if (f.q) q = q.where('households.name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  return q;
}

const plaqueColumns = [
  'households.id as household_id',
  'households.name as household_name',
  'households.region_id',
  'households.address',
  'regions.name as region_name',
  'honor_plaques.id as plaque_id',
  'honor_plaques.status',
  'honor_plaques.hung_on',
  'honor_plaques.hung_by',
  'honor_plaques.family_signer',
  'honor_plaques.last_action',
  'honor_plaques.last_action_on',
  'honor_plaques.version',
] as const;

export async function listPlaques(
  db: Kysely<DB>,
  actor: Actor,
  today: string,
  f: PlaqueFilter,
  page: { offset: number; limit: number },
) {
  const [rows, total] = await Promise.all([
    plaquesFiltered(db, actor, today, f)
      .select(plaqueColumns)
      .orderBy('households.region_id')
      .orderBy('households.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    plaquesFiltered(db, actor, today, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countPlaques(db: Kysely<DB>, actor: Actor, today: string, regionIds?: readonly number[]) {
  const count = async (f: PlaqueFilter) =>
    Number(
      (
        await plaquesFiltered(db, actor, today, { ...f, regionIds })
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [due, hung, withdrawn, ineligibleHung] = await Promise.all([
    count({ status: 'due' }),
    count({ status: 'hung' }),
    count({ status: 'withdrawn' }),
    count({ ineligible: true }),
  ]);
  return { due, hung, withdrawn, ineligibleHung };
}

/**
 * Plaque figures per household region in one grouped query over the register's own base: 应挂 (due), hung,
 * withdrawn, and households whose plaque was (last) hung within [from, to].
 */
export async function plaqueGroups(db: Kysely<DB>, actor: Actor, today: string, period: { from: string; to: string }) {
  const rows = await plaqueBase(db, actor, today)
    .select((eb) => {
      const when = (cond: Parameters<typeof eb.case>[0]) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        'households.region_id as regionId',
        when(eb('honor_plaques.id', 'is', null)).as('due'),
        when(eb('honor_plaques.status', '=', 'hung')).as('hung'),
        when(eb('honor_plaques.status', '=', 'withdrawn')).as('withdrawn'),
        when(eb.and([eb('honor_plaques.hung_on', '>=', period.from), eb('honor_plaques.hung_on', '<=', period.to)])).as(
          'hung_in_period',
        ),
      ];
    })
    .groupBy('households.region_id')
    .execute();
  return rows.map((r) => ({
    regionId: r.regionId,
    due: Number(r.due ?? 0),
    hung: Number(r.hung ?? 0),
    withdrawn: Number(r.withdrawn ?? 0),
    hungInPeriod: Number(r.hung_in_period ?? 0),
  }));
}

export type PlaqueRow = Awaited<ReturnType<typeof listPlaques>>['rows'][number];

/** A household in scope with its plaque (locked for update on PostgreSQL); undefined when out of reach. */
export async function findHouseholdPlaque(db: Kysely<DB>, actor: Actor, householdId: number, forUpdate = false) {
  let q = db
    .selectFrom('households')
    .leftJoin('honor_plaques', 'honor_plaques.household_id', 'households.id')
    .leftJoin('regions', 'regions.id', 'households.region_id')
    .select(plaqueColumns)
    .where(inRegionScope(actor, householdScope))
    .where('households.id', '=', householdId);
  if (forUpdate && engineOf(db) === 'postgres') q = q.forUpdate('households');
  return q.executeTakeFirst();
}

/** Members of households with their qualifications, for the eligibility rule. */
export async function householdMembers(db: Kysely<DB>, householdIds: readonly number[]) {
  if (householdIds.length === 0) return [];
  const rows = await db
    .selectFrom('persons')
    .leftJoin('qualifications', 'qualifications.person_id', 'persons.id')
    .select([
      'persons.id as person_id',
      'persons.household_id',
      'persons.name',
      'persons.alive',
      'qualifications.category_code',
      'qualifications.end_date',
    ])
    .where('persons.household_id', 'in', [...householdIds])
    .orderBy('persons.id')
    .execute();
  return rows;
}

/** A plaque's state as one step leaves it (the household, version and timestamps are the repository's). */
export type PlaqueRecord = Omit<HonorPlaqueTable, 'id' | 'household_id' | 'version' | 'created_at' | 'updated_at'>;

export async function insertPlaque(db: Kysely<DB>, householdId: number, r: PlaqueRecord, now: string) {
  const row = await db
    .insertInto('honor_plaques')
    .values({ household_id: householdId, ...r, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates only if the plaque is still at `version`; returns whether it did. */
export async function updatePlaque(db: Kysely<DB>, id: number, version: number, r: PlaqueRecord, now: string) {
  const result = await db
    .updateTable('honor_plaques')
    .set({ ...r, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertPlaqueEvent(db: Kysely<DB>, e: Omit<Selectable<HonorPlaqueEventTable>, 'id'>) {
  await db.insertInto('honor_plaque_events').values(e).execute();
}

export function plaqueEvents(db: Kysely<DB>, plaqueId: number) {
  return db
    .selectFrom('honor_plaque_events')
    .selectAll()
    .where('plaque_id', '=', plaqueId)
    .orderBy('id', 'desc')
    .execute();
}
