/** Carrying out by units: acknowledge (签收) a task, report (落实情况) with files; the notice's office is told. */
import type { AssignmentItem } from '../../../shared/api/notices.api.ts';
import { chinaDate } from '../../../shared/domain/notice/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import { actingAssignment, oneAssignment, unitRef, unitView } from './notice-common.ts';
import * as repo from './notices.repo.ts';

export async function acknowledge(ctx: AppContext, actor: Actor, id: number): Promise<AssignmentItem> {
  requireCapability(actor, 'notices.report');
  return ctx.db.transaction().execute(async (trx) => {
    const { a } = await actingAssignment(trx, actor, id);
    if (a.acknowledged_at === null) {
      await repo.acknowledge(trx, id, { userId: actor.userId, name: actor.displayName }, nowIso());
      await appendAudit(trx, actor, {
        action: 'update',
        entityType: 'notice_assignment',
        entityId: id,
        summary: `签收《${a.notice_title}》第${a.task_no}项`,
        after: { acknowledged: true },
      });
    }
    return oneAssignment(ctx, trx, actor, id);
  });
}

export async function report(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { text: string; fileIds: number[] },
): Promise<AssignmentItem> {
  requireCapability(actor, 'notices.report');
  return ctx.db.transaction().execute(async (trx) => {
    const { a } = await actingAssignment(trx, actor, id);
    const fileIds = [...new Set(input.fileIds)];
    const files = await repo.findUnattachedFiles(trx, id, fileIds);
    if (files.length !== fileIds.length) {
      throw new AppError('VALIDATION_FAILED', '有附件不存在或已用于其他报告，请重新上传附件后提交。', [
        { path: 'fileIds', message: '附件无效' },
      ]);
    }
    const now = nowIso();
    if (a.acknowledged_at === null) {
      await repo.acknowledge(trx, id, { userId: actor.userId, name: actor.displayName }, now);
    }
    const reportId = await repo.insertReport(
      trx,
      { assignmentId: id, text: input.text, userId: actor.userId, name: actor.displayName },
      now,
    );
    await repo.attachFiles(trx, reportId, fileIds);
    await repo.markReported(trx, id, now);
    const late = chinaDate(now) > a.deadline;
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'notice_report',
      entityId: reportId,
      summary: `上报《${a.notice_title}》第${a.task_no}项落实情况${late ? '（逾期）' : ''}，附件 ${fileIds.length} 个`,
      after: { assignmentId: id, files: fileIds.length },
    });
    if (a.notice_created_by !== null && a.notice_created_by !== actor.userId) {
      const units = await unitView(ctx, trx, actor);
      await notify(
        trx,
        { userIds: [a.notice_created_by] },
        {
          kind: 'system',
          title: `【落实情况】${unitRef(units, a.unit_id).unitName}已上报`,
          body: `《${a.notice_title}》第${a.task_no}项「${a.task_title}」${late ? '（逾期上报）' : ''}。`,
          link: `/notices/${a.notice_id}`,
        },
      );
    }
    return oneAssignment(ctx, trx, actor, id);
  });
}
