/**
 * Requests opened from campaign visits (走访中发现): looked up by the visit they came from. The caller has
 * already found the visit inside the actor's scope, so these reads take visit ids, not the request scope.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function listRequestsOfVisits(db: Kysely<DB>, visitIds: readonly number[]) {
  return db
    .selectFrom('troop_requests')
    .select([
      'troop_requests.id',
      'troop_requests.visit_id',
      'troop_requests.visit_need_no',
      'troop_requests.kind_code',
      'troop_requests.title',
      'troop_requests.status',
    ])
    .where('troop_requests.source', '=', 'visit')
    .where('troop_requests.visit_id', 'in', visitIds.length ? [...visitIds] : [-1])
    .orderBy('troop_requests.visit_id')
    .orderBy('troop_requests.visit_need_no')
    .execute();
}
