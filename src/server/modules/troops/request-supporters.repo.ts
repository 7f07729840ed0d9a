/** Supporters (社会力量) linked to the requests they help with; reads go through the request scope. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { requestScope } from './requests.repo.ts';

type Db = Kysely<DB>;

export function listRequestSupporterLinks(db: Db, requestId: number) {
  return db
    .selectFrom('troop_request_supporters')
    .select(['supporter_id', 'note', 'created_at'])
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}

/** Request ids a supporter is linked to, within the actor's request scope. */
export function listSupporterRequestLinks(db: Db, actor: Actor, supporterId: number) {
  return db
    .selectFrom('troop_request_supporters')
    .innerJoin('troop_requests', 'troop_requests.id', 'troop_request_supporters.request_id')
    .select([
      'troop_requests.id',
      'troop_requests.title',
      'troop_requests.status',
      'troop_requests.military_unit_id',
      'troop_request_supporters.note',
    ])
    .where('troop_request_supporters.supporter_id', '=', supporterId)
    .where(requestScope(actor))
    .orderBy('troop_requests.id', 'desc')
    .execute();
}

/** Linked requests per supporter, counting only those the actor may see. */
export async function countSupporterLinks(
  db: Db,
  actor: Actor,
  supporterIds: readonly number[],
): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  if (supporterIds.length === 0) return map;
  const rows = await db
    .selectFrom('troop_request_supporters')
    .innerJoin('troop_requests', 'troop_requests.id', 'troop_request_supporters.request_id')
    .select(['troop_request_supporters.supporter_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('troop_request_supporters.supporter_id', 'in', [...supporterIds])
    .where(requestScope(actor))
    .groupBy('troop_request_supporters.supporter_id')
    .execute();
  for (const r of rows) map.set(r.supporter_id, Number(r.n));
  return map;
}

export async function linkSupporter(
  db: Db,
  requestId: number,
  supporterId: number,
  note: string | null,
  now: string,
): Promise<boolean> {
  const existing = await db
    .selectFrom('troop_request_supporters')
    .select('request_id')
    .where('request_id', '=', requestId)
    .where('supporter_id', '=', supporterId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('troop_request_supporters')
      .set({ note })
      .where('request_id', '=', requestId)
      .where('supporter_id', '=', supporterId)
      .execute();
    return false;
  }
  await db
    .insertInto('troop_request_supporters')
    .values({ request_id: requestId, supporter_id: supporterId, note, created_at: now })
    .execute();
  return true;
}

export async function unlinkSupporter(db: Db, requestId: number, supporterId: number): Promise<boolean> {
  const r = await db
    .deleteFrom('troop_request_supporters')
    .where('request_id', '=', requestId)
    .where('supporter_id', '=', supporterId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
