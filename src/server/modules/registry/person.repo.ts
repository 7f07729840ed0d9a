import type { Kysely } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import type { DB, PersonTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { scopedPersons } from './registry.repo.ts';

/** One person's row, read within the scope and written with optimistic versions; the history of versions. */
export type PersonRow = PersonTable & { id: number };

export async function findPerson(db: Kysely<DB>, actor: Actor, id: number): Promise<PersonRow | undefined> {
  return (await scopedPersons(db, actor).selectAll('persons').where('persons.id', '=', id).executeTakeFirst()) as
    | PersonRow
    | undefined;
}

/** The same, locking the row until the transaction ends (PostgreSQL; SQLite serialises writers anyway). */
export async function findPersonForUpdate(db: Kysely<DB>, actor: Actor, id: number): Promise<PersonRow | undefined> {
  let q = scopedPersons(db, actor).selectAll('persons').where('persons.id', '=', id);
  if (engineOf(db) === 'postgres') q = q.forUpdate();
  return (await q.executeTakeFirst()) as PersonRow | undefined;
}

/** Dedup by ID number across the whole registry, whatever the actor's scope. */
export async function personIdByIdHash(db: Kysely<DB>, hash: string): Promise<number | null> {
  const row = await db.selectFrom('persons').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
  return row?.id ?? null;
}

export type PersonWrite = Omit<PersonTable, 'id' | 'version' | 'created_at' | 'updated_at'>;

export async function insertPerson(db: Kysely<DB>, row: PersonWrite, now: string): Promise<number> {
  const inserted = await db
    .insertInto('persons')
    .values({ ...row, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Writes a new version of the row if nobody else has since `expectedVersion`; false when someone had. */
export async function updatePerson(
  db: Kysely<DB>,
  id: number,
  expectedVersion: number,
  row: Partial<PersonWrite>,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('persons')
    .set({ ...row, version: expectedVersion + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(
  db: Kysely<DB>,
  v: {
    personId: number;
    version: number;
    at: string;
    actor: Actor;
    action: string;
    source: string | null;
    changesJson: string;
  },
): Promise<void> {
  await db
    .insertInto('person_versions')
    .values({
      person_id: v.personId,
      version: v.version,
      at: v.at,
      actor_user_id: v.actor.userId,
      actor_name: v.actor.displayName,
      action: v.action,
      source: v.source,
      changes_json: v.changesJson,
    })
    .execute();
}

export function listVersions(db: Kysely<DB>, personId: number) {
  return db
    .selectFrom('person_versions')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('version', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
