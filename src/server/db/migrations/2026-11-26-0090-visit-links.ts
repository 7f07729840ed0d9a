import type { Kysely } from 'kysely';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Visit links (issues #4/#5): a need raised during a campaign visit can become a troop request. The request
// remembers which need of the visit it came from (1, 2 …), and (visit_id, visit_need_no) is unique, so a visit
// synced twice from a phone can never open the same request twice. Programme tags on visits and a campaign's
// default tags reuse troop_programme_links (owner_type 'visit' and 'campaign'): no new table.
// 医疗 was seeded as a unit's kind; a family's medical need raised at a visit is one too, so it serves both
// (only if nobody has changed it since).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('troop_requests').addColumn('visit_need_no', 'integer').execute();
  await db.schema
    .createIndex('troop_requests_visit_need')
    .on('troop_requests')
    .columns(['visit_id', 'visit_need_no'])
    .unique()
    .execute();
  await db
    .updateTable('troop_lookups')
    .set({ subject: null })
    .where('list', '=', 'request_kind')
    .where('code', '=', 'medical')
    .where('subject', '=', 'unit')
    .execute();
}
