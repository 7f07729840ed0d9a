/**
 * What the notice services share: the actor's notice scope and the units it acts for, units as the viewer may
 * see them, assignment states and counts, assignment items with their reports and files, and the two access
 * rules — a notice the actor manages (its office) and an assignment the actor acts on (its unit).
 */
import type { Transaction } from 'kysely';
import type { AssignmentItem, InnerNotice, NoticeFileItem } from '../../../shared/api/notices.api.ts';
import type { UnitItem } from '../../../shared/api/units.api.ts';
import { assignmentState, chinaDate, countStates } from '../../../shared/domain/notice/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import * as unitsService from '../units/units.service.ts';
import * as repo from './notices.repo.ts';

export type Db = AppContext['db'];
export type Trx = Transaction<DB>;

export const parseJson = <T>(s: string | null, fallback: T): T => {
  if (s === null) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

export const today = () => chinaDate(nowIso());

/** The actor's scope, plus the units it may act for (community staff read their street's tasks, they do not report). */
export async function scopeFor(db: Db, actor: Actor): Promise<repo.NoticeScope & { acting: readonly number[] }> {
  const scope = await repo.scopeOf(db, actor);
  const acting = can(actor.role, 'notices.report') && actor.role !== 'community' ? scope.units : [];
  return { ...scope, acting };
}

/** Units as the viewer may see them (a military unit's alias for uncleared roles), by id. */
export async function unitView(ctx: AppContext, db: Db, actor: Actor): Promise<Map<number, UnitItem>> {
  const items = await unitsService.listUnits({ ...ctx, db }, actor);
  return new Map(items.map((u) => [u.id, u]));
}

export function unitRef(units: Map<number, UnitItem>, unitId: number) {
  const u = units.get(unitId);
  return {
    unitId,
    unitName: u?.name ?? `单位 #${unitId}`,
    unitDesignation: u?.designation ?? null,
    unitKind: u?.kind ?? ('department' as const),
  };
}

export function stateOf(
  r: { deadline: string; acknowledged_at: string | null; reported_at: string | null },
  day: string,
) {
  return assignmentState({ deadline: r.deadline, acknowledgedAt: r.acknowledged_at, reportedAt: r.reported_at }, day);
}

export function countsOf(
  rows: { deadline: string; acknowledged_at: string | null; reported_at: string | null }[],
  day: string,
) {
  return countStates(
    rows.map((r) => ({
      deadline: r.deadline,
      acknowledgedAt: r.acknowledged_at,
      reportedAt: r.reported_at,
      state: stateOf(r, day),
    })),
  );
}

export const fileItem = (f: repo.FileRow): NoticeFileItem => ({
  id: f.id,
  name: f.name,
  contentType: f.content_type,
  size: f.size,
  uploadedAt: f.uploaded_at,
});

/** Assignments with their state, reports and report files, as the viewer may see them. */
export async function assignmentItems(
  db: Db,
  rows: repo.AssignmentRow[],
  units: Map<number, UnitItem>,
  acting: readonly number[],
  day: string,
): Promise<AssignmentItem[]> {
  const reports = await repo.listReports(
    db,
    rows.map((r) => r.id),
  );
  const files = await repo.listReportFiles(
    db,
    reports.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    noticeId: r.notice_id,
    taskId: r.task_id,
    ...unitRef(units, r.unit_id),
    deadline: r.deadline,
    state: stateOf(r, day),
    acknowledgedAt: r.acknowledged_at,
    acknowledgedByName: r.acknowledged_by_name,
    reportedAt: r.reported_at,
    lastRemindedAt: r.last_reminded_at,
    reports: reports
      .filter((p) => p.assignment_id === r.id)
      .map((p) => ({
        id: p.id,
        text: p.text,
        createdAt: p.created_at,
        createdByName: p.created_by_name,
        files: files.filter((f) => f.report_id === p.id).map(fileItem),
      })),
    canAct: acting.includes(r.unit_id),
  }));
}

/** A notice the actor may manage: visible as a whole (its region's office, or an admin). */
export async function managedNotice(db: Db, actor: Actor, id: number) {
  const scope = await scopeFor(db, actor);
  const n = await repo.findNotice(db, scope, id);
  if (!n) throw notFound();
  if (!repo.seesWhole(scope, n)) {
    throw new AppError('FORBIDDEN', '只有发文单位（通知所属区划的双拥办）可以修改、分派和催办此通知。');
  }
  return n;
}

/** An assignment the actor reaches and acts for (its unit's liaison or street staff). */
export async function actingAssignment(db: Db, actor: Actor, id: number) {
  const scope = await scopeFor(db, actor);
  const a = await repo.findAssignment(db, scope, id);
  if (!a) throw notFound();
  if (!scope.acting.includes(a.unit_id)) {
    throw new AppError(
      'FORBIDDEN',
      actor.role === 'community'
        ? '社区工作人员可以查看本街道的任务；签收和上报请由街道工作人员办理。'
        : '只有承办单位的联络员或工作人员可以签收和上报此项任务。',
    );
  }
  if (a.notice_status !== 'published') throw new AppError('INVALID_STATE', '通知尚未下发，暂不能签收或上报。');
  return { a, scope };
}

export async function oneAssignment(ctx: AppContext, db: Db, actor: Actor, id: number): Promise<AssignmentItem> {
  const scope = await scopeFor(db, actor);
  const a = await repo.findAssignment(db, scope, id);
  if (!a) throw notFound();
  const [item] = await assignmentItems(db, [a], await unitView(ctx, db, actor), scope.acting, today());
  return item!;
}

/** The header of a forwarded (inner) notice; its body is added by the caller, for those who may read it. */
export function innerHeader(inner: Omit<InnerNotice, 'body'>) {
  return {
    docNumber: inner.docNumber,
    title: inner.title,
    issuers: inner.issuers,
    date: inner.date,
    recipients: inner.recipients,
  };
}

/** Rows per user who acts for their unit, one per task: a user acting for two units hears of a task once. */
export async function rowsPerUser<R extends { unit_id: number }>(
  db: Db,
  rows: R[],
  taskOf: (r: R) => number,
): Promise<Map<number, R[]>> {
  const actors = await repo.unitActorUserIds(db, [...new Set(rows.map((r) => r.unit_id))]);
  const perUser = new Map<number, R[]>();
  for (const r of rows) {
    for (const userId of actors.get(r.unit_id) ?? []) {
      const list = perUser.get(userId) ?? [];
      if (!list.some((x) => taskOf(x) === taskOf(r))) list.push(r);
      perUser.set(userId, list);
    }
  }
  return perUser;
}
