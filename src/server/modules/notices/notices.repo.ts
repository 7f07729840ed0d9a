/**
 * Notices, tasks, assignments, reports and files. The only code of the module that touches Kysely, and the
 * place where the notice scope is applied (see `NoticeScope`): every read takes the scope, so a record outside
 * it is simply not found.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB, NoticeTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';

// ------------------------------------------------------------------------------------------------------------
// scope

/**
 * What an actor reaches of notices:
 * - `whole`: notices owned by these regions, with every task and assignment (admin: all; office and leaders:
 *   their region's subtree; everyone else: none);
 * - `units`: the units the actor acts for; published notices' tasks assigned to them, and only those tasks
 *   (a department or troop liaison: its own unit; street staff: their own unit and their street's office;
 *   community staff: their street's office).
 */
export interface NoticeScope {
  whole: readonly number[] | 'all';
  units: readonly number[];
}

const wholeNoticeRoles = new Set(['admin', 'office', 'leader']);

/** Units the actor acts for (or, for community staff, reads with): resolved once per request. */
export async function scopeOf(db: Kysely<DB>, actor: Actor): Promise<NoticeScope> {
  const whole: readonly number[] | 'all' =
    actor.role === 'admin' ? 'all' : wholeNoticeRoles.has(actor.role) ? actor.regionIds : [];
  const units = new Set<number>();
  if (actor.unitId !== null && actor.role !== 'auditor' && actor.role !== 'leader') units.add(actor.unitId);
  if ((actor.role === 'street' || actor.role === 'community') && actor.regionId !== null) {
    let streetRegion: number | null = actor.regionId;
    if (actor.role === 'community') {
      const region = await db
        .selectFrom('regions')
        .select('parent_id')
        .where('id', '=', actor.regionId)
        .executeTakeFirst();
      streetRegion = region?.parent_id ?? null;
    }
    if (streetRegion !== null) {
      const rows = await db
        .selectFrom('units')
        .select('id')
        .where('kind', '=', 'street_office')
        .where('region_id', '=', streetRegion)
        .execute();
      for (const r of rows) units.add(r.id);
    }
  }
  return { whole, units: [...units] };
}

type NoticeEB = ExpressionBuilder<DB, 'notices'>;

function wholeCondition(eb: NoticeEB, scope: NoticeScope) {
  if (scope.whole === 'all') return eb.lit(true);
  if (scope.whole.length === 0) return eb.lit(false);
  return eb('notices.region_id', 'in', scope.whole as number[]);
}

/** A notice is visible as a whole (owner region) or through a published assignment to one of the actor's units. */
function noticeVisible(scope: NoticeScope) {
  return (eb: NoticeEB) => {
    const byUnit =
      scope.units.length === 0
        ? eb.lit(false)
        : eb.and([
            eb('notices.status', '=', 'published'),
            eb.exists(
              eb
                .selectFrom('notice_assignments as sa')
                .select('sa.id')
                .whereRef('sa.notice_id', '=', 'notices.id')
                .where('sa.unit_id', 'in', scope.units as number[]),
            ),
          ]);
    return eb.or([wholeCondition(eb, scope), byUnit]);
  };
}

/** Whether the notice (already known to be visible) is visible as a whole. */
export function seesWhole(scope: NoticeScope, notice: { region_id: number | null }): boolean {
  if (scope.whole === 'all') return true;
  return notice.region_id !== null && scope.whole.includes(notice.region_id);
}

// ------------------------------------------------------------------------------------------------------------
// notices

export type NoticeRow = Awaited<ReturnType<typeof findNotice>> & {};

export function findNotice(db: Kysely<DB>, scope: NoticeScope, id: number) {
  return db.selectFrom('notices').selectAll().where('id', '=', id).where(noticeVisible(scope)).executeTakeFirst();
}

export interface NoticeListFilter {
  q?: string | undefined;
  status?: 'draft' | 'published' | undefined;
  offset: number;
  limit: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listNotices(db: Kysely<DB>, scope: NoticeScope, filter: NoticeListFilter) {
  let q = db.selectFrom('notices').where(noticeVisible(scope));
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    // ESCAPE is explicit: SQLite has no default escape character for LIKE, PostgreSQL's is the backslash
    const matches = (column: 'search_text' | 'title' | 'doc_number') =>
      sql<boolean>`${sql.ref(`notices.${column}`)} like ${like} escape '\\'`;
    q = q.where((eb) => eb.or([matches('search_text'), matches('title'), matches('doc_number')]));
  }
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type NoticeValues = Omit<NoticeTable, 'id' | 'version' | 'created_at' | 'updated_at' | 'published_at'>;

export async function insertNotice(db: Kysely<DB>, values: NoticeValues, now: string): Promise<number> {
  const row = await db
    .insertInto('notices')
    .values({ ...values, version: 1, created_at: now, updated_at: now, published_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates when the version matches; returns whether it did. */
export async function updateNotice(
  db: Kysely<DB>,
  id: number,
  version: number,
  values: Partial<Omit<NoticeTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('notices')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteNotice(db: Kysely<DB>, id: number): Promise<void> {
  // children first: SQLite enforces ON DELETE CASCADE only with foreign_keys on, so do not rely on it
  await db.deleteFrom('notice_files').where('notice_id', '=', id).execute();
  const assignmentIds = db.selectFrom('notice_assignments').select('id').where('notice_id', '=', id);
  await db.deleteFrom('notice_reports').where('assignment_id', 'in', assignmentIds).execute();
  await db.deleteFrom('notice_assignments').where('notice_id', '=', id).execute();
  await db.deleteFrom('notice_tasks').where('notice_id', '=', id).execute();
  await db.deleteFrom('notices').where('id', '=', id).execute();
}

// ------------------------------------------------------------------------------------------------------------
// tasks

/** Tasks of a notice; for an actor who does not see it whole, only the tasks assigned to the actor's units. */
export function listTasks(db: Kysely<DB>, noticeId: number, whole: boolean, units: readonly number[]) {
  let q = db.selectFrom('notice_tasks').selectAll().where('notice_id', '=', noticeId);
  if (!whole) {
    q = q.where((eb) =>
      units.length === 0
        ? eb.lit(false)
        : eb.exists(
            eb
              .selectFrom('notice_assignments as ta')
              .select('ta.id')
              .whereRef('ta.task_id', '=', 'notice_tasks.id')
              .where('ta.unit_id', 'in', units as number[]),
          ),
    );
  }
  return q.orderBy('no').orderBy('id').execute();
}

export async function countTasks(db: Kysely<DB>, noticeIds: number[]): Promise<Map<number, number>> {
  if (noticeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notice_tasks')
    .select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', noticeIds)
    .groupBy('notice_id')
    .execute();
  return new Map(rows.map((r) => [r.notice_id, Number(r.n)]));
}

export interface TaskValues {
  no: number;
  title: string;
  body: string;
  suggested_kinds_json: string;
}

export async function insertTask(db: Kysely<DB>, noticeId: number, t: TaskValues, now: string): Promise<number> {
  const row = await db
    .insertInto('notice_tasks')
    .values({ ...t, notice_id: noticeId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTask(db: Kysely<DB>, id: number, t: TaskValues, now: string): Promise<void> {
  await db
    .updateTable('notice_tasks')
    .set({ ...t, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteTask(db: Kysely<DB>, id: number): Promise<void> {
  const assignmentIds = db.selectFrom('notice_assignments').select('id').where('task_id', '=', id);
  await db.deleteFrom('notice_files').where('assignment_id', 'in', assignmentIds).execute();
  await db.deleteFrom('notice_reports').where('assignment_id', 'in', assignmentIds).execute();
  await db.deleteFrom('notice_assignments').where('task_id', '=', id).execute();
  await db.deleteFrom('notice_tasks').where('id', '=', id).execute();
}

// ------------------------------------------------------------------------------------------------------------
// assignments

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

/** One assignment with its notice and task, if the actor reaches it. */
export async function findAssignment(db: Kysely<DB>, scope: NoticeScope, id: number) {
  const row = await db
    .selectFrom('notice_assignments')
    .innerJoin('notices', 'notices.id', 'notice_assignments.notice_id')
    .innerJoin('notice_tasks', 'notice_tasks.id', 'notice_assignments.task_id')
    .select(assignmentColumns)
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
  return db
    .selectFrom('notice_assignments')
    .innerJoin('notices', 'notices.id', 'notice_assignments.notice_id')
    .innerJoin('notice_tasks', 'notice_tasks.id', 'notice_assignments.task_id')
    .select(assignmentColumns)
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

// ------------------------------------------------------------------------------------------------------------
// reports and files

export function listReports(db: Kysely<DB>, assignmentIds: number[]) {
  return db
    .selectFrom('notice_reports')
    .selectAll()
    .where('assignment_id', 'in', assignmentIds.length ? assignmentIds : [-1])
    .orderBy('id')
    .execute();
}

export async function insertReport(
  db: Kysely<DB>,
  r: { assignmentId: number; text: string; userId: number | null; name: string },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('notice_reports')
    .values({
      assignment_id: r.assignmentId,
      text: r.text,
      created_by: r.userId,
      created_by_name: r.name,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const fileColumns = [
  'id',
  'notice_id',
  'assignment_id',
  'report_id',
  'name',
  'content_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

export type FileRow = Awaited<ReturnType<typeof listNoticeFiles>>[number];

/** The notice's own attachments (not those of reports). */
export function listNoticeFiles(db: Kysely<DB>, noticeId: number) {
  return db
    .selectFrom('notice_files')
    .select(fileColumns)
    .where('notice_id', '=', noticeId)
    .where('assignment_id', 'is', null)
    .orderBy('id')
    .execute();
}

export function listReportFiles(db: Kysely<DB>, reportIds: number[]) {
  return db
    .selectFrom('notice_files')
    .select(fileColumns)
    .where('report_id', 'in', reportIds.length ? reportIds : [-1])
    .orderBy('id')
    .execute();
}

export async function insertFile(
  db: Kysely<DB>,
  f: {
    noticeId: number;
    assignmentId: number | null;
    name: string;
    contentType: string;
    content: Buffer;
    sha256: string;
    uploadedBy: number | null;
  },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('notice_files')
    .values({
      notice_id: f.noticeId,
      assignment_id: f.assignmentId,
      report_id: null,
      name: f.name,
      content_type: f.contentType,
      size: f.content.length,
      sha256: f.sha256,
      content_b64: f.content.toString('base64'),
      uploaded_by: f.uploadedBy,
      uploaded_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Files uploaded for an assignment and not yet part of a report. */
export function findUnattachedFiles(db: Kysely<DB>, assignmentId: number, ids: number[]) {
  return db
    .selectFrom('notice_files')
    .select(fileColumns)
    .where('assignment_id', '=', assignmentId)
    .where('report_id', 'is', null)
    .where('id', 'in', ids.length ? ids : [-1])
    .execute();
}

export async function attachFiles(db: Kysely<DB>, reportId: number, ids: number[]): Promise<void> {
  if (ids.length) await db.updateTable('notice_files').set({ report_id: reportId }).where('id', 'in', ids).execute();
}

/**
 * A file with its content, if the actor reaches it: a notice's own attachment with the notice, a report's
 * attachment with its assignment.
 */
export async function findFile(db: Kysely<DB>, scope: NoticeScope, id: number) {
  const row = await db
    .selectFrom('notice_files')
    .innerJoin('notices', 'notices.id', 'notice_files.notice_id')
    .leftJoin('notice_assignments', 'notice_assignments.id', 'notice_files.assignment_id')
    .select([
      'notice_files.id',
      'notice_files.notice_id',
      'notice_files.assignment_id',
      'notice_files.name',
      'notice_files.content_type',
      'notice_files.size',
      'notice_files.content_b64',
      'notices.region_id as notice_region_id',
      'notices.status as notice_status',
      'notice_assignments.unit_id',
    ])
    .where('notice_files.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  if (seesWhole(scope, { region_id: row.notice_region_id })) return row;
  if (row.notice_status !== 'published') return undefined;
  if (row.assignment_id !== null) return row.unit_id !== null && scope.units.includes(row.unit_id) ? row : undefined;
  // a notice attachment: reachable when the notice is reachable through one of the actor's units
  const visible = await findNotice(db, { whole: [], units: scope.units }, row.notice_id);
  return visible ? row : undefined;
}

// ------------------------------------------------------------------------------------------------------------
// who acts for a unit (the same rule as the scope above, read the other way round)

/** Active users who act for each unit: its liaisons and staff, and for a street office its street's staff. */
export async function unitActorUserIds(db: Kysely<DB>, unitIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(unitIds.map((u) => [u, []]));
  if (unitIds.length === 0) return out;
  const direct = await db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('active', '=', 1)
    .where('role', 'in', ['department', 'troop', 'street', 'office', 'admin'])
    .where('unit_id', 'in', unitIds)
    .execute();
  for (const u of direct) if (u.unit_id !== null) out.get(u.unit_id)?.push(u.id);
  const streetUnits = await db
    .selectFrom('units')
    .select(['id', 'region_id'])
    .where('kind', '=', 'street_office')
    .where('id', 'in', unitIds)
    .where('region_id', 'is not', null)
    .execute();
  if (streetUnits.length > 0) {
    const staff = await db
      .selectFrom('users')
      .select(['id', 'region_id'])
      .where('active', '=', 1)
      .where('role', '=', 'street')
      .where(
        'region_id',
        'in',
        streetUnits.map((s) => s.region_id as number),
      )
      .execute();
    for (const s of streetUnits) {
      const list = out.get(s.id) ?? [];
      for (const u of staff) if (u.region_id === s.region_id && !list.includes(u.id)) list.push(u.id);
      out.set(s.id, list);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------------
// figures

export interface AssignmentPeriod {
  from: string;
  to: string;
  today: string;
  unitRegionIds?: readonly number[] | undefined;
}

/**
 * Assignments of published notices with a deadline in [from, to]: those the scope sees as a whole or assigned to
 * its own units, optionally only units placed in `unitRegionIds`.
 */
function assignmentsIn(db: Kysely<DB>, scope: NoticeScope, f: AssignmentPeriod) {
  let q = db
    .selectFrom('notice_assignments as a')
    .innerJoin('notices', 'notices.id', 'a.notice_id')
    .innerJoin('units', 'units.id', 'a.unit_id')
    .where('notices.status', '=', 'published')
    .where((eb) =>
      eb.or([
        wholeCondition(eb, scope),
        scope.units.length === 0 ? eb.lit(false) : eb('a.unit_id', 'in', scope.units as number[]),
      ]),
    )
    .where('a.deadline', '>=', f.from)
    .where('a.deadline', '<=', f.to);
  if (f.unitRegionIds) q = q.where('units.region_id', 'in', f.unitRegionIds.length ? [...f.unitRegionIds] : [-1]);
  return q;
}

export type AssignmentState = 'onTime' | 'late' | 'overdue' | 'open';

/**
 * The states as domain/notice/tracking.ts: a report is late when its Beijing date is after the deadline, i.e. at or
 * after 16:00 UTC of the deadline day; overdue = no report and the deadline has passed. One definition for the
 * figures and the lists behind them.
 */
function stateCondition(
  eb: ExpressionBuilder<DB & { a: DB['notice_assignments'] }, 'a'>,
  state: AssignmentState,
  today: string,
) {
  const late = sql<string>`a.deadline || 'T16:00:00.000Z'`;
  const reported = eb('a.reported_at', 'is not', null);
  switch (state) {
    case 'onTime':
      return eb.and([reported, eb('a.reported_at', '<', late)]);
    case 'late':
      return eb.and([reported, eb('a.reported_at', '>=', late)]);
    case 'overdue':
      return eb.and([eb('a.reported_at', 'is', null), eb('a.deadline', '<', today)]);
    case 'open':
      return eb.and([eb('a.reported_at', 'is', null), eb('a.deadline', '>=', today)]);
  }
}

/** Those assignments per unit, in one grouped query. */
export async function assignmentGroups(db: Kysely<DB>, scope: NoticeScope, f: AssignmentPeriod) {
  const rows = await assignmentsIn(db, scope, f)
    .select((eb) => {
      const count = (state: AssignmentState) =>
        eb.fn.sum<number>(
          eb
            .case()
            .when(stateCondition(eb, state, f.today))
            .then(1)
            .else(0)
            .end(),
        );
      return [
        'a.unit_id as unitId',
        'units.name as unitName',
        eb.fn.countAll<number>().as('assigned'),
        count('onTime').as('on_time'),
        count('late').as('late'),
        count('overdue').as('overdue'),
        count('open').as('open'),
      ];
    })
    .groupBy(['a.unit_id', 'units.name'])
    .orderBy('a.unit_id')
    .execute();
  return rows.map((r) => ({
    unitId: r.unitId,
    unitName: r.unitName,
    assigned: Number(r.assigned),
    onTime: Number(r.on_time ?? 0),
    late: Number(r.late ?? 0),
    overdue: Number(r.overdue ?? 0),
    open: Number(r.open ?? 0),
  }));
}

/** The assignments behind one figure: a unit's (or all units') in one state, a page at a time, by deadline. */
export async function assignmentList(
  db: Kysely<DB>,
  scope: NoticeScope,
  f: AssignmentPeriod & { unitId?: number | undefined; state?: AssignmentState | undefined },
  page: { offset: number; limit: number },
) {
  let q = assignmentsIn(db, scope, f).innerJoin('notice_tasks as t', 't.id', 'a.task_id');
  if (f.unitId !== undefined) q = q.where('a.unit_id', '=', f.unitId);
  if (f.state) {
    const state = f.state;
    q = q.where((eb) => stateCondition(eb, state, f.today));
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.notice_id as noticeId',
        'notices.title as noticeTitle',
        'notices.doc_number as docNumber',
        't.no as taskNo',
        't.title as taskTitle',
        'a.unit_id as unitId',
        'units.name as unitName',
        'a.deadline',
        'a.reported_at as reportedAt',
        (eb) =>
          eb
            .case()
            .when(stateCondition(eb, 'onTime', f.today))
            .then('onTime')
            .when(stateCondition(eb, 'late', f.today))
            .then('late')
            .when(stateCondition(eb, 'overdue', f.today))
            .then('overdue')
            .else('open')
            .end()
            .$castTo<AssignmentState>()
            .as('state'),
      ])
      .orderBy('a.deadline')
      .orderBy('a.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
