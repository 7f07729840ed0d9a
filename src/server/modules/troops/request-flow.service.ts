/** The request's flow: assign, return, resolve, reopen, rate and comment, each a step with its log and audit. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { assignRequestBody, RequestDetail, rateRequestBody } from '../../../shared/api/troops.api.ts';
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import {
  nextRequestStatus,
  type RequestAction,
  type RequestStatus,
  requestActionLabels,
  requestStatusLabels,
} from '../../../shared/domain/troops/request-flow.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import type { NotificationMessage } from '../notifications/notifications.service.ts';
import { mayTake } from './request-access.ts';
import { link, notifyOffice, notifyUnit } from './request-notices.ts';
import { getRequest } from './request-views.service.ts';
import * as requestsRepo from './requests.repo.ts';
import { unitViews } from './troops.confidential.ts';

type RequestRow = requestsRepo.RequestRow;

interface StepPlan {
  changes: Partial<Omit<DB['troop_requests'], 'id' | 'version'>>;
  eventAction?: string;
  departmentId?: number | null;
  dueDate?: string | null;
  comment: string | null;
  notices: (trx: Transaction<DB>) => Promise<unknown>;
}

export interface StepResult {
  id: number;
  status: RequestStatus;
  /** The request as the actor now sees it; null when the step took it out of the actor's scope (returned). */
  request: RequestDetail | null;
}

async function step(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: RequestAction,
  plan: (row: RequestRow, next: RequestStatus, now: string) => StepPlan,
): Promise<StepResult> {
  requireCapability(actor, 'troops.write');
  const now = nowIso();
  const next = await ctx.db.transaction().execute(async (trx) => {
    const row = await requestsRepo.findRequest(trx, actor, id);
    if (!row) throw notFound();
    if (!mayTake(actor, row, action)) {
      throw new AppError('FORBIDDEN', `您不能对该诉求执行“${requestActionLabels[action]}”操作。`);
    }
    const from = row.status as RequestStatus;
    const next = nextRequestStatus(from, action);
    if (!next) {
      throw new AppError(
        'INVALID_STATE',
        `该诉求当前为“${requestStatusLabels[from]}”，不能“${requestActionLabels[action]}”。请刷新页面查看最新状态。`,
      );
    }
    const p = plan(row, next, now);
    const ok = await requestsRepo.updateRequest(trx, id, row.version, { ...p.changes, status: next, updated_at: now });
    if (!ok) throw new AppError('CONFLICT');
    const departmentId = p.departmentId === undefined ? row.department_id : p.departmentId;
    const dueDate = p.dueDate === undefined ? row.due_date : p.dueDate;
    await requestsRepo.insertEvent(trx, {
      request_id: id,
      action: p.eventAction ?? action,
      from_status: from,
      to_status: next,
      department_id: departmentId,
      due_date: dueDate,
      comment: p.comment,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at: now,
    });
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_request',
      entityId: id,
      summary: requestActionLabels[action],
      before: { status: from, departmentId: row.department_id, dueDate: row.due_date },
      after: { status: next, departmentId, dueDate, ...(p.changes.rating ? { rating: p.changes.rating } : {}) },
    });
    await p.notices(trx);
    return next;
  });
  let request: RequestDetail | null = null;
  try {
    request = await getRequest(ctx, actor, id);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
  }
  return { id, status: next, request };
}

export async function assignRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof assignRequestBody>,
): Promise<StepResult> {
  requireCapability(actor, 'troops.write');
  const views = await unitViews(ctx, actor);
  const department = views.unit(input.departmentId);
  return step(ctx, actor, id, 'assign', (row, _next, now) => {
    if (department?.kind !== 'department') {
      throw new AppError('VALIDATION_FAILED', '请选择一个政府部门作为责任单位。', [
        { path: 'departmentId', message: '请选择政府部门' },
      ]);
    }
    if (input.dueDate < localDateOf(now)) {
      throw new AppError('VALIDATION_FAILED', '办理期限不能早于今天，请重新选择。', [
        { path: 'dueDate', message: '办理期限不能早于今天' },
      ]);
    }
    const previous = row.department_id;
    const reassign = previous !== null && previous !== department.id;
    const title = views.publicRedact(row.title);
    return {
      changes: { department_id: department.id, due_date: input.dueDate, assigned_at: now },
      eventAction: reassign
        ? 'reassign'
        : previous === department.id && row.status === 'in_progress'
          ? 'extend'
          : 'assign',
      departmentId: department.id,
      dueDate: input.dueDate,
      comment: input.comment,
      notices: async (trx) => {
        await notifyUnit(trx, department.id, 'department', {
          kind: 'assignment',
          title: `部队诉求交办：${title}`,
          body: `请于 ${input.dueDate} 前办结，并在系统中填写办理结果。`,
          link: link(id),
        });
        if (reassign) {
          await notifyUnit(trx, previous, 'department', {
            kind: 'system',
            title: `诉求已改派其他部门：${title}`,
            body: '该诉求已由双拥办改派，您无需继续办理。',
          });
        }
      },
    };
  });
}

export async function returnRequest(ctx: AppContext, actor: Actor, id: number, comment: string): Promise<StepResult> {
  requireCapability(actor, 'troops.write');
  const views = await unitViews(ctx, actor);
  return step(ctx, actor, id, 'return', (row) => ({
    changes: { department_id: null, assigned_at: null },
    departmentId: row.department_id,
    comment,
    notices: (trx) =>
      notifyOffice(trx, row.region_id, {
        kind: 'assignment',
        title: `部门退回诉求，请重新交办：${views.publicRedact(row.title)}`,
        body: `${views.publicLabel(row.department_id)}退回了该诉求，请查看退回理由后重新确定责任部门。`,
        link: link(id),
      }),
  }));
}

export async function resolveRequest(ctx: AppContext, actor: Actor, id: number, comment: string): Promise<StepResult> {
  requireCapability(actor, 'troops.write');
  const views = await unitViews(ctx, actor);
  return step(ctx, actor, id, 'resolve', (row, _next, now) => ({
    changes: { resolved_at: now },
    comment,
    notices: async (trx) => {
      const message: NotificationMessage = {
        kind: 'system',
        title: `诉求已办结，请评价：${views.publicRedact(row.title)}`,
        body: '请查看办理结果并评价满意程度；如问题未解决，可选择“重新办理”。',
        link: link(id),
      };
      if (row.military_unit_id !== null) await notifyUnit(trx, row.military_unit_id, 'troop', message);
      else await notifyOffice(trx, row.region_id, message);
    },
  }));
}

export async function reopenRequest(ctx: AppContext, actor: Actor, id: number, comment: string): Promise<StepResult> {
  requireCapability(actor, 'troops.write');
  const views = await unitViews(ctx, actor);
  return step(ctx, actor, id, 'reopen', (row) => ({
    changes: { resolved_at: null },
    comment,
    notices: (trx) =>
      notifyUnit(trx, row.department_id, 'department', {
        kind: 'assignment',
        title: `诉求需重新办理：${views.publicRedact(row.title)}`,
        body: '提出单位认为问题尚未解决，请查看意见后继续办理。',
        link: link(id),
      }),
  }));
}

export async function rateRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof rateRequestBody>,
): Promise<StepResult> {
  requireCapability(actor, 'troops.write');
  const views = await unitViews(ctx, actor);
  return step(ctx, actor, id, 'rate', (row, _next, now) => ({
    changes: { rating: input.rating, rating_comment: input.comment, rated_at: now },
    comment: `评分 ${input.rating} 分${input.comment ? `：${input.comment}` : ''}`,
    notices: (trx) =>
      notifyUnit(trx, row.department_id, 'department', {
        kind: 'system',
        title: `诉求已评价（${input.rating} 分）：${views.publicRedact(row.title)}`,
        link: link(id),
      }),
  }));
}

export async function commentOnRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  comment: string,
): Promise<RequestDetail> {
  requireCapability(actor, 'troops.write');
  const views = await unitViews(ctx, actor);
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requestsRepo.findRequest(trx, actor, id);
    if (!row) throw notFound();
    await requestsRepo.insertNote(trx, row, 'comment', comment, actor, now);
    await appendAudit(trx, actor, { action: 'update', entityType: 'troop_request', entityId: id, summary: '办理意见' });
    const message: NotificationMessage = {
      kind: 'system',
      title: `诉求有新的意见：${views.publicRedact(row.title)}`,
      link: link(id),
    };
    // The other side hears about it: the unit from the department and office, the department from the unit.
    if (actor.role !== 'troop') await notifyUnit(trx, row.military_unit_id, 'troop', message);
    if (actor.role !== 'department') await notifyUnit(trx, row.department_id, 'department', message);
  });
  return getRequest(ctx, actor, id);
}
