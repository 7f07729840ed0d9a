import type { Kysely } from 'kysely';
import { categoryDictionary } from '../../../shared/domain/categories.ts';
import type { DB } from '../../db/schema.ts';

/** Adds dictionary categories that the table lacks; never overwrites what an office has edited. */
export async function seedCategories(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('categories')
    .values(
      categoryDictionary.map((c, i) => ({
        code: c.code,
        name: c.name,
        group_name: c.group,
        aliases_json: JSON.stringify(c.aliases),
        periodic: c.periodic ? 1 : 0,
        sort: i,
        active: 1,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
