import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function listForUser(db: Kysely<DB>, userId: number, unreadOnly: boolean, offset: number, limit: number) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const [items, total, unread] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    countUnread(db, userId),
  ]);
  return { items, total: Number(total.n), unread };
}

export async function countUnread(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks read; only the owner's rows are touched, so another user's id simply changes nothing. */
export async function markRead(db: Kysely<DB>, userId: number, ids: number[] | 'all', at: string): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : [-1]);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Users who should hear about something placed at `regionId`: those whose own region contains it
 * (a community's case reaches its community worker, the street staff above and the district office).
 */
export async function findRecipients(
  db: Kysely<DB>,
  target: { roles?: string[]; regionId?: number; unitId?: number; userIds?: number[] },
): Promise<number[]> {
  let q = db.selectFrom('users').select('users.id').where('users.active', '=', 1);
  if (target.userIds) q = q.where('users.id', 'in', target.userIds.length ? target.userIds : [-1]);
  if (target.roles) q = q.where('users.role', 'in', target.roles.length ? target.roles : ['-']);
  if (target.unitId !== undefined) q = q.where('users.unit_id', '=', target.unitId);
  if (target.regionId !== undefined) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', target.regionId).executeTakeFirst();
    const ancestors = region ? region.path.split('/').filter(Boolean).map(Number) : [];
    q = q.where('users.region_id', 'in', ancestors.length ? ancestors : [-1]);
  }
  return (await q.execute()).map((r) => r.id);
}

export async function insertMany(
  db: Kysely<DB>,
  rows: {
    user_id: number;
    kind: string;
    title: string;
    body: string | null;
    link: string | null;
    created_at: string;
  }[],
): Promise<void> {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}
