import type { Insertable, Kysely, Selectable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope, inScope, regionScope } from '../../platform/access.ts';
import type { CampaignTaskTable, CampaignTaskTypeTable } from './tasks.schema.ts';

/** Campaign task types and tasks. A task follows the street/community it is placed in, like a roster entry. */

export type TaskTypeRow = Selectable<CampaignTaskTypeTable>;
export type TaskRow = Selectable<CampaignTaskTable>;
export type TaskInsert = Insertable<CampaignTaskTable>;

const taskScope = ['campaign_tasks.street_id', 'campaign_tasks.community_id'];

export function listTaskTypes(db: Kysely<DB>, campaignId: number): Promise<TaskTypeRow[]> {
  return db
    .selectFrom('campaign_task_types')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function insertTaskType(db: Kysely<DB>, row: Insertable<CampaignTaskTypeTable>): Promise<number> {
  return (await db.insertInto('campaign_task_types').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTaskType(
  db: Kysely<DB>,
  id: number,
  patch: Partial<Pick<TaskTypeRow, 'name' | 'plaque_actions_json' | 'sort' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('campaign_task_types').set(patch).where('id', '=', id).execute();
}

export async function deleteTaskType(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('campaign_tasks').where('task_type_id', '=', id).execute();
  await db.deleteFrom('campaign_task_types').where('id', '=', id).execute();
}

/** Tasks of a type already done (anywhere): a type with done work is not deleted. */
export async function doneCount(db: Kysely<DB>, taskTypeId: number): Promise<number> {
  const row = await db
    .selectFrom('campaign_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_type_id', '=', taskTypeId)
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts the tasks not planned yet (one per type and target); returns how many were new. */
export async function insertMissingTasks(db: Kysely<DB>, rows: readonly TaskInsert[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await db
      .insertInto('campaign_tasks')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['task_type_id', 'target_key']).doNothing())
      .returning('id')
      .execute();
    created += inserted.length;
  }
  return created;
}

/** Planned and done per type × street × community, within the actor's scope. */
export async function taskGroups(db: Kysely<DB>, actor: Actor, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_tasks')
    .select((eb) => [
      'task_type_id',
      'street_id',
      'community_id',
      eb.fn.countAll<number>().as('planned'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done'),
    ])
    .where('campaign_id', '=', campaignId)
    .where(inRegionScope(actor, taskScope))
    .groupBy(['task_type_id', 'street_id', 'community_id'])
    .execute();
  return rows.map((r) => ({
    taskTypeId: r.task_type_id,
    streetId: r.street_id,
    communityId: r.community_id,
    planned: Number(r.planned),
    done: Number(r.done ?? 0),
  }));
}

export interface TaskFilter {
  taskTypeId?: number | undefined;
  status?: 'pending' | 'done' | undefined;
  streetId?: number | undefined;
  communityId?: number | undefined;
  /** The visitor the task falls to: its own assignee, else its roster entry's. */
  assignedUserId?: number | undefined;
}

/** Tasks in the actor's scope with their visitor: assigned on their own, else following their roster entry. */
function withVisitor(db: Kysely<DB>, scope: readonly number[] | 'all', campaignIds: readonly number[]) {
  return db
    .selectFrom('campaign_tasks')
    .leftJoin('campaign_roster_entries as entry', 'entry.id', 'campaign_tasks.entry_id')
    .leftJoin('users as visitor', (j) =>
      j.on((eb) => eb('visitor.id', '=', eb.fn.coalesce('campaign_tasks.assigned_user_id', 'entry.assigned_user_id'))),
    )
    .where('campaign_tasks.campaign_id', 'in', campaignIds.length ? [...campaignIds] : [-1])
    .where(inScope(scope, taskScope));
}

export type VisitorTaskRow = TaskRow & { visitor_id: number | null; visitor_name: string | null };

function visitorColumns(q: ReturnType<typeof withVisitor>) {
  return q.selectAll('campaign_tasks').select(['visitor.id as visitor_id', 'visitor.display_name as visitor_name']);
}

function filtered(db: Kysely<DB>, actor: Actor, campaignId: number, f: TaskFilter) {
  let q = withVisitor(db, regionScope(actor), [campaignId]);
  if (f.taskTypeId !== undefined) q = q.where('campaign_tasks.task_type_id', '=', f.taskTypeId);
  if (f.status !== undefined) q = q.where('campaign_tasks.status', '=', f.status);
  if (f.streetId !== undefined) q = q.where('campaign_tasks.street_id', '=', f.streetId);
  if (f.communityId !== undefined) q = q.where('campaign_tasks.community_id', '=', f.communityId);
  if (f.assignedUserId !== undefined) q = q.where('visitor.id', '=', f.assignedUserId);
  return q;
}

export async function pageTasks(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: number,
  f: TaskFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: VisitorTaskRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    visitorColumns(filtered(db, actor, campaignId, f))
      .orderBy('campaign_tasks.street_id')
      .orderBy('campaign_tasks.community_id')
      .orderBy('campaign_tasks.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, actor, campaignId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The tasks of one family: its roster entry, its household, or its person (a 喜报 family). */
export function familyTasks(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: number,
  family: { entryId: number; householdId: number | null; personId: number },
): Promise<VisitorTaskRow[]> {
  return visitorColumns(withVisitor(db, regionScope(actor), [campaignId]))
    .where((eb) =>
      eb.or([
        eb('campaign_tasks.entry_id', '=', family.entryId),
        eb('campaign_tasks.person_id', '=', family.personId),
        ...(family.householdId === null ? [] : [eb('campaign_tasks.household_id', '=', family.householdId)]),
      ]),
    )
    .orderBy('campaign_tasks.task_type_id')
    .orderBy('campaign_tasks.id')
    .execute();
}

/**
 * The phone list's tasks that the visit form does not show: `mine` = tasks falling to the user except those of a
 * roster entry assigned to the user (done on that family's visit form), that is tasks assigned to the user on
 * their own whose entry is not the user's (written so, the assignee index finds them); `region` = tasks with no
 * roster entry. With the names the list shows (type, street, community). Prepared, as the phone list's entries
 * (visits.repo.ts): an empty list argument leaves its filter out.
 */
const phoneTaskRows = prepared(
  (
    db,
    $: {
      campaignIds: readonly number[];
      scope: readonly number[];
      mine: readonly number[];
      status: readonly string[];
      subject: readonly string[];
    },
    form: 'all' | 'ids' | undefined,
  ) => {
    let q = visitorColumns(withVisitor(db, form === 'all' ? 'all' : $.scope, $.campaignIds))
      .innerJoin('campaign_task_types as type', 'type.id', 'campaign_tasks.task_type_id')
      .leftJoin('regions as street', 'street.id', 'campaign_tasks.street_id')
      .leftJoin('regions as community', 'community.id', 'campaign_tasks.community_id')
      .select(['type.name as type_name', 'street.name as street_name', 'community.name as community_name']);
    const [mine] = $.mine;
    const [status] = $.status;
    const [subject] = $.subject;
    if (mine === undefined) q = q.where('campaign_tasks.entry_id', 'is', null);
    else
      q = q
        .where('campaign_tasks.assigned_user_id', '=', mine)
        .where((eb) => eb.or([eb('entry.assigned_user_id', 'is', null), eb('entry.assigned_user_id', '<>', mine)]));
    if (status !== undefined) q = q.where('campaign_tasks.status', '=', status);
    if (subject !== undefined) q = q.where('campaign_tasks.subject_name', 'like', subject);
    return q
      .orderBy('campaign_tasks.campaign_id')
      .orderBy('campaign_tasks.community_id')
      .orderBy('campaign_tasks.id')
      .limit(500);
  },
);

export function phoneTasks(
  db: Kysely<DB>,
  actor: Actor,
  f: { campaignIds: readonly number[]; mine: number | null; status: 'pending' | 'done' | undefined; q?: string },
) {
  const scope = regionScope(actor);
  return phoneTaskRows.rows(
    db,
    {
      campaignIds: f.campaignIds.length ? f.campaignIds : [-1],
      scope: scope === 'all' ? [] : scope,
      mine: f.mine === null ? [] : [f.mine],
      status: f.status === undefined ? [] : [f.status],
      subject: f.q ? [`%${f.q}%`] : [],
    },
    scope === 'all' ? 'all' : 'ids',
  );
}

/** Gives tasks their own assignee (null: back to following the roster entry, or to nobody). */
export async function setAssignee(db: Kysely<DB>, ids: readonly number[], userId: number | null, now: string) {
  await db
    .updateTable('campaign_tasks')
    .set({ assigned_user_id: userId, assigned_at: userId === null ? null : now, updated_at: now })
    .where('id', 'in', ids.length ? [...ids] : [-1])
    .execute();
}

export function findTasks(db: Kysely<DB>, actor: Actor, campaignId: number, ids: readonly number[]) {
  return db
    .selectFrom('campaign_tasks')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('id', 'in', ids.length ? [...ids] : [-1])
    .where(inRegionScope(actor, taskScope))
    .orderBy('id')
    .execute();
}

/** Marks a task done if it is still pending; returns whether this call did it (of two, one wins). */
export async function markDone(
  db: Kysely<DB>,
  id: number,
  d: {
    done_on: string;
    done_by: number | null;
    done_by_name: string;
    done_client_key: string;
    visit_id: number | null;
  },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('campaign_tasks')
    .set({ ...d, status: 'done', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active roster entries, one per household (or per person without one), for per-family tasks. */
export function rosterFamilies(db: Kysely<DB>, campaignId: number) {
  return db
    .selectFrom('campaign_roster_entries')
    .select(['id', 'person_id', 'household_id', 'person_name', 'street_id', 'community_id'])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'active')
    .orderBy('id')
    .execute();
}

/** A roster entry's family for the visit form. */
export function entryFamily(db: Kysely<DB>, campaignId: number, entryId: number) {
  return db
    .selectFrom('campaign_roster_entries')
    .select(['id', 'person_id', 'household_id', 'street_id', 'community_id'])
    .where('campaign_id', '=', campaignId)
    .where('id', '=', entryId)
    .executeTakeFirst();
}
