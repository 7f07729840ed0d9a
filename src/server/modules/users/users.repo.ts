import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const base = (db: Kysely<DB>) =>
  db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.region_id',
      'regions.name as region_name',
      'users.unit_id',
      'units.name as unit_name',
      'users.active',
      'users.locked_until',
      'users.must_change_password',
      'users.last_login_at',
    ]);

export type UserRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export async function listUsers(db: Kysely<DB>, q: string | undefined, offset: number, limit: number) {
  let query = base(db);
  if (q)
    query = query.where((eb) =>
      eb.or([eb('users.username', 'like', `%${q}%`), eb('users.display_name', 'like', `%${q}%`)]),
    );
  const [items, total] = await Promise.all([
    query.orderBy('users.id').offset(offset).limit(limit).execute(),
    (() => {
      let c = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
      if (q) c = c.where((eb) => eb.or([eb('username', 'like', `%${q}%`), eb('display_name', 'like', `%${q}%`)]));
      return c.executeTakeFirstOrThrow();
    })(),
  ]);
  return { items, total: Number(total.n) };
}

export function findUser(db: Kysely<DB>, id: number) {
  return base(db).where('users.id', '=', id).executeTakeFirst();
}

export function usernameTaken(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: string;
    regionId: number | null;
    unitId: number | null;
    mustChangePassword: boolean;
  },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      region_id: u.regionId,
      unit_id: u.unitId,
      must_change_password: u.mustChangePassword ? 1 : 0,
      failed_attempts: 0,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  patch: Partial<{
    display_name: string;
    role: string;
    region_id: number | null;
    unit_id: number | null;
    active: number;
    failed_attempts: number;
    locked_until: string | null;
    password_hash: string;
    must_change_password: number;
  }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
