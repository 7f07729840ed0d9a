/** The module's dictionaries (诉求类别、活动类型 …) and programmes (专项活动), and what links to programmes. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ProgrammeOwner, TroopLookupList } from './troops.schema.ts';

type Db = Kysely<DB>;

// ——— dictionaries ———

export function listLookups(db: Db, list?: TroopLookupList) {
  let q = db.selectFrom('troop_lookups').selectAll();
  if (list) q = q.where('list', '=', list);
  return q.orderBy('list').orderBy('sort').orderBy('id').execute();
}

export function findLookup(db: Db, id: number) {
  return db.selectFrom('troop_lookups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLookupByCode(db: Db, list: TroopLookupList, code: string) {
  return db
    .selectFrom('troop_lookups')
    .selectAll()
    .where('list', '=', list)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertLookup(
  db: Db,
  row: { list: TroopLookupList; code: string; name: string; subject: string | null; sort: number },
): Promise<number> {
  const r = await db
    .insertInto('troop_lookups')
    .values({ ...row, active: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateLookup(
  db: Db,
  id: number,
  row: { name: string; subject: string | null; sort?: number | undefined; active: number },
): Promise<void> {
  const { sort, ...rest } = row;
  await db
    .updateTable('troop_lookups')
    .set(sort === undefined ? rest : { ...rest, sort })
    .where('id', '=', id)
    .execute();
}

export async function maxLookupSort(db: Db, list: TroopLookupList): Promise<number> {
  const r = await db
    .selectFrom('troop_lookups')
    .select((eb) => eb.fn.max<number>('sort').as('m'))
    .where('list', '=', list)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

// ——— programmes ———

export function listProgrammes(db: Db) {
  return db.selectFrom('troop_programmes').selectAll().orderBy('sort').orderBy('id').execute();
}

export function findProgramme(db: Db, id: number) {
  return db.selectFrom('troop_programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProgrammeByName(db: Db, name: string) {
  return db.selectFrom('troop_programmes').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertProgramme(
  db: Db,
  row: { name: string; description: string | null; active: number; sort: number },
  now: string,
): Promise<number> {
  const r = await db
    .insertInto('troop_programmes')
    .values({ ...row, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProgramme(
  db: Db,
  id: number,
  row: { name: string; description: string | null; active: number; sort: number },
  now: string,
): Promise<void> {
  await db
    .updateTable('troop_programmes')
    .set({ ...row, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Replaces the programme tags of one record. */
export async function setProgrammeLinks(db: Db, owner: ProgrammeOwner, ownerId: number, ids: readonly number[]) {
  await db
    .deleteFrom('troop_programme_links')
    .where('owner_type', '=', owner)
    .where('owner_id', '=', ownerId)
    .execute();
  const unique = [...new Set(ids)];
  if (unique.length) {
    await db
      .insertInto('troop_programme_links')
      .values(unique.map((programme_id) => ({ programme_id, owner_type: owner, owner_id: ownerId })))
      .execute();
  }
}

/** Programme ids per record, for a page of records. */
export async function programmeIdsFor(
  db: Db,
  owner: ProgrammeOwner,
  ownerIds: readonly number[],
): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (ownerIds.length === 0) return map;
  const rows = await db
    .selectFrom('troop_programme_links')
    .select(['owner_id', 'programme_id'])
    .where('owner_type', '=', owner)
    .where('owner_id', 'in', [...ownerIds])
    .orderBy('programme_id')
    .execute();
  for (const r of rows) map.set(r.owner_id, [...(map.get(r.owner_id) ?? []), r.programme_id]);
  return map;
}

export async function countProgrammeIds(db: Db, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .selectFrom('troop_programmes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', [...new Set(ids)])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
