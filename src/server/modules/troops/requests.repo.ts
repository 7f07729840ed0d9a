/**
 * Troop requests and their steps: the only code that touches Kysely for them, and the place where the request
 * scope is applied: every read takes the actor, so a request outside its scope is simply not found.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { TroopRequestEventTable, TroopRequestTable } from './troops.schema.ts';

type Db = Kysely<DB>;

// ——— scope ———

/**
 * Which requests the actor reaches: admin all; office and leaders their region's subtree; a department
 * liaison those currently assigned to its unit; a troop liaison its own unit's; everyone else none.
 */
export function requestScope(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'troop_requests'>) => {
    switch (actor.role) {
      case 'admin':
        return eb.lit(true);
      case 'office':
      case 'leader':
        return inRegionScope(actor, ['troop_requests.region_id'])(eb);
      case 'department':
        return actor.unitId === null ? eb.lit(false) : eb('troop_requests.department_id', '=', actor.unitId);
      case 'troop':
        return actor.unitId === null ? eb.lit(false) : eb('troop_requests.military_unit_id', '=', actor.unitId);
      default:
        return eb.lit(false);
    }
  };
}

// ——— requests ———

const requestColumns = [
  'troop_requests.id',
  'troop_requests.subject',
  'troop_requests.military_unit_id',
  'troop_requests.region_id',
  'troop_requests.kind_code',
  'troop_requests.title',
  'troop_requests.content',
  'troop_requests.family_name',
  'troop_requests.family_relation',
  'troop_requests.family_phone_enc',
  'troop_requests.person_id',
  'troop_requests.source',
  'troop_requests.visit_id',
  'troop_requests.status',
  'troop_requests.department_id',
  'troop_requests.due_date',
  'troop_requests.assigned_at',
  'troop_requests.resolved_at',
  'troop_requests.rated_at',
  'troop_requests.rating',
  'troop_requests.rating_comment',
  'troop_requests.raised_by_name',
  'troop_requests.version',
  'troop_requests.created_at',
  'troop_requests.updated_at',
] as const;

const requestBase = (db: Db, actor: Actor) =>
  db
    .selectFrom('troop_requests')
    .leftJoin('regions', 'regions.id', 'troop_requests.region_id')
    .select([...requestColumns, 'regions.name as region_name'])
    .where(requestScope(actor));

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestBase>['execute']>>[number];

export interface RequestFilter {
  status?: string | undefined;
  subject?: string | undefined;
  kind?: string | undefined;
  militaryUnitId?: number | undefined;
  departmentId?: number | undefined;
  programmeId?: number | undefined;
  /** true: open and past due on `today`; false: not overdue. */
  overdue?: boolean | undefined;
  q?: string | undefined;
  ids?: readonly number[] | undefined;
  /** Raised (created) at or after / before these instants (a period of Beijing days, resolved by the service). */
  createdFrom?: string | undefined;
  createdBefore?: string | undefined;
  /** Requests placed in these regions (a region's subtree). */
  regionIds?: readonly number[] | undefined;
}

function applyFilter<Q extends ReturnType<typeof requestBase>>(q: Q, f: RequestFilter, today: string): Q {
  let out = q;
  if (f.status) out = out.where('troop_requests.status', '=', f.status) as Q;
  if (f.subject) out = out.where('troop_requests.subject', '=', f.subject) as Q;
  if (f.kind) out = out.where('troop_requests.kind_code', '=', f.kind) as Q;
  if (f.militaryUnitId) out = out.where('troop_requests.military_unit_id', '=', f.militaryUnitId) as Q;
  if (f.departmentId) out = out.where('troop_requests.department_id', '=', f.departmentId) as Q;
  if (f.ids) out = out.where('troop_requests.id', 'in', f.ids.length ? [...f.ids] : [-1]) as Q;
  if (f.createdFrom) out = out.where('troop_requests.created_at', '>=', f.createdFrom) as Q;
  if (f.createdBefore) out = out.where('troop_requests.created_at', '<', f.createdBefore) as Q;
  if (f.regionIds) {
    out = out.where('troop_requests.region_id', 'in', f.regionIds.length ? [...f.regionIds] : [-1]) as Q;
  }
  if (f.programmeId) {
    const programmeId = f.programmeId;
    out = out.where((eb) =>
      eb.exists(
        eb
          .selectFrom('troop_programme_links')
          .select('troop_programme_links.owner_id')
          .where('troop_programme_links.owner_type', '=', 'request')
          .where('troop_programme_links.programme_id', '=', programmeId)
          .whereRef('troop_programme_links.owner_id', '=', 'troop_requests.id'),
      ),
    ) as Q;
  }
  if (f.overdue !== undefined) {
    const overdue = (eb: ExpressionBuilder<DB, 'troop_requests'>) =>
      eb.and([
        eb('troop_requests.status', 'in', ['pending', 'in_progress']),
        eb('troop_requests.due_date', 'is not', null),
        eb('troop_requests.due_date', '<', today),
      ]);
    out = (f.overdue ? out.where(overdue) : out.where((eb) => eb.not(overdue(eb)))) as Q;
  }
  if (f.q) {
    const like = `%${f.q}%`;
    out = out.where((eb) =>
      eb.or([
        eb('troop_requests.title', 'like', like),
        eb('troop_requests.content', 'like', like),
        eb('troop_requests.family_name', 'like', like),
      ]),
    ) as Q;
  }
  return out;
}

export async function listRequests(
  db: Db,
  actor: Actor,
  filter: RequestFilter,
  today: string,
  offset: number,
  limit: number,
) {
  const q = applyFilter(requestBase(db, actor), filter, today);
  const [items, total] = await Promise.all([
    q.orderBy('troop_requests.id', 'desc').offset(offset).limit(limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Every request in scope (for figures); only the columns the figures need. */
/**
 * Turnaround per responsible department in one grouped query (the same rules as domain/troops/turnaround.ts:
 * open = pending or in progress; overdue = open and past the due date on `today`; days from the assignment to
 * the resolution). The service turns the sums into averages.
 */
export async function requestGroups(db: Db, actor: Actor, filter: RequestFilter, today: string) {
  const days =
    engineOf(db) === 'postgres'
      ? sql<number>`extract(epoch from (cast(troop_requests.resolved_at as timestamptz) - cast(troop_requests.assigned_at as timestamptz))) / 86400.0`
      : sql<number>`julianday(troop_requests.resolved_at) - julianday(troop_requests.assigned_at)`;
  const rows = await applyFilter(requestBase(db, actor), filter, today)
    .clearSelect()
    .select((eb) => {
      const open = eb('troop_requests.status', 'in', ['pending', 'in_progress']);
      const resolved = eb.and([
        eb('troop_requests.status', 'in', ['resolved', 'rated']),
        eb('troop_requests.resolved_at', 'is not', null),
      ]);
      const timed = eb.and([resolved, eb('troop_requests.assigned_at', 'is not', null)]);
      const count = (cond: Parameters<typeof eb.case>[0]) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        'troop_requests.department_id as departmentId',
        eb.fn.countAll<number>().as('received'),
        count(resolved).as('resolved'),
        count(open).as('open'),
        count(
          eb.and([open, eb('troop_requests.due_date', 'is not', null), eb('troop_requests.due_date', '<', today)]),
        ).as('overdue'),
        count(timed).as('timed'),
        eb.fn.sum<number>(eb.case().when(timed).then(days).else(0).end()).as('days'),
        eb.fn.count<number>('troop_requests.rating').as('rated'),
        eb.fn.sum<number>(eb.fn.coalesce('troop_requests.rating', eb.lit(0))).as('rating_sum'),
      ];
    })
    .groupBy('troop_requests.department_id')
    .execute();
  return rows.map((r) => ({
    departmentId: r.departmentId,
    received: Number(r.received),
    resolved: Number(r.resolved ?? 0),
    open: Number(r.open ?? 0),
    overdue: Number(r.overdue ?? 0),
    timed: Number(r.timed ?? 0),
    days: Number(r.days ?? 0),
    rated: Number(r.rated ?? 0),
    ratingSum: Number(r.rating_sum ?? 0),
  }));
}

export function listRequestsForStats(db: Db, actor: Actor, filter: RequestFilter = {}) {
  return applyFilter(requestBase(db, actor), filter, '0000-00-00').execute();
}

export function findRequest(db: Db, actor: Actor, id: number) {
  return requestBase(db, actor).where('troop_requests.id', '=', id).executeTakeFirst();
}

export type NewRequest = Omit<TroopRequestTable, 'id' | 'version' | 'overdue_notified_for' | 'visit_need_no'> & {
  visit_need_no?: number | null;
};

export async function insertRequest(db: Db, row: NewRequest): Promise<number> {
  const r = await db
    .insertInto('troop_requests')
    .values({ ...row, version: 1, overdue_notified_for: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Changes a request only if it is still at the version that was read: two people acting on the same request
 * at once cannot both succeed. Returns whether it changed.
 */
export async function updateRequest(
  db: Db,
  id: number,
  version: number,
  changes: Partial<Omit<TroopRequestTable, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('troop_requests')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Db, row: Omit<TroopRequestEventTable, 'id'>): Promise<void> {
  await db.insertInto('troop_request_events').values(row).execute();
}

type EventAuthor = Pick<Actor, 'userId' | 'displayName'>;

/** The first log entry of a new request. */
export function insertCreation(db: Db, requestId: number, comment: string | null, actor: EventAuthor, at: string) {
  return insertEvent(db, {
    request_id: requestId,
    action: 'create',
    from_status: null,
    to_status: 'pending',
    department_id: null,
    due_date: null,
    comment,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    at,
  });
}

/** A log entry that leaves the request as it is (a comment, a linked meeting or supporter, an overdue alert). */
export function insertNote(
  db: Db,
  request: { id: number; status: string; department_id: number | null; due_date: string | null },
  action: string,
  comment: string,
  actor: EventAuthor,
  at: string,
) {
  return insertEvent(db, {
    request_id: request.id,
    action,
    from_status: request.status,
    to_status: request.status,
    department_id: request.department_id,
    due_date: request.due_date,
    comment,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    at,
  });
}

export function listEvents(db: Db, requestId: number) {
  return db.selectFrom('troop_request_events').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

/** Open requests past their due date whose alert for that due date has not gone out (no scope: the sweep). */
export function listOverdueCandidates(db: Db, today: string) {
  return db
    .selectFrom('troop_requests')
    .select([
      'id',
      'title',
      'status',
      'military_unit_id',
      'region_id',
      'department_id',
      'due_date',
      'overdue_notified_for',
    ])
    .where('status', 'in', ['pending', 'in_progress'])
    .where('due_date', 'is not', null)
    .where('due_date', '<', today)
    .where((eb) =>
      eb.or([eb('overdue_notified_for', 'is', null), eb('overdue_notified_for', '!=', eb.ref('due_date'))]),
    )
    .orderBy('id')
    .execute();
}

/** Claims the overdue alert of one request for its due date; false when another node already did. */
export async function claimOverdueAlert(db: Db, id: number, dueDate: string): Promise<boolean> {
  const r = await db
    .updateTable('troop_requests')
    .set({ overdue_notified_for: dueDate })
    .where('id', '=', id)
    .where('due_date', '=', dueDate)
    .where('status', 'in', ['pending', 'in_progress'])
    .where((eb) => eb.or([eb('overdue_notified_for', 'is', null), eb('overdue_notified_for', '!=', dueDate)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The columns every newly raised request starts with, whoever raises it (a unit, the office, a visit). */
export const newRequestState = (actor: Pick<Actor, 'userId' | 'displayName'>, now: string) => ({
  status: 'pending',
  department_id: null,
  due_date: null,
  assigned_at: null,
  resolved_at: null,
  rated_at: null,
  rating: null,
  rating_comment: null,
  raised_by: actor.userId,
  raised_by_name: actor.displayName,
  created_at: now,
  updated_at: now,
});
