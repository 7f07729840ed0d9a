/**
 * Joint army–people activities and their organisers. Every read applies the activity scope.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { ActivityTable } from './army-people.schema.ts';
import { scopeByRole } from './army-people.scope.ts';

type Db = Kysely<DB>;

/**
 * Which activities the actor reaches: admin all; office, leaders and street staff those held in their
 * region's subtree; a troop or department liaison those its unit organised; everyone else none.
 */
export function activityScope(actor: Actor) {
  const unitId = actor.unitId;
  return scopeByRole<'activities'>(actor, inRegionScope(actor, ['activities.region_id']), (eb) =>
    unitId === null
      ? eb.lit(false)
      : eb.exists(
          eb
            .selectFrom('activity_organisers')
            .select('activity_organisers.unit_id')
            .whereRef('activity_organisers.activity_id', '=', 'activities.id')
            .where('activity_organisers.unit_id', '=', unitId),
        ),
  );
}

const base = (db: Db, actor: Actor) =>
  db
    .selectFrom('activities')
    .leftJoin('regions', 'regions.id', 'activities.region_id')
    .select([
      'activities.id',
      'activities.type_code',
      'activities.title',
      'activities.held_on',
      'activities.end_on',
      'activities.place',
      'activities.region_id',
      'regions.name as region_name',
      'activities.participant_count',
      'activities.participants',
      'activities.spend_cents',
      'activities.summary',
      'activities.created_by_name',
      'activities.created_at',
      'activities.updated_at',
    ])
    .where(activityScope(actor));

export type ActivityRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export interface ActivityFilter {
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  organiserId?: number | undefined;
  programmeId?: number | undefined;
  regionId?: number | undefined;
  q?: string | undefined;
}

function filtered(db: Db, actor: Actor, f: ActivityFilter) {
  let q = base(db, actor);
  // An activity spanning several days is found from any of them.
  if (f.from) {
    const from = f.from;
    q = q.where((eb) => eb(eb.fn.coalesce('activities.end_on', 'activities.held_on'), '>=', from));
  }
  if (f.to) q = q.where('activities.held_on', '<=', f.to);
  if (f.type) q = q.where('activities.type_code', '=', f.type);
  if (f.regionId) q = q.where('activities.region_id', '=', f.regionId);
  if (f.q) q = q.where('activities.title', 'like', `%${f.q}%`);
  if (f.organiserId) {
    const unitId = f.organiserId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activity_organisers')
          .select('activity_organisers.unit_id')
          .whereRef('activity_organisers.activity_id', '=', 'activities.id')
          .where('activity_organisers.unit_id', '=', unitId),
      ),
    );
  }
  if (f.programmeId) {
    const programmeId = f.programmeId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('troop_programme_links')
          .select('troop_programme_links.owner_id')
          .where('troop_programme_links.owner_type', '=', 'activity')
          .where('troop_programme_links.programme_id', '=', programmeId)
          .whereRef('troop_programme_links.owner_id', '=', 'activities.id'),
      ),
    );
  }
  return q;
}

export async function listActivities(db: Db, actor: Actor, f: ActivityFilter, offset: number, limit: number) {
  const q = filtered(db, actor, f);
  const [items, total] = await Promise.all([
    q.orderBy('activities.held_on', 'desc').orderBy('activities.id', 'desc').offset(offset).limit(limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Count, participants and spend per month of `held_on` × type, in one grouped query over the list's own filter. */
export async function activityGroups(db: Db, actor: Actor, f: ActivityFilter) {
  const month = sql<string>`substr(activities.held_on, 1, 7)`;
  const rows = await filtered(db, actor, f)
    .clearSelect()
    .select((eb) => [
      month.as('month'),
      'activities.type_code as type',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('activities.participant_count').as('participants'),
      eb.fn.sum<number>('activities.spend_cents').as('spend'),
    ])
    .groupBy([month, 'activities.type_code'])
    .execute();
  return rows.map((r) => ({
    month: r.month,
    type: r.type,
    count: Number(r.n),
    participants: Number(r.participants ?? 0),
    spendCents: Number(r.spend ?? 0),
  }));
}

/** Every matching activity in scope, oldest first, up to `limit` (exports, calendars, summaries). */
export function listAllActivities(db: Db, actor: Actor, f: ActivityFilter, limit: number) {
  return filtered(db, actor, f).orderBy('activities.held_on').orderBy('activities.id').limit(limit).execute();
}

export function findActivity(db: Db, actor: Actor, id: number) {
  return base(db, actor).where('activities.id', '=', id).executeTakeFirst();
}

export async function organisersFor(db: Db, activityIds: readonly number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (activityIds.length === 0) return map;
  const rows = await db
    .selectFrom('activity_organisers')
    .select(['activity_id', 'unit_id'])
    .where('activity_id', 'in', [...activityIds])
    .orderBy('unit_id')
    .execute();
  for (const r of rows) map.set(r.activity_id, [...(map.get(r.activity_id) ?? []), r.unit_id]);
  return map;
}

export type ActivityRecord = Omit<ActivityTable, 'id' | 'created_at' | 'updated_at' | 'created_by' | 'created_by_name'>;

export async function insertActivity(
  db: Db,
  row: ActivityRecord,
  by: { id: number | null; name: string },
  now: string,
): Promise<number> {
  const r = await db
    .insertInto('activities')
    .values({ ...row, created_by: by.id, created_by_name: by.name, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateActivity(db: Db, id: number, row: ActivityRecord, now: string): Promise<void> {
  await db
    .updateTable('activities')
    .set({ ...row, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteActivity(db: Db, id: number): Promise<void> {
  await db
    .deleteFrom('troop_programme_links')
    .where('owner_type', '=', 'activity')
    .where('owner_id', '=', id)
    .execute();
  await db.deleteFrom('troop_attachments').where('owner_type', '=', 'activity').where('owner_id', '=', id).execute();
  await db.deleteFrom('activities').where('id', '=', id).execute();
}

export async function setOrganisers(db: Db, activityId: number, unitIds: readonly number[]): Promise<void> {
  await db.deleteFrom('activity_organisers').where('activity_id', '=', activityId).execute();
  const unique = [...new Set(unitIds)];
  if (unique.length) {
    await db
      .insertInto('activity_organisers')
      .values(unique.map((unit_id) => ({ activity_id: activityId, unit_id })))
      .execute();
  }
}
