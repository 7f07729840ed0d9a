import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';

/** The region columns that place a person in a scope: reachable by 户籍 or by residence. */
export const personRegionColumns = ['persons.hukou_region_id', 'persons.residence_region_id'] as const;

export function scopedPersons(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('persons').where(inRegionScope(actor, personRegionColumns));
}

export async function countPersons(db: Kysely<DB>, actor: Actor) {
  const row = await scopedPersons(db, actor)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('persons.alive', '=', 1).then(1).else(0).end()).as('alive'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), alive: Number(row.alive ?? 0) };
}

/** Living people per category (a person with two categories counts once in each). */
export async function countByCategory(db: Kysely<DB>, actor: Actor) {
  return scopedPersons(db, actor)
    .innerJoin('qualifications', 'qualifications.person_id', 'persons.id')
    .where('persons.alive', '=', 1)
    .select((eb) => ['qualifications.category_code as code', eb.fn.count<number>('persons.id').distinct().as('n')])
    .groupBy('qualifications.category_code')
    .execute();
}

/** Living people per residence region (falling back to 户籍), to be rolled up the region tree. */
export async function countByRegion(db: Kysely<DB>, actor: Actor) {
  return scopedPersons(db, actor)
    .where('persons.alive', '=', 1)
    .select((eb) => [
      eb.fn.coalesce('persons.residence_region_id', 'persons.hukou_region_id').as('region_id'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy((eb) => eb.fn.coalesce('persons.residence_region_id', 'persons.hukou_region_id'))
    .execute();
}

export function listCategories(db: Kysely<DB>) {
  return db.selectFrom('categories').selectAll().orderBy('sort').execute();
}
