/** Assigning tasks to units with deadlines, and publishing: each unit's people are told of their new tasks. */
import type { NoticeDetail } from '../../../shared/api/notices.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import { type Db, managedNotice, rowsPerUser, unitRef, unitView } from './notice-common.ts';
import { getNotice } from './notice-read.service.ts';
import * as repo from './notices.repo.ts';

/** Sends one message per user about new tasks for their units. */
async function notifyAssigned(
  db: Db,
  notice: { id: number; title: string },
  rows: { unit_id: number; task_no: number; task_title: string; deadline: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const perUser = await rowsPerUser(db, rows, (r) => r.task_no);
  let sent = 0;
  for (const [userId, list] of perUser) {
    list.sort((a, b) => a.task_no - b.task_no);
    sent += await notify(
      db,
      { userIds: [userId] },
      {
        kind: 'assignment',
        title: `【新任务】《${notice.title}》`,
        body: `${list.map((r) => `第${r.task_no}项「${r.task_title}」截止 ${r.deadline}`).join('；')}。请在“我的任务”中签收，并在截止日期前上报落实情况。`,
        link: '/notices/tasks',
      },
    );
  }
  return sent;
}

export async function setAssignments(
  ctx: AppContext,
  actor: Actor,
  noticeId: number,
  taskId: number,
  input: { assignments: { unitId: number; deadline: string }[] },
): Promise<NoticeDetail> {
  requireCapability(actor, 'notices.manage');
  const unitIds = input.assignments.map((a) => a.unitId);
  if (new Set(unitIds).size !== unitIds.length) {
    throw new AppError('VALIDATION_FAILED', '同一单位重复出现，请每个单位只选一次。');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const n = await managedNotice(trx, actor, noticeId);
    const task = (await repo.listTasks(trx, noticeId, true, [])).find((t) => t.id === taskId);
    if (!task) throw notFound();
    const units = await unitView(ctx, trx, actor);
    const unknown = unitIds.find((u) => !units.has(u) || !units.get(u)?.active);
    if (unknown !== undefined) {
      throw new AppError('VALIDATION_FAILED', '所选单位不存在或已停用，请刷新单位列表后重新选择。', [
        { path: `assignments.${unknown}`, message: '单位不存在或已停用' },
      ]);
    }
    const existing = (await repo.listAssignments(trx, [noticeId], null)).filter((a) => a.task_id === taskId);
    const wanted = new Map(input.assignments.map((a) => [a.unitId, a.deadline]));
    const removed = existing.filter((a) => !wanted.has(a.unit_id));
    const started = removed.find((a) => a.acknowledged_at !== null || a.reported_at !== null);
    if (started) {
      throw new AppError(
        'INVALID_STATE',
        `「${unitRef(units, started.unit_id).unitName}」已签收或上报此项任务，不能撤销分派；可以调整截止日期。`,
      );
    }
    const now = nowIso();
    for (const a of removed) await repo.deleteAssignment(trx, a.id);
    const fresh: { unit_id: number; task_no: number; task_title: string; deadline: string }[] = [];
    for (const [unitId, deadline] of wanted) {
      const old = existing.find((a) => a.unit_id === unitId);
      if (!old) {
        await repo.insertAssignment(trx, { noticeId, taskId, unitId, deadline, assignedBy: actor.userId }, now);
        fresh.push({ unit_id: unitId, task_no: task.no, task_title: task.title, deadline });
      } else if (old.deadline !== deadline) {
        await repo.setDeadline(trx, old.id, deadline);
        if (old.reported_at === null)
          fresh.push({ unit_id: unitId, task_no: task.no, task_title: task.title, deadline });
      }
    }
    if (n.status === 'published') await notifyAssigned(trx, n, fresh);
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'notice_task',
      entityId: taskId,
      summary: `分派第${task.no}项任务：${input.assignments.length} 个单位`,
      before: existing.map((a) => ({ unitId: a.unit_id, deadline: a.deadline })),
      after: input.assignments,
    });
  });
  return getNotice(ctx, actor, noticeId);
}

export async function publishNotice(ctx: AppContext, actor: Actor, id: number): Promise<NoticeDetail> {
  requireCapability(actor, 'notices.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const n = await managedNotice(trx, actor, id);
    if (n.status === 'published') throw new AppError('INVALID_STATE', '通知已经下发过了。');
    const rows = await repo.listAssignments(trx, [id], null);
    if (rows.length === 0) {
      throw new AppError('INVALID_STATE', '还没有分派任何任务。请先为任务选择承办单位和截止日期，再下发。');
    }
    const now = nowIso();
    const ok = await repo.updateNotice(trx, id, n.version, { status: 'published', published_at: now, updated_at: now });
    if (!ok) throw new AppError('CONFLICT', '通知已被他人修改，请刷新页面后重试。');
    const tasks = new Map((await repo.listTasks(trx, id, true, [])).map((t) => [t.id, t]));
    const users = await notifyAssigned(
      trx,
      n,
      rows.map((a) => ({
        unit_id: a.unit_id,
        task_no: tasks.get(a.task_id)?.no ?? 0,
        task_title: tasks.get(a.task_id)?.title ?? '',
        deadline: a.deadline,
      })),
    );
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'notice',
      entityId: id,
      summary: `下发通知：${new Set(rows.map((a) => a.unit_id)).size} 个单位、${rows.length} 项分派，通知 ${users} 人`,
      before: { status: 'draft' },
      after: { status: 'published' },
    });
  });
  return getNotice(ctx, actor, id);
}
