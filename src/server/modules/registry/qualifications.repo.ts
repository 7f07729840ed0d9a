import type { Kysely, Selectable } from 'kysely';
import type { DB, QualificationTable } from '../../db/schema.ts';

/** A person's qualifications (优抚身份): read for many people at once, replaced as a whole on save. */
export function listQualifications(db: Kysely<DB>, personIds: readonly number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('qualifications')
    .selectAll()
    .where('person_id', 'in', [...personIds])
    .orderBy('person_id')
    .orderBy('id')
    .execute();
}
export type QualificationRow = Awaited<ReturnType<typeof listQualifications>>[number];

/** A qualification as the person form writes it: a new one has no id yet. */
export type QualificationWrite = Omit<Selectable<QualificationTable>, 'id' | 'person_id' | 'created_at'> & {
  id?: number | undefined;
};

/** Makes the person's qualifications exactly `next`: updates those with an id, inserts the rest, drops others. */
export async function replaceQualifications(
  db: Kysely<DB>,
  personId: number,
  next: readonly QualificationWrite[],
  now: string,
): Promise<void> {
  const keep = next.filter((q) => q.id !== undefined).map((q) => q.id!);
  let del = db.deleteFrom('qualifications').where('person_id', '=', personId);
  if (keep.length > 0) del = del.where('id', 'not in', keep);
  await del.execute();
  for (const q of next) {
    const { id, ...values } = q;
    if (id !== undefined) {
      await db
        .updateTable('qualifications')
        .set(values)
        .where('id', '=', id)
        .where('person_id', '=', personId)
        .execute();
    } else {
      await db
        .insertInto('qualifications')
        .values({ ...values, person_id: personId, created_at: now })
        .execute();
    }
  }
}
