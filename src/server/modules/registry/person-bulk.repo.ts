import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { scopedPersons } from './registry.repo.ts';

/**
 * Set-based reads for bulk imports: many numbers per statement. The chunk size keeps every statement under both
 * engines' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
 */

const lookupChunk = 900;

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
