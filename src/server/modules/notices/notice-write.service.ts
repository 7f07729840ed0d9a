/** Writing notices and their tasks: register (from an import or by hand), edit, delete a draft. */
import type {
  CreateNoticeRequest,
  InnerNotice,
  NoticeDetail,
  TaskInput,
  UpdateNoticeRequest,
} from '../../../shared/api/notices.api.ts';
import { toSimplified } from '../../../shared/domain/notice/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import * as regionsService from '../regions/regions.service.ts';
import { managedNotice, parseJson } from './notice-common.ts';
import { getNotice } from './notice-read.service.ts';
import * as repo from './notices.repo.ts';

function searchTextOf(n: {
  docNumber: string | null;
  title: string;
  issuers: string[];
  body: string;
  requirements: string[];
  inner: InnerNotice | null;
  tasks: { title: string; body: string }[];
}): string {
  return toSimplified(
    [
      n.docNumber ?? '',
      n.title,
      n.issuers.join(' '),
      n.body,
      n.inner ? [n.inner.docNumber ?? '', n.inner.title ?? '', n.inner.issuers.join(' '), n.inner.body].join('\n') : '',
      ...n.tasks.map((t) => `${t.title}\n${t.body}`),
      ...n.requirements,
    ].join('\n'),
  );
}

function noticeValues(input: CreateNoticeRequest | UpdateNoticeRequest) {
  return {
    doc_number: input.docNumber,
    title: input.title,
    issuers_json: JSON.stringify(input.issuers),
    date: input.date,
    recipients_json: JSON.stringify(input.recipients),
    cc_json: JSON.stringify(input.cc),
    body: input.body,
    requirements_json: JSON.stringify(input.requirements),
    attachments_json: JSON.stringify(input.attachments),
    inner_json: input.inner ? JSON.stringify(input.inner) : null,
    search_text: searchTextOf(input),
  };
}

const taskValues = (t: TaskInput): repo.TaskValues => ({
  no: t.no,
  title: t.title,
  body: t.body,
  suggested_kinds_json: JSON.stringify(t.suggestedKinds),
});

/** What the audit log keeps of a notice: its header and task titles (no personal data in notices). */
const auditView = (n: {
  docNumber: string | null;
  title: string;
  issuers: string[];
  date: string | null;
  tasks: { no: number; title: string }[];
}) => ({
  docNumber: n.docNumber,
  title: n.title,
  issuers: n.issuers,
  date: n.date,
  tasks: n.tasks.map((t) => `${t.no}. ${t.title}`),
});

async function owningRegion(ctx: AppContext, actor: Actor, requested: number | null): Promise<number | null> {
  if (requested === null) {
    if (actor.role !== 'admin' && actor.regionId === null) {
      throw new AppError('INVALID_STATE', '您的账号没有设置所属区划，无法登记通知。请联系管理员设置后重试。');
    }
    return actor.regionId;
  }
  if (actor.regionIds !== 'all' && !actor.regionIds.includes(requested)) {
    throw new AppError('VALIDATION_FAILED', '所属区划不在您的数据范围内，请重新选择。', [
      { path: 'regionId', message: '不在数据范围内' },
    ]);
  }
  const regions = await regionsService.listRegions(ctx, actor);
  if (!regions.some((r) => r.id === requested)) {
    throw new AppError('VALIDATION_FAILED', '所属区划不存在，请重新选择。', [{ path: 'regionId', message: '不存在' }]);
  }
  return requested;
}

export async function createNotice(ctx: AppContext, actor: Actor, input: CreateNoticeRequest): Promise<NoticeDetail> {
  requireCapability(actor, 'notices.manage');
  const regionId = await owningRegion(ctx, actor, input.regionId);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertNotice(
      trx,
      {
        ...noticeValues(input),
        region_id: regionId,
        status: 'draft',
        source_name: input.source?.name ?? null,
        source_text: input.source?.text ?? null,
        source_warnings_json: JSON.stringify(input.source?.warnings ?? []),
        created_by: actor.userId,
        created_by_name: actor.displayName,
      },
      now,
    );
    for (const t of input.tasks) await repo.insertTask(trx, id, taskValues(t), now);
    await appendAudit(trx, actor, {
      action: input.source ? 'import' : 'create',
      entityType: 'notice',
      entityId: id,
      summary: input.source
        ? `从${input.source.name ? `文件「${input.source.name}」` : '粘贴文字'}导入通知，${input.tasks.length} 项任务`
        : `登记通知，${input.tasks.length} 项任务`,
      after: auditView(input),
    });
    return id;
  });
  return getNotice(ctx, actor, id);
}

export async function updateNotice(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: UpdateNoticeRequest,
): Promise<NoticeDetail> {
  requireCapability(actor, 'notices.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const n = await managedNotice(trx, actor, id);
    if (n.version !== input.version) throw new AppError('CONFLICT', '通知已被他人修改，请刷新页面后重新编辑。');
    const existing = await repo.listTasks(trx, id, true, []);
    const existingIds = new Set(existing.map((t) => t.id));
    for (const t of input.tasks) {
      if (t.id !== undefined && !existingIds.has(t.id)) {
        throw new AppError('VALIDATION_FAILED', '任务不属于此通知，请刷新页面后重试。', [
          { path: `tasks.${t.id}`, message: '不属于此通知' },
        ]);
      }
    }
    const kept = new Set(input.tasks.flatMap((t) => (t.id === undefined ? [] : [t.id])));
    const removed = existing.filter((t) => !kept.has(t.id));
    if (removed.length > 0) {
      const rows = await repo.listAssignments(trx, [id], null);
      const started = removed.find((t) =>
        rows.some((a) => a.task_id === t.id && (a.acknowledged_at !== null || a.reported_at !== null)),
      );
      if (started) {
        throw new AppError(
          'INVALID_STATE',
          `第${started.no}项「${started.title}」已有单位签收或上报，不能删除。如需调整，请修改该项内容。`,
        );
      }
    }
    const now = nowIso();
    const ok = await repo.updateNotice(trx, id, input.version, { ...noticeValues(input), updated_at: now });
    if (!ok) throw new AppError('CONFLICT', '通知已被他人修改，请刷新页面后重新编辑。');
    for (const t of removed) await repo.deleteTask(trx, t.id);
    for (const t of input.tasks) {
      if (t.id === undefined) await repo.insertTask(trx, id, taskValues(t), now);
      else await repo.updateTask(trx, t.id, taskValues(t), now);
    }
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'notice',
      entityId: id,
      before: auditView({
        docNumber: n.doc_number,
        title: n.title,
        issuers: parseJson<string[]>(n.issuers_json, []),
        date: n.date,
        tasks: existing,
      }),
      after: auditView(input),
    });
  });
  return getNotice(ctx, actor, id);
}

export async function deleteNotice(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireCapability(actor, 'notices.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const n = await managedNotice(trx, actor, id);
    if (n.status !== 'draft') {
      throw new AppError('INVALID_STATE', '已下发的通知不能删除；如需更正，请修改通知内容或调整分派。');
    }
    await repo.deleteNotice(trx, id);
    await appendAudit(trx, actor, {
      action: 'delete',
      entityType: 'notice',
      entityId: id,
      before: { docNumber: n.doc_number, title: n.title },
    });
  });
}
