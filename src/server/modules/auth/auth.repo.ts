import { type Kysely, sql } from 'kysely';
import { engineOf, idList, pathWithin } from '../../db/dialect.ts';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countRecentAttempts(db: Kysely<DB>, ip: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>=', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordAttempt(
  db: Kysely<DB>,
  attempt: { ip: string; username: string; success: boolean; at: string },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      ip: attempt.ip,
      username: attempt.username.slice(0, 64),
      success: attempt.success ? 1 : 0,
      at: attempt.at,
    })
    .execute();
}

export async function setFailureState(
  db: Kysely<DB>,
  userId: number,
  failedAttempts: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_attempts: failedAttempts, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export async function markLoggedIn(db: Kysely<DB>, userId: number, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null, last_login_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: number; csrfToken: string; now: string; expiresAt: string; ip: string; userAgent: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
      ip: s.ip,
      user_agent: s.userAgent.slice(0, 300),
    })
    .execute();
}

/**
 * A session with its user and the user's data scope (the region subtree's ids, comma-separated) in ONE query:
 * every API request starts here. Several nodes share the database: on PostgreSQL each node keeps the answer only
 * while it hears every change to it (session-cache.ts); its compiled SQL is kept too (db/prepared.ts).
 */
const sessionStatement = prepared((db, $: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('regions as home', 'home.id', 'users.region_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.role',
      'users.region_id',
      'users.unit_id',
      'users.must_change_password',
      'users.active',
      sql<
        string | null
      >`(select ${idList(engineOf(db), sql.ref('r.id'))} from regions r where ${pathWithin(engineOf(db), sql.ref('r.path'), sql.ref('home.path'))})`.as(
        'subtree',
      ),
    ])
    .where('sessions.id', '=', $.id),
);

export async function findSession(db: Kysely<DB>, id: string) {
  const row = await sessionStatement.first(db, { id });
  if (!row) return undefined;
  const { subtree, ...rest } = row;
  return { ...rest, subtreeIds: subtree ? subtree.split(',').map(Number) : [] };
}

export async function touchSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function updatePassword(db: Kysely<DB>, userId: number, hash: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: 0, password_changed_at: at, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export function findRegionAndUnit(db: Kysely<DB>, regionId: number | null, unitId: number | null) {
  return Promise.all([
    regionId === null
      ? undefined
      : db.selectFrom('regions').select(['id', 'name', 'code']).where('id', '=', regionId).executeTakeFirst(),
    unitId === null
      ? undefined
      : db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst(),
  ]);
}
