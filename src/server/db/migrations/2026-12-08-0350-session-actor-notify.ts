import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// PostgreSQL: every change that alters what a session resolves to notifies the channel session_actor, in the
// transaction of the change (delivered at its commit), whatever statement makes it; each app node then drops the
// sessions it keeps in memory (modules/auth/session-cache.ts). Sessions: deleted (logout, expiry, password change)
// or rewritten; users: what a session reads of them (a login's counters and a password hash alone do not
// notify); regions: any change (a user's data scope is the subtree of their region). The touch of a session's
// last_seen_at does not notify: each node checks the idle time against the database before it refuses.

const triggers = [
  ['sessions', 'DELETE OR TRUNCATE OR UPDATE OF id, user_id, csrf_token, created_at, expires_at'],
  [
    'users',
    'DELETE OR TRUNCATE OR UPDATE OF id, username, display_name, role, region_id, unit_id, must_change_password, active',
  ],
  ['regions', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`CREATE FUNCTION session_actor_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN PERFORM pg_notify('session_actor', ''); RETURN NULL; END $fn$`.execute(db);
  for (const [table, events] of triggers) {
    await sql
      .raw(`CREATE TRIGGER session_actor_changed AFTER ${events} ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION session_actor_changed()`)
      .execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  for (const [table] of triggers) await sql.raw(`DROP TRIGGER session_actor_changed ON ${table}`).execute(db);
  await sql`DROP FUNCTION session_actor_changed()`.execute(db);
}
