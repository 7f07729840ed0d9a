import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';

/** Annual confirmations (年度确认) and the categories they apply to. */
export function listConfirmations(db: Kysely<DB>, personIds: readonly number[], year?: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('annual_confirmations')
    .selectAll()
    .where('person_id', 'in', [...personIds]);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').execute();
}
export type ConfirmationRow = Awaited<ReturnType<typeof listConfirmations>>[number];

export async function upsertConfirmation(
  db: Kysely<DB>,
  c: {
    personId: number;
    year: number;
    result: string;
    method: string | null;
    confirmedOn: string;
    notes: string | null;
    actor: Actor;
    now: string;
  },
): Promise<void> {
  const values = {
    result: c.result,
    method: c.method,
    confirmed_on: c.confirmedOn,
    notes: c.notes,
    confirmed_by: c.actor.userId,
    confirmed_by_name: c.actor.displayName,
    updated_at: c.now,
  };
  await db
    .insertInto('annual_confirmations')
    .values({ ...values, person_id: c.personId, year: c.year, created_at: c.now })
    .onConflict((oc) => oc.columns(['person_id', 'year']).doUpdateSet(values))
    .execute();
}

/** Ids of the categories on periodic payments (年度确认 applies to their holders). */
export async function periodicCategoryCodes(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('categories').select('code').where('periodic', '=', 1).execute();
  return rows.map((r) => r.code);
}
