/**
 * Reports of units and the attachments of notices and reports (name and owner here; the bytes in `files`,
 * see platform/files.ts). A file is found only if the actor reaches what it belongs to.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findNotice } from './notice-records.repo.ts';
import { type NoticeScope, seesWhole } from './notice-scope.repo.ts';

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
    size: number;
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
      size: f.size,
      sha256: f.sha256,
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
 * A file (its hash: the bytes are in `files`), if the actor reaches it: a notice's own attachment with the notice, a report's
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
      'notice_files.sha256',
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
