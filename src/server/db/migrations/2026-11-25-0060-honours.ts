import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Honours (DESIGN.md §3 E): 光荣牌 per household with its lifecycle events, and the 立功喜报 register.
// Eligibility for a plaque is computed from the registry; a household gets a row here when its plaque is hung.
// Portable types only: ISO text dates, integer 分, JSON text.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  await withId(db.schema.createTable('honor_plaques'), engine)
    .addColumn('household_id', 'integer', (c) => c.notNull().unique().references('households.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('hung_on', 'text')
    .addColumn('hung_by', 'text')
    .addColumn('family_signer', 'text')
    .addColumn('last_action', 'text', (c) => c.notNull())
    .addColumn('last_action_on', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('honor_plaque_events'), engine)
    .addColumn('plaque_id', 'integer', (c) => c.notNull().references('honor_plaques.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('performed_by', 'text')
    .addColumn('family_signer', 'text')
    .addColumn('signature', 'text')
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'integer')
    .addColumn('recorded_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honor_plaque_events_plaque').on('honor_plaque_events').column('plaque_id').execute();

  await withId(db.schema.createTable('honor_merit_notices'), engine)
    .addColumn('award', 'text', (c) => c.notNull())
    .addColumn('honorary_title', 'text')
    .addColumn('awarded_on', 'text')
    .addColumn('serviceman_name', 'text', (c) => c.notNull())
    .addColumn('military_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('citation', 'text')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('relation', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delivered_on', 'text')
    .addColumn('delivered_by', 'text')
    .addColumn('ceremony', 'text')
    .addColumn('reward_cents', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('honor_merit_notices_region_status')
    .on('honor_merit_notices')
    .columns(['region_id', 'status', 'due_on'])
    .execute();
  await db.schema.createIndex('honor_merit_notices_person').on('honor_merit_notices').column('person_id').execute();
}
