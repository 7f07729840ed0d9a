import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { scopedPersons, startsWith } from './registry.repo.ts';

/** Households (户): placed by their region, scoped like everything else; their members as the actor sees them. */
export const householdRegionColumns = ['households.region_id'] as const;

function scopedHouseholds(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('households').where(inRegionScope(actor, householdRegionColumns));
}

export function findHousehold(db: Kysely<DB>, actor: Actor, id: number) {
  return scopedHouseholds(db, actor).selectAll('households').where('households.id', '=', id).executeTakeFirst();
}
export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof findHousehold>>>;

export async function listHouseholds(
  db: Kysely<DB>,
  actor: Actor,
  filter: { namePrefix?: string | undefined; regionIds?: readonly number[] | undefined },
  page: { offset: number; limit: number },
) {
  const base = () => {
    let q = scopedHouseholds(db, actor);
    if (filter.namePrefix) {
      const prefix = filter.namePrefix;
      q = q.where(() => startsWith(db, 'households.name', prefix));
    }
    if (filter.regionIds) {
      const ids = [...filter.regionIds];
      q = ids.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where('households.region_id', 'in', ids);
    }
    return q;
  };
  const [rows, count] = await Promise.all([
    base().selectAll('households').orderBy('households.id', 'desc').offset(page.offset).limit(page.limit).execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Members per household that the actor may see (a member outside the scope is not counted either). */
export async function countMembers(db: Kysely<DB>, actor: Actor, householdIds: readonly number[]) {
  if (householdIds.length === 0) return new Map<number, number>();
  const rows = await scopedPersons(db, actor)
    .select((eb) => ['persons.household_id', eb.fn.countAll<number>().as('n')])
    .where('persons.household_id', 'in', [...householdIds])
    .groupBy('persons.household_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.household_id), Number(r.n)]));
}

export async function insertHousehold(
  db: Kysely<DB>,
  h: { name: string; regionId: number; address: string | null },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('households')
    .values({ name: h.name, region_id: h.regionId, address: h.address, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateHousehold(
  db: Kysely<DB>,
  id: number,
  h: { name: string; regionId: number; address: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('households')
    .set({ name: h.name, region_id: h.regionId, address: h.address, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function listHouseholdMembers(db: Kysely<DB>, actor: Actor, householdId: number) {
  return scopedPersons(db, actor)
    .select([
      'persons.id',
      'persons.name',
      'persons.household_role',
      'persons.sex',
      'persons.birth_date',
      'persons.alive',
    ])
    .where('persons.household_id', '=', householdId)
    .orderBy('persons.id')
    .execute();
}
