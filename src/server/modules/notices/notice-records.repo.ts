/** Notices and their tasks, read within the notice scope. */
import { type Kysely, sql } from 'kysely';
import type { DB, NoticeTable } from '../../db/schema.ts';
import { type NoticeScope, noticeVisible } from './notice-scope.repo.ts';

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
