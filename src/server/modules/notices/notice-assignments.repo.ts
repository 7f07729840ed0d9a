/** Assignments of tasks to units: reading within the scope, assigning, acknowledging, reporting, reminding. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type NoticeScope, seesWhole } from './notice-scope.repo.ts';

export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

const assignmentColumns = [
  'notice_assignments.id',
  'notice_assignments.notice_id',
  'notice_assignments.task_id',
  'notice_assignments.unit_id',
  'notice_assignments.deadline',
  'notice_assignments.assigned_at',
  'notice_assignments.acknowledged_at',
  'notice_assignments.acknowledged_by_name',
  'notice_assignments.reported_at',
  'notice_assignments.last_reminded_at',
] as const;

/** Assignments of notices; `units` restricts them to those units (null: all, for an actor who sees the whole). */
export function listAssignments(db: Kysely<DB>, noticeIds: number[], units: readonly number[] | null) {
  let q = db
    .selectFrom('notice_assignments')
    .select(assignmentColumns)
    .where('notice_assignments.notice_id', 'in', noticeIds.length ? noticeIds : [-1]);
  if (units !== null) q = q.where('notice_assignments.unit_id', 'in', units.length ? (units as number[]) : [-1]);
  return q.orderBy('notice_assignments.task_id').orderBy('notice_assignments.id').execute();
}

/** Visible assignments for a list of notices, split by whether the actor sees each notice whole. */
export async function listVisibleAssignments(
  db: Kysely<DB>,
  scope: NoticeScope,
  notices: { id: number; region_id: number | null }[],
) {
  const whole = notices.filter((n) => seesWhole(scope, n)).map((n) => n.id);
  const partial = notices.filter((n) => !seesWhole(scope, n)).map((n) => n.id);
  const [a, b] = await Promise.all([
    whole.length ? listAssignments(db, whole, null) : [],
    partial.length ? listAssignments(db, partial, scope.units) : [],
  ]);
  return [...a, ...b];
}

/** Assignments joined to their notice and task. */
function withNoticeAndTask(db: Kysely<DB>) {
  return db
    .selectFrom('notice_assignments')
    .innerJoin('notices', 'notices.id', 'notice_assignments.notice_id')
    .innerJoin('notice_tasks', 'notice_tasks.id', 'notice_assignments.task_id')
    .select(assignmentColumns);
}

/** One assignment with its notice and task, if the actor reaches it. */
export async function findAssignment(db: Kysely<DB>, scope: NoticeScope, id: number) {
  const row = await withNoticeAndTask(db)
    .select([
      'notices.region_id as notice_region_id',
      'notices.status as notice_status',
      'notices.title as notice_title',
      'notices.created_by as notice_created_by',
      'notice_tasks.no as task_no',
      'notice_tasks.title as task_title',
    ])
    .where('notice_assignments.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const whole = seesWhole(scope, { region_id: row.notice_region_id });
  const own = row.notice_status === 'published' && scope.units.includes(row.unit_id);
  return whole || own ? row : undefined;
}

export async function insertAssignment(
  db: Kysely<DB>,
  a: { noticeId: number; taskId: number; unitId: number; deadline: string; assignedBy: number | null },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('notice_assignments')
    .values({
      notice_id: a.noticeId,
      task_id: a.taskId,
      unit_id: a.unitId,
      deadline: a.deadline,
      assigned_at: now,
      assigned_by: a.assignedBy,
      acknowledged_at: null,
      acknowledged_by: null,
      acknowledged_by_name: null,
      reported_at: null,
      last_reminded_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setDeadline(db: Kysely<DB>, id: number, deadline: string): Promise<void> {
  await db.updateTable('notice_assignments').set({ deadline }).where('id', '=', id).execute();
}

export async function deleteAssignment(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('notice_files').where('assignment_id', '=', id).execute();
  await db.deleteFrom('notice_reports').where('assignment_id', '=', id).execute();
  await db.deleteFrom('notice_assignments').where('id', '=', id).execute();
}

export async function acknowledge(
  db: Kysely<DB>,
  id: number,
  by: { userId: number | null; name: string },
  now: string,
): Promise<void> {
  await db
    .updateTable('notice_assignments')
    .set({ acknowledged_at: now, acknowledged_by: by.userId, acknowledged_by_name: by.name })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();
}

export async function markReported(db: Kysely<DB>, id: number, now: string): Promise<void> {
  await db
    .updateTable('notice_assignments')
    .set({ reported_at: now })
    .where('id', '=', id)
    .where('reported_at', 'is', null)
    .execute();
}

export async function markReminded(db: Kysely<DB>, ids: number[], now: string): Promise<void> {
  if (ids.length)
    await db.updateTable('notice_assignments').set({ last_reminded_at: now }).where('id', 'in', ids).execute();
}

/** Open assignments of the actor's units in published notices, with their notice and task. */
export function listUnitAssignments(db: Kysely<DB>, units: readonly number[]) {
  return withNoticeAndTask(db)
    .select([
      'notices.title as notice_title',
      'notices.doc_number as notice_doc_number',
      'notices.requirements_json as notice_requirements_json',
      'notice_tasks.no as task_no',
      'notice_tasks.title as task_title',
      'notice_tasks.body as task_body',
    ])
    .where('notices.status', '=', 'published')
    .where('notice_assignments.unit_id', 'in', units.length ? (units as number[]) : [-1])
    .orderBy('notice_assignments.deadline')
    .orderBy('notice_assignments.id')
    .execute();
}
