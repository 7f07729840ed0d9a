import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';

/**
 * 立功喜报 storage. Scope: a merit notice follows the region copied from its family at registration; persons
 * are reached by 户籍 or residence, as in the registry.
 */

const personScope = ['persons.hukou_region_id', 'persons.residence_region_id'] as const;

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

/** Merit notices in scope by state (open, overdue as of `today`, delivered), region, person and date received. */
export function meritFiltered(db: Kysely<DB>, actor: Actor, today: string, f: MeritFilter) {
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
