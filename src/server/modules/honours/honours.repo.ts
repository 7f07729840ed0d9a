import type { Kysely, Selectable } from 'kysely';
import { categoryDictionary } from '../../../shared/domain/categories.ts';
import { plaqueReasonOf } from '../../../shared/domain/honours/honours.ts';
import { engineOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { HonorPlaqueEventTable } from './honours.schema.ts';

/**
 * 光荣牌 and 立功喜报 storage. Scope: a plaque follows its household's region, a merit notice the region copied
 * from its family at registration; persons are reached by 户籍 or residence, as in the registry.
 */

const householdScope = ['households.region_id'] as const;
const personScope = ['persons.hukou_region_id', 'persons.residence_region_id'] as const;

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

function filtered(db: Kysely<DB>, actor: Actor, today: string, f: PlaqueFilter) {
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
    filtered(db, actor, today, f)
      .select(plaqueColumns)
      .orderBy('households.region_id')
      .orderBy('households.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, actor, today, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countPlaques(db: Kysely<DB>, actor: Actor, today: string, regionIds?: readonly number[]) {
  const count = async (f: PlaqueFilter) =>
    Number(
      (
        await filtered(db, actor, today, { ...f, regionIds })
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

export type PlaqueRecord = {
  status: string;
  reasons_json: string;
  hung_on: string | null;
  hung_by: string | null;
  family_signer: string | null;
  last_action: string;
  last_action_on: string;
};

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

// ——— 立功喜报 ———

/** A person in scope with the region a notice for them belongs to (household's, else residence, else 户籍). */
export function findFamilyPerson(db: Kysely<DB>, actor: Actor, personId: number) {
  return db
    .selectFrom('persons')
    .leftJoin('households', 'households.id', 'persons.household_id')
    .select(['persons.id', 'persons.name', 'persons.household_id', 'households.region_id as household_region_id'])
    .select(['persons.residence_region_id', 'persons.hukou_region_id'])
    .where(inRegionScope(actor, personScope))
    .where('persons.id', '=', personId)
    .executeTakeFirst();
}

export function findMilitaryUnit(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'designation_enc'])
    .where('id', '=', id)
    .where('kind', '=', 'military')
    .executeTakeFirst();
}

export interface MeritFilter {
  state?: 'open' | 'overdue' | 'delivered' | undefined;
  /** Received (登记) on or after / on or before these dates. */
  from?: string | undefined;
  to?: string | undefined;
  regionIds?: readonly number[] | undefined;
  personId?: number | undefined;
}

function meritBase(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('honor_merit_notices as m')
    .innerJoin('persons', 'persons.id', 'm.person_id')
    .leftJoin('regions', 'regions.id', 'm.region_id')
    .leftJoin('units', 'units.id', 'm.military_unit_id')
    .where(inRegionScope(actor, ['m.region_id']));
}

function meritFiltered(db: Kysely<DB>, actor: Actor, today: string, f: MeritFilter) {
  let q = meritBase(db, actor);
  if (f.state === 'open') q = q.where('m.status', '=', 'pending');
  if (f.state === 'overdue') q = q.where('m.status', '=', 'pending').where('m.due_on', '<', today);
  if (f.state === 'delivered') q = q.where('m.status', '=', 'delivered');
  if (f.regionIds) q = q.where('m.region_id', 'in', f.regionIds.length ? [...f.regionIds] : [-1]);
  if (f.personId !== undefined) q = q.where('m.person_id', '=', f.personId);
  if (f.from !== undefined) q = q.where('m.received_on', '>=', f.from);
  if (f.to !== undefined) q = q.where('m.received_on', '<=', f.to);
  return q;
}

const meritColumns = [
  'm.id',
  'm.award',
  'm.honorary_title',
  'm.awarded_on',
  'm.serviceman_name',
  'm.military_unit_id',
  'units.name as unit_name',
  'units.designation_enc',
  'm.citation',
  'm.person_id',
  'persons.name as person_name',
  'm.relation',
  'm.household_id',
  'm.region_id',
  'regions.name as region_name',
  'm.received_on',
  'm.due_on',
  'm.status',
  'm.delivered_on',
  'm.delivered_by',
  'm.ceremony',
  'm.reward_cents',
  'm.version',
  'm.created_by_name',
] as const;

export async function listMerits(
  db: Kysely<DB>,
  actor: Actor,
  today: string,
  f: MeritFilter,
  page: { offset: number; limit: number },
) {
  const [rows, total] = await Promise.all([
    meritFiltered(db, actor, today, f)
      .select(meritColumns)
      .orderBy('m.status', 'desc')
      .orderBy('m.due_on')
      .orderBy('m.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    meritFiltered(db, actor, today, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countMerits(db: Kysely<DB>, actor: Actor, today: string, f: MeritFilter) {
  const count = async (state: MeritFilter['state']) =>
    Number(
      (
        await meritFiltered(db, actor, today, { ...f, state })
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [open, overdue, delivered] = await Promise.all([count('open'), count('overdue'), count('delivered')]);
  return { open, overdue, delivered };
}

/** Merit figures per region for notices received in the filter's period: received, delivered (on time), open, overdue. */
export async function meritGroups(db: Kysely<DB>, actor: Actor, today: string, f: MeritFilter) {
  const rows = await meritFiltered(db, actor, today, f)
    .select((eb) => {
      const when = (cond: Parameters<typeof eb.case>[0]) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        'm.region_id as regionId',
        eb.fn.countAll<number>().as('received'),
        when(eb('m.status', '=', 'delivered')).as('delivered'),
        when(eb.and([eb('m.status', '=', 'delivered'), eb('m.delivered_on', '<=', eb.ref('m.due_on'))])).as('on_time'),
        when(eb('m.status', '=', 'pending')).as('open'),
        when(eb.and([eb('m.status', '=', 'pending'), eb('m.due_on', '<', today)])).as('overdue'),
      ];
    })
    .groupBy('m.region_id')
    .execute();
  return rows.map((r) => ({
    regionId: r.regionId,
    received: Number(r.received),
    delivered: Number(r.delivered ?? 0),
    onTime: Number(r.on_time ?? 0),
    open: Number(r.open ?? 0),
    overdue: Number(r.overdue ?? 0),
  }));
}

export type MeritRow = Awaited<ReturnType<typeof listMerits>>['rows'][number];

export function findMerit(db: Kysely<DB>, actor: Actor, id: number) {
  return meritFiltered(db, actor, '', {}).select(meritColumns).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMerit(
  db: Kysely<DB>,
  m: Omit<DB['honor_merit_notices'], 'id' | 'version' | 'updated_at'> & { created_at: string },
) {
  const row = await db
    .insertInto('honor_merit_notices')
    .values({ ...m, version: 1, updated_at: m.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the delivery if the notice is still pending; returns whether it did. */
export async function deliverMerit(
  db: Kysely<DB>,
  id: number,
  d: { delivered_on: string; delivered_by: string; ceremony: string | null; reward_cents: number },
  now: string,
) {
  const result = await db
    .updateTable('honor_merit_notices')
    .set((eb) => ({ ...d, status: 'delivered', version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A region and every region below it (materialised path). */
export async function regionSubtreeIds(db: Kysely<DB>, regionId: number): Promise<number[]> {
  const own = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!own) return [];
  const rows = await db.selectFrom('regions').select('id').where('path', 'like', `${own.path}%`).execute();
  return rows.map((r) => r.id);
}

// ——— honours of a period (工作总结, 创建台账) ———

/** Plaques hung (or re-hung) within [from, to] and still hung, in scope. */
function plaquesHungIn(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  return filtered(db, actor, today, { status: 'hung' })
    .where('honor_plaques.hung_on', '>=', from)
    .where('honor_plaques.hung_on', '<=', to);
}

/** 立功喜报 delivered to the family within [from, to], in scope. */
function meritsDeliveredIn(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  return meritFiltered(db, actor, today, { state: 'delivered' })
    .where('m.delivered_on', '>=', from)
    .where('m.delivered_on', '<=', to);
}

/** Both figures of a period in one query. */
export async function honourCountsBetween(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  const row = await db
    .selectNoFrom((eb) => [
      plaquesHungIn(db, actor, today, from, to).select(eb.fn.countAll<number>().as('n')).as('plaques'),
      meritsDeliveredIn(db, actor, today, from, to).select(eb.fn.countAll<number>().as('n')).as('merits'),
    ])
    .executeTakeFirstOrThrow();
  return { plaquesHung: Number(row.plaques ?? 0), meritsDelivered: Number(row.merits ?? 0) };
}

/** The records behind those figures, each list one date-filtered query. */
export async function honourRecordsBetween(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  const [plaques, merits] = await Promise.all([
    plaquesHungIn(db, actor, today, from, to)
      .select(['households.id', 'households.name', 'honor_plaques.hung_on', 'regions.name as region_name'])
      .orderBy('honor_plaques.hung_on')
      .orderBy('households.id')
      .execute(),
    meritsDeliveredIn(db, actor, today, from, to)
      .select(['m.id', 'm.serviceman_name', 'persons.name as family_name', 'm.delivered_on', 'm.ceremony'])
      .orderBy('m.delivered_on')
      .orderBy('m.id')
      .execute(),
  ]);
  return { plaques, merits };
}
