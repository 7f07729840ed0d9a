import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Deployment-wide settings (e.g. the UI's default script) as key/value rows. */
export async function getSetting(db: Kysely<DB>, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** The district this deployment serves (its code), which decides what counts as 本区户籍 and the top region. */
export function deploymentRegionCode(db: Kysely<DB>): Promise<string | null> {
  return getSetting(db, 'deployment.regionCode');
}

export async function putSetting(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
