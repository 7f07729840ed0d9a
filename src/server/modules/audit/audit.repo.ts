import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  entityType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listAudit(db: Kysely<DB>, f: AuditFilter, offset: number, limit: number) {
  let q = db.selectFrom('audit_log');
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor_name', 'like', `%${f.actor}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.from) q = q.where('at', '>=', f.from);
  // `to` is a whole day: everything before the next midnight.
  if (f.to) q = q.where('at', '<', `${f.to}T99`);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
