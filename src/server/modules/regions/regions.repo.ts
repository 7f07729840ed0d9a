import { type Kysely, sql } from 'kysely';
import { engineOf, pathWithin } from '../../db/dialect.ts';
import type { DB, RegionLevel } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { regionScope } from '../../platform/access.ts';

const columns = ['id', 'code', 'name', 'level', 'parent_id', 'path', 'sort'] as const;

/** The actor's subtree and the chain of ancestors above it (so a tree can be drawn from the root). */
export async function listVisibleRegions(db: Kysely<DB>, actor: Actor) {
  const scope = regionScope(actor);
  if (scope === 'all') return db.selectFrom('regions').select(columns).orderBy('path').execute();
  if (scope.length === 0 || actor.regionId === null) return [];
  const own = await db.selectFrom('regions').select('path').where('id', '=', actor.regionId).executeTakeFirst();
  if (!own) return [];
  const ancestorIds = own.path.split('/').filter(Boolean).map(Number);
  return db
    .selectFrom('regions')
    .select(columns)
    .where((eb) => eb.or([pathWithin(engineOf(db), sql.ref('path'), sql.val(own.path)), eb('id', 'in', ancestorIds)]))
    .orderBy('path')
    .execute();
}

export function findRegionById(db: Kysely<DB>, id: number) {
  return db.selectFrom('regions').select(columns).where('id', '=', id).executeTakeFirst();
}

export function findRegionByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').select(columns).where('code', '=', code).executeTakeFirst();
}

/** Inserts a region under its parent and sets its materialised path. */
export async function insertRegion(
  db: Kysely<DB>,
  r: { code: string; name: string; level: RegionLevel; parentId: number | null; sort?: number },
): Promise<number> {
  const parent = r.parentId === null ? undefined : await findRegionById(db, r.parentId);
  const inserted = await db
    .insertInto('regions')
    .values({ code: r.code, name: r.name, level: r.level, parent_id: r.parentId, path: '', sort: r.sort ?? 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('regions')
    .set({ path: `${parent?.path ?? '/'}${inserted.id}/` })
    .where('id', '=', inserted.id)
    .execute();
  return inserted.id;
}

export function listAllRegions(db: Kysely<DB>) {
  return db.selectFrom('regions').select(columns).orderBy('path').execute();
}

/** Ids of a region and every region below it (materialised path): a list's 区域 filter. */
export async function regionSubtreeIds(db: Kysely<DB>, regionId: number): Promise<number[]> {
  const root = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!root) return [];
  const rows = await db
    .selectFrom('regions')
    .select('id')
    .where(pathWithin(engineOf(db), sql.ref('path'), sql.val(root.path)))
    .execute();
  return rows.map((r) => r.id);
}
