/** Following up: reminders to the overdue, the unit × task matrix (and its export), figures for reports. */
import type { NoticeMatrix } from '../../../shared/api/notices.api.ts';
import type { AssignmentState } from '../../../shared/domain/notice/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import {
  assignmentItems,
  countsOf,
  type Db,
  managedNotice,
  rowsPerUser,
  scopeFor,
  stateOf,
  today,
  unitRef,
  unitView,
} from './notice-common.ts';
import * as repo from './notices.repo.ts';
import { matrixWorkbook } from './notices.xlsx.ts';

/** 催办: one message per unit user for the overdue (past deadline, not reported) assignments of a notice. */
export async function remindOverdue(ctx: AppContext, actor: Actor, noticeId: number) {
  requireCapability(actor, 'notices.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const n = await managedNotice(trx, actor, noticeId);
    if (n.status !== 'published') throw new AppError('INVALID_STATE', '通知尚未下发，没有可催办的任务。');
    const day = today();
    const overdue = (await repo.listAssignments(trx, [noticeId], null)).filter((a) => stateOf(a, day) === 'overdue');
    if (overdue.length === 0) return { assignments: 0, units: 0, users: 0 };
    const tasks = new Map((await repo.listTasks(trx, noticeId, true, [])).map((t) => [t.id, t]));
    const unitIds = [...new Set(overdue.map((a) => a.unit_id))];
    const perUser = await rowsPerUser(trx, overdue, (a) => a.task_id);
    let users = 0;
    for (const [userId, list] of perUser) {
      const lines = list
        .map((a) => `第${tasks.get(a.task_id)?.no ?? '?'}项「${tasks.get(a.task_id)?.title ?? ''}」截止 ${a.deadline}`)
        .join('；');
      users += await notify(
        trx,
        { userIds: [userId] },
        {
          kind: 'overdue',
          title: `【催办】《${n.title}》有 ${list.length} 项任务已逾期`,
          body: `${lines}。请尽快签收并上报落实情况；如有困难请与双拥办联系。`,
          link: '/notices/tasks',
        },
      );
    }
    const now = nowIso();
    await repo.markReminded(
      trx,
      overdue.map((a) => a.id),
      now,
    );
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'notice',
      entityId: noticeId,
      summary: `催办逾期任务：${unitIds.length} 个单位、${overdue.length} 项，通知 ${users} 人`,
    });
    return { assignments: overdue.length, units: unitIds.length, users };
  });
}

async function buildMatrix(ctx: AppContext, db: Db, actor: Actor, noticeId: number) {
  const scope = await scopeFor(db, actor);
  const n = await repo.findNotice(db, scope, noticeId);
  if (!n) throw notFound();
  const whole = repo.seesWhole(scope, n);
  const [tasks, rows, units] = await Promise.all([
    repo.listTasks(db, noticeId, whole, scope.units),
    repo.listAssignments(db, [noticeId], whole ? null : scope.units),
    unitView(ctx, db, actor),
  ]);
  const day = today();
  const unitIds = [...new Set(rows.map((a) => a.unit_id))];
  const order = (u: number) => {
    const kind = units.get(u)?.kind ?? '';
    return ['office', 'department', 'street_office', 'service_station', 'military'].indexOf(kind);
  };
  unitIds.sort((x, y) => order(x) - order(y) || x - y);
  const cellOf = (a: repo.AssignmentRow | undefined, taskId: number) => ({
    taskId,
    assignmentId: a?.id ?? null,
    state: a ? (stateOf(a, day) as AssignmentState) : null,
    deadline: a?.deadline ?? null,
    acknowledgedAt: a?.acknowledged_at ?? null,
    reportedAt: a?.reported_at ?? null,
  });
  const matrix: NoticeMatrix = {
    noticeId,
    title: n.title,
    docNumber: n.doc_number,
    today: day,
    tasks: tasks.map((t) => ({
      id: t.id,
      no: t.no,
      title: t.title,
      counts: countsOf(
        rows.filter((a) => a.task_id === t.id),
        day,
      ),
    })),
    units: unitIds.map((u) => {
      const mine = rows.filter((a) => a.unit_id === u);
      return {
        ...unitRef(units, u),
        cells: tasks.map((t) =>
          cellOf(
            mine.find((a) => a.task_id === t.id),
            t.id,
          ),
        ),
        counts: countsOf(mine, day),
      };
    }),
    totals: countsOf(rows, day),
  };
  return { matrix, rows, units };
}

export async function getMatrix(ctx: AppContext, actor: Actor, noticeId: number): Promise<NoticeMatrix> {
  requireCapability(actor, 'notices.read');
  return (await buildMatrix(ctx, ctx.db, actor, noticeId)).matrix;
}

/** The matrix as an xlsx file with the viewer's watermark; the export is recorded in the audit log. */
export async function exportMatrix(
  ctx: AppContext,
  actor: Actor,
  noticeId: number,
): Promise<{ fileName: string; content: Buffer }> {
  requireCapability(actor, 'notices.read');
  const { matrix, rows, units } = await buildMatrix(ctx, ctx.db, actor, noticeId);
  const items = await assignmentItems(ctx.db, rows, units, [], matrix.today);
  const now = nowIso();
  const content = await matrixWorkbook(matrix, items, { who: `${actor.displayName}（${actor.username}）`, at: now });
  // the file leaves only once its export is on record
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, actor, {
      action: 'export',
      entityType: 'notice',
      entityId: noticeId,
      summary: `导出任务落实矩阵（${matrix.units.length} 个单位 × ${matrix.tasks.length} 项任务）`,
    }),
  );
  const safeTitle = matrix.title.replace(/[\\/:*?"<>|]/g, '').slice(0, 60);
  return { fileName: `${safeTitle}-落实情况-${matrix.today}.xlsx`, content };
}

/** Tasks with a deadline in the period, per unit: on time, late, overdue, still open (the matrix's states). */
export async function taskFigures(
  ctx: AppContext,
  actor: Actor,
  f: { from: string; to: string; unitRegionIds?: readonly number[] | undefined },
) {
  requireCapability(actor, 'notices.read');
  return repo.assignmentGroups(ctx.db, await repo.scopeOf(ctx.db, actor), { ...f, today: today() });
}

/** The assignments behind one of those figures (a unit's, in one state), a page at a time. */
export async function taskItems(
  ctx: AppContext,
  actor: Actor,
  f: {
    from: string;
    to: string;
    unitRegionIds?: readonly number[] | undefined;
    unitId?: number | undefined;
    state?: repo.DeadlineState | undefined;
  },
  page: { offset: number; limit: number },
) {
  requireCapability(actor, 'notices.read');
  return repo.assignmentList(ctx.db, await repo.scopeOf(ctx.db, actor), { ...f, today: today() }, page);
}
