/** Reading notices: the list, one notice in detail, and my tasks (the assignments of the actor's units). */
import type {
  InnerNotice,
  MyTaskItem,
  NoticeDetail,
  NoticeListItem,
  NoticeWarningItem,
} from '../../../shared/api/notices.api.ts';
import { type AssigneeKind, toSimplified } from '../../../shared/domain/notice/index.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import {
  assignmentItems,
  countsOf,
  type Db,
  fileItem,
  innerHeader,
  parseJson,
  scopeFor,
  today,
  unitView,
} from './notice-common.ts';
import { suggestionResolver } from './notice-import.service.ts';
import * as repo from './notices.repo.ts';

export async function listNotices(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string | undefined; status?: 'draft' | 'published' | undefined; page: number; pageSize: number },
): Promise<{ items: NoticeListItem[]; total: number; page: number; pageSize: number }> {
  requireCapability(actor, 'notices.read');
  const scope = await scopeFor(ctx.db, actor);
  const q = query.q ? toSimplified(query.q) : undefined;
  const { items, total } = await repo.listNotices(ctx.db, scope, {
    q,
    status: query.status,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const [assignments, taskCounts] = await Promise.all([
    repo.listVisibleAssignments(ctx.db, scope, items),
    repo.countTasks(
      ctx.db,
      items.filter((n) => repo.seesWhole(scope, n)).map((n) => n.id),
    ),
  ]);
  const day = today();
  return {
    items: items.map((n) => {
      const mine = assignments.filter((a) => a.notice_id === n.id);
      const whole = repo.seesWhole(scope, n);
      const open = mine.filter((a) => a.reported_at === null).map((a) => a.deadline);
      return {
        id: n.id,
        status: n.status,
        docNumber: n.doc_number,
        title: n.title,
        issuers: parseJson<string[]>(n.issuers_json, []),
        date: n.date,
        taskCount: whole ? (taskCounts.get(n.id) ?? 0) : new Set(mine.map((a) => a.task_id)).size,
        counts: countsOf(mine, day),
        nearestDeadline: open.length ? open.sort()[0]! : null,
        createdAt: n.created_at,
        publishedAt: n.published_at,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function detail(ctx: AppContext, db: Db, actor: Actor, id: number): Promise<NoticeDetail> {
  const scope = await scopeFor(db, actor);
  const n = await repo.findNotice(db, scope, id);
  if (!n) throw notFound();
  const whole = repo.seesWhole(scope, n);
  const canManage = whole && can(actor.role, 'notices.manage');
  const [tasks, assignmentRows, files, units] = await Promise.all([
    repo.listTasks(db, n.id, whole, scope.units),
    repo.listAssignments(db, [n.id], whole ? null : scope.units),
    repo.listNoticeFiles(db, n.id),
    unitView(ctx, db, actor),
  ]);
  const day = today();
  const assignments = await assignmentItems(db, assignmentRows, units, scope.acting, day);
  const suggest = canManage ? await suggestionResolver({ ...ctx, db }, actor, n.region_id) : () => [] as number[];
  const inner = parseJson<InnerNotice | null>(n.inner_json, null);
  return {
    id: n.id,
    status: n.status,
    regionId: n.region_id,
    docNumber: n.doc_number,
    title: n.title,
    issuers: parseJson<string[]>(n.issuers_json, []),
    date: n.date,
    recipients: parseJson<string[]>(n.recipients_json, []),
    cc: parseJson<string[]>(n.cc_json, []),
    body: whole ? n.body : null,
    requirements: parseJson<string[]>(n.requirements_json, []),
    attachments: parseJson<string[]>(n.attachments_json, []),
    inner: inner ? { ...innerHeader(inner), body: whole ? inner.body : null } : null,
    source:
      canManage && n.source_text !== null
        ? {
            name: n.source_name,
            text: n.source_text,
            warnings: parseJson<NoticeWarningItem[]>(n.source_warnings_json, []),
          }
        : null,
    files: files.map(fileItem),
    tasks: tasks.map((t) => {
      const kinds = parseJson<AssigneeKind[]>(t.suggested_kinds_json, []);
      return {
        id: t.id,
        no: t.no,
        title: t.title,
        body: t.body,
        suggestedKinds: kinds,
        suggestedUnitIds: suggest(kinds),
        assignments: assignments.filter((a) => a.taskId === t.id),
      };
    }),
    counts: countsOf(assignmentRows, day),
    version: n.version,
    createdAt: n.created_at,
    createdByName: n.created_by_name,
    publishedAt: n.published_at,
    canManage,
  };
}

export async function getNotice(ctx: AppContext, actor: Actor, id: number): Promise<NoticeDetail> {
  requireCapability(actor, 'notices.read');
  return detail(ctx, ctx.db, actor, id);
}

export async function myTasks(ctx: AppContext, actor: Actor, openOnly: boolean) {
  requireCapability(actor, 'notices.read');
  const scope = await scopeFor(ctx.db, actor);
  const rows = await repo.listUnitAssignments(ctx.db, scope.units);
  const day = today();
  const units = await unitView(ctx, ctx.db, actor);
  const items = await assignmentItems(ctx.db, rows, units, scope.acting, day);
  const out: MyTaskItem[] = items.map((item, k) => {
    const r = rows[k]!;
    return {
      ...item,
      noticeTitle: r.notice_title,
      noticeDocNumber: r.notice_doc_number,
      taskNo: r.task_no,
      taskTitle: r.task_title,
      taskBody: r.task_body,
      requirements: parseJson<string[]>(r.notice_requirements_json, []),
    };
  });
  return { items: openOnly ? out.filter((i) => i.reportedAt === null) : out, today: day };
}
