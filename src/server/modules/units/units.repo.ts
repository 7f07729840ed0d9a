import type { Kysely } from 'kysely';
import type { DB, UnitKind } from '../../db/schema.ts';

export interface UnitRecord {
  kind: UnitKind;
  name: string;
  region_id: number | null;
  designation_enc: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  address: string | null;
  active: number;
}

const base = (db: Kysely<DB>) =>
  db
    .selectFrom('units')
    .leftJoin('regions', 'regions.id', 'units.region_id')
    .select([
      'units.id',
      'units.kind',
      'units.name',
      'units.region_id',
      'regions.name as region_name',
      'units.designation_enc',
      'units.contact_name',
      'units.contact_phone_enc',
      'units.address',
      'units.active',
    ]);

export type UnitRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export function listUnits(db: Kysely<DB>, filter: { kind?: UnitKind | undefined; onlyId?: number | undefined }) {
  let q = base(db);
  if (filter.kind) q = q.where('units.kind', '=', filter.kind);
  if (filter.onlyId !== undefined) q = q.where('units.id', '=', filter.onlyId);
  return q.orderBy('units.kind').orderBy('units.id').execute();
}

export function findUnit(db: Kysely<DB>, id: number) {
  return base(db).where('units.id', '=', id).executeTakeFirst();
}

export async function insertUnit(db: Kysely<DB>, u: UnitRecord, now: string): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({ ...u, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUnit(db: Kysely<DB>, id: number, u: UnitRecord, now: string): Promise<void> {
  await db
    .updateTable('units')
    .set({ ...u, updated_at: now })
    .where('id', '=', id)
    .execute();
}
