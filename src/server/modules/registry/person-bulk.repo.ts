import type { Insertable, Kysely } from 'kysely';
import type { DB, QualificationTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import type { PersonWrite } from './person.repo.ts';
import { scopedPersons } from './registry.repo.ts';
import type { LivingAssessmentTable, PersonVersionTable } from './registry.schema.ts';

/**
 * Set-based reads and writes for bulk imports: many rows per statement, inside the caller's transaction.
 * Chunk sizes keep every statement under both engines' limits on bound parameters (SQLite 32,766, PostgreSQL
 * 65,535).
 */

const lookupChunk = 900;
const personChunk = 500;
const rowChunk = 1000;

/** Registered people by ID-number hash over the whole registry (dedup ignores scope). */
export async function personIdsByIdHashes(db: Kysely<DB>, hashes: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < hashes.length; i += lookupChunk) {
    const rows = await db
      .selectFrom('persons')
      .select(['id', 'id_number_hash'])
      .where('id_number_hash', 'in', hashes.slice(i, i + lookupChunk))
      .execute();
    for (const r of rows) found.set(r.id_number_hash, r.id);
  }
  return found;
}

/** Which of `ids` the actor's scope reaches. */
export async function personIdsInScope(db: Kysely<DB>, actor: Actor, ids: readonly number[]): Promise<Set<number>> {
  const inScope = new Set<number>();
  for (let i = 0; i < ids.length; i += lookupChunk) {
    const rows = await scopedPersons(db, actor)
      .select('persons.id')
      .where('persons.id', 'in', ids.slice(i, i + lookupChunk))
      .execute();
    for (const r of rows) inScope.add(r.id);
  }
  return inScope;
}

/** Inserts new people (version 1); returns their ids by ID-number hash. */
export async function insertPersons(
  db: Kysely<DB>,
  rows: readonly PersonWrite[],
  now: string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += personChunk) {
    const inserted = await db
      .insertInto('persons')
      .values(rows.slice(i, i + personChunk).map((r) => ({ ...r, version: 1, created_at: now, updated_at: now })))
      .returning(['id', 'id_number_hash'])
      .execute();
    for (const r of inserted) ids.set(r.id_number_hash, r.id);
  }
  return ids;
}

async function insertChunked<T extends 'qualifications' | 'person_versions' | 'living_assessments'>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += rowChunk) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + rowChunk) as never)
      .execute();
  }
}

export const insertQualifications = (db: Kysely<DB>, rows: readonly Insertable<QualificationTable>[]) =>
  insertChunked(db, 'qualifications', rows);
export const insertVersions = (db: Kysely<DB>, rows: readonly Insertable<PersonVersionTable>[]) =>
  insertChunked(db, 'person_versions', rows);
export const insertAssessments = (db: Kysely<DB>, rows: readonly Insertable<LivingAssessmentTable>[]) =>
  insertChunked(db, 'living_assessments', rows);
