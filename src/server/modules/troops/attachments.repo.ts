/** Stored attachments of requests, meetings and activity photos (the file bytes live in platform/files). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TroopAttachmentOwner, TroopAttachmentTable } from './troops.schema.ts';

type Db = Kysely<DB>;

export async function insertAttachment(db: Db, row: Omit<TroopAttachmentTable, 'id'>): Promise<number> {
  const r = await db.insertInto('troop_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function listAttachments(db: Db, owner: TroopAttachmentOwner, ownerId: number) {
  return db
    .selectFrom('troop_attachments')
    .selectAll()
    .where('owner_type', '=', owner)
    .where('owner_id', '=', ownerId)
    .orderBy('id')
    .execute();
}

export async function countAttachments(
  db: Db,
  owner: TroopAttachmentOwner,
  ownerIds: readonly number[],
): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  if (ownerIds.length === 0) return map;
  const rows = await db
    .selectFrom('troop_attachments')
    .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('owner_type', '=', owner)
    .where('owner_id', 'in', [...ownerIds])
    .groupBy('owner_id')
    .execute();
  for (const r of rows) map.set(r.owner_id, Number(r.n));
  return map;
}

export function findAttachment(db: Db, owner: TroopAttachmentOwner, ownerId: number, id: number) {
  return db
    .selectFrom('troop_attachments')
    .selectAll()
    .where('owner_type', '=', owner)
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAttachment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('troop_attachments').where('id', '=', id).execute();
}
