/** Honours of a period (工作总结, 创建台账): plaques hung and merit notices delivered, each register's own scope. */

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { meritFiltered } from './merits.repo.ts';
import { plaquesFiltered } from './plaques.repo.ts';

/** Plaques hung (or re-hung) within [from, to] and still hung, in scope. */
function plaquesHungIn(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  return plaquesFiltered(db, actor, today, { status: 'hung' })
    .where('honor_plaques.hung_on', '>=', from)
    .where('honor_plaques.hung_on', '<=', to);
}

/** 立功喜报 delivered to the family within [from, to], in scope. */
function meritsDeliveredIn(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  return meritFiltered(db, actor, today, { state: 'delivered' })
    .where('m.delivered_on', '>=', from)
    .where('m.delivered_on', '<=', to);
}

/** Both figures of a period in one query. */
export async function honourCountsBetween(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  const row = await db
    .selectNoFrom((eb) => [
      plaquesHungIn(db, actor, today, from, to).select(eb.fn.countAll<number>().as('n')).as('plaques'),
      meritsDeliveredIn(db, actor, today, from, to).select(eb.fn.countAll<number>().as('n')).as('merits'),
    ])
    .executeTakeFirstOrThrow();
  return { plaquesHung: Number(row.plaques ?? 0), meritsDelivered: Number(row.merits ?? 0) };
}

/** The records behind those figures, each list one date-filtered query. */
export async function honourRecordsBetween(db: Kysely<DB>, actor: Actor, today: string, from: string, to: string) {
  const [plaques, merits] = await Promise.all([
    plaquesHungIn(db, actor, today, from, to)
      .select(['households.id', 'households.name', 'honor_plaques.hung_on', 'regions.name as region_name'])
      .orderBy('honor_plaques.hung_on')
      .orderBy('households.id')
      .execute(),
    meritsDeliveredIn(db, actor, today, from, to)
      .select(['m.id', 'm.serviceman_name', 'persons.name as family_name', 'm.delivered_on', 'm.ceremony'])
      .orderBy('m.delivered_on')
      .orderBy('m.id')
      .execute(),
  ]);
  return { plaques, merits };
}
