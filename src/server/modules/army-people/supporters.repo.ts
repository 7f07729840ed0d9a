/**
 * Social forces (社会力量) and the register of models (双拥模范、先进典型). Every read applies its scope.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { HonoreeTable, SupporterTable } from './army-people.schema.ts';
import { scopeByRole } from './army-people.scope.ts';

type Db = Kysely<DB>;

/**
 * Which supporters the actor reaches: admin all; office, leaders and street staff those of their region's
 * subtree; troop and department liaisons the active ones (the directory of pledged support is for them).
 */
export function supporterScope(actor: Actor) {
  return scopeByRole<'supporters'>(actor, inRegionScope(actor, ['supporters.region_id']), (eb) =>
    eb('supporters.active', '=', 1),
  );
}

const supporterBase = (db: Db, actor: Actor) =>
  db
    .selectFrom('supporters')
    .leftJoin('regions', 'regions.id', 'supporters.region_id')
    .select([
      'supporters.id',
      'supporters.kind',
      'supporters.name',
      'supporters.region_id',
      'regions.name as region_name',
      'supporters.contact_name',
      'supporters.contact_phone_enc',
      'supporters.pledge',
      'supporters.benefit',
      'supporters.valid_from',
      'supporters.valid_to',
      'supporters.active',
      'supporters.notes',
    ])
    .where(supporterScope(actor));

export type SupporterRow = Awaited<ReturnType<ReturnType<typeof supporterBase>['execute']>>[number];

export async function listSupporters(
  db: Db,
  actor: Actor,
  f: { kind?: string | undefined; active?: boolean | undefined; q?: string | undefined },
  offset: number,
  limit: number,
) {
  let q = supporterBase(db, actor);
  if (f.kind) q = q.where('supporters.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('supporters.active', '=', f.active ? 1 : 0);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('supporters.name', 'like', like), eb('supporters.pledge', 'like', like)]));
  }
  const [items, total] = await Promise.all([
    q.orderBy('supporters.id', 'desc').offset(offset).limit(limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findSupporter(db: Db, actor: Actor, id: number) {
  return supporterBase(db, actor).where('supporters.id', '=', id).executeTakeFirst();
}

/** Names of supporters by id, whatever the scope: for showing who helps with a request the viewer can see. */
export function supporterNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('supporters')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', [...ids])
    .execute();
}

export type SupporterRecord = Omit<SupporterTable, 'id' | 'created_at' | 'updated_at'>;

export async function insertSupporter(db: Db, row: SupporterRecord, now: string): Promise<number> {
  const r = await db
    .insertInto('supporters')
    .values({ ...row, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSupporter(db: Db, id: number, row: SupporterRecord, now: string): Promise<void> {
  await db
    .updateTable('supporters')
    .set({ ...row, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Which models the actor reaches: admin all; everyone who reads troop or activity work the published ones
 * (the register is for publicity); office, leaders and street staff also the drafts of their region's subtree.
 */
export function honoreeScope(actor: Actor) {
  const published = (eb: ExpressionBuilder<DB, 'honorees'>) => eb('honorees.published', '=', 1);
  return scopeByRole<'honorees'>(
    actor,
    (eb) => eb.or([published(eb), inRegionScope(actor, ['honorees.region_id'])(eb)]),
    published,
  );
}

const honoreeBase = (db: Db, actor: Actor) =>
  db
    .selectFrom('honorees')
    .leftJoin('regions', 'regions.id', 'honorees.region_id')
    .select([
      'honorees.id',
      'honorees.kind',
      'honorees.name',
      'honorees.unit_id',
      'honorees.honour',
      'honorees.level',
      'honorees.year',
      'honorees.story',
      'honorees.region_id',
      'regions.name as region_name',
      'honorees.published',
    ])
    .where(honoreeScope(actor));

export type HonoreeRow = Awaited<ReturnType<ReturnType<typeof honoreeBase>['execute']>>[number];

export async function listHonorees(
  db: Db,
  actor: Actor,
  f: { kind?: string | undefined; level?: string | undefined; year?: number | undefined; q?: string | undefined },
  offset: number,
  limit: number,
) {
  let q = honoreeBase(db, actor);
  if (f.kind) q = q.where('honorees.kind', '=', f.kind);
  if (f.level) q = q.where('honorees.level', '=', f.level);
  if (f.year) q = q.where('honorees.year', '=', f.year);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('honorees.name', 'like', like), eb('honorees.honour', 'like', like)]));
  }
  const [items, total] = await Promise.all([
    q.orderBy('honorees.year', 'desc').orderBy('honorees.id', 'desc').offset(offset).limit(limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findHonoree(db: Db, actor: Actor, id: number) {
  return honoreeBase(db, actor).where('honorees.id', '=', id).executeTakeFirst();
}

export type HonoreeRecord = Omit<HonoreeTable, 'id' | 'created_at' | 'updated_at'>;

export async function insertHonoree(db: Db, row: HonoreeRecord, now: string): Promise<number> {
  const r = await db
    .insertInto('honorees')
    .values({ ...row, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateHonoree(db: Db, id: number, row: HonoreeRecord, now: string): Promise<void> {
  await db
    .updateTable('honorees')
    .set({ ...row, updated_at: now })
    .where('id', '=', id)
    .execute();
}
