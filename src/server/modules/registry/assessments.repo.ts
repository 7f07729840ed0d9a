import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';

/** Living-situation assessments (生活状况评估) of a person. */
export async function insertAssessment(
  db: Kysely<DB>,
  a: {
    personId: number;
    assessedOn: string;
    situations: readonly string[];
    notes: string | null;
    needs: string | null;
    source: string;
    actor: Actor;
    now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('living_assessments')
    .values({
      person_id: a.personId,
      assessed_on: a.assessedOn,
      situations_json: JSON.stringify(a.situations),
      notes: a.notes,
      needs: a.needs,
      source: a.source,
      created_by: a.actor.userId,
      created_by_name: a.actor.displayName,
      created_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function listAssessments(db: Kysely<DB>, personId: number, limit = 50) {
  return db
    .selectFrom('living_assessments')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function latestAssessmentDate(db: Kysely<DB>, personId: number): Promise<string | null> {
  const row = await db
    .selectFrom('living_assessments')
    .select((eb) => eb.fn.max('assessed_on').as('d'))
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? null;
}
