/** Overdue alerts: the periodic sweep and the office's "check now". */
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { type RequestStatus, requestOverdue } from '../../../shared/domain/troops/request-flow.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability, systemActor } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import type { NotificationMessage } from '../notifications/notifications.service.ts';
import { link, notifyOffice, notifyUnit } from './request-notices.ts';
import * as requestsRepo from './requests.repo.ts';
import { isOffice } from './troops.access.ts';
import { unitViews } from './troops.confidential.ts';

/**
 * Flags every open request past its due date (at `now`, Beijing calendar days) to the office of its region
 * and to the department it is assigned to, once per due date: a new due date brings a new alert. Each
 * request's alert, its log entry and its audit record are one transaction, and claiming the alert is a
 * conditional update, so several app nodes running the sweep at once send each alert exactly once.
 */
export async function flagOverdueRequests(
  ctx: AppContext,
  now: string = nowIso(),
  actor: Actor = systemActor('逾期提醒'),
): Promise<{ flagged: number; notified: number }> {
  const today = localDateOf(now);
  const views = await unitViews(ctx, systemActor());
  const inScope =
    actor.role === 'admin' ? null : new Set((await requestsRepo.listRequestsForStats(ctx.db, actor)).map((r) => r.id));
  const candidates = (await requestsRepo.listOverdueCandidates(ctx.db, today)).filter(
    (c) => !inScope || inScope.has(c.id),
  );
  let flagged = 0;
  let notified = 0;
  for (const c of candidates) {
    const dueDate = c.due_date!;
    const verdict = requestOverdue({ status: c.status as RequestStatus, dueDate }, now);
    if (!verdict.overdue) continue;
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await requestsRepo.claimOverdueAlert(trx, c.id, dueDate))) return;
      const title = views.publicRedact(c.title);
      const who = c.military_unit_id === null ? '军人家庭' : views.publicLabel(c.military_unit_id);
      const department = c.department_id === null ? '（尚未交办）' : views.publicLabel(c.department_id);
      const message: NotificationMessage = {
        kind: 'overdue',
        title: `部队诉求已逾期：${title}`,
        body: `${who}提出的诉求已超过办理期限（${dueDate}）${verdict.daysOverdue} 天，责任部门：${department}。请尽快办结或与双拥办沟通调整期限。`,
        link: link(c.id),
      };
      notified += await notifyOffice(trx, c.region_id, message);
      notified += await notifyUnit(trx, c.department_id, 'department', message);
      await requestsRepo.insertNote(
        trx,
        c,
        'overdue',
        `已超过办理期限 ${verdict.daysOverdue} 天，已提醒双拥办和责任部门。`,
        actor,
        now,
      );
      await appendAudit(trx, actor, {
        action: 'update',
        entityType: 'troop_request',
        entityId: c.id,
        summary: '逾期提醒',
        after: { dueDate, daysOverdue: verdict.daysOverdue },
      });
      flagged++;
    });
  }
  return { flagged, notified };
}

/** The office's "check now" button: the same sweep, limited to the requests in the actor's scope. */
export async function checkOverdueNow(ctx: AppContext, actor: Actor) {
  requireCapability(actor, 'troops.write');
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '逾期检查由双拥办发起。');
  return flagOverdueRequests(ctx, nowIso(), actor);
}
