/**
 * Notices and tasks (通知与任务落实): import a notice from text, break it into tasks, assign them to units with
 * deadlines, let the units acknowledge (签收) and report (落实情况), remind the late, and show and export who has
 * done what. Every function takes the actor first and checks the capability first; the repository applies the
 * notice scope (see notices.repo.ts), so what is out of scope is NOT_FOUND.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  AssignmentItem,
  CreateNoticeRequest,
  InnerNotice,
  MyTaskItem,
  NoticeDetail,
  NoticeFileItem,
  NoticeListItem,
  NoticeMatrix,
  NoticeWarningItem,
  ParseResponse,
  TaskInput,
  UpdateNoticeRequest,
} from '../../../shared/api/notices.api.ts';
import type { UnitItem } from '../../../shared/api/units.api.ts';
import {
  type AssigneeKind,
  type AssignmentState,
  assignmentState,
  type CandidateUnit,
  chinaDate,
  countStates,
  type ParsedNotice,
  parseNotice,
  toNoticeJson,
  toSimplified,
  unitsForKinds,
} from '../../../shared/domain/notice/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as regionsService from '../regions/regions.service.ts';
import * as unitsService from '../units/units.service.ts';
import { readNoticeFile } from './notice-text.ts';
import * as repo from './notices.repo.ts';
import { matrixWorkbook } from './notices.xlsx.ts';

type Db = AppContext['db'];
type Trx = Transaction<DB>;

const parseJson = <T>(s: string | null, fallback: T): T => {
  if (s === null) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

const today = () => chinaDate(nowIso());

/** The actor's scope, plus the units it may act for (community staff read their street's tasks, they do not report). */
async function scopeFor(db: Db, actor: Actor): Promise<repo.NoticeScope & { acting: readonly number[] }> {
  const scope = await repo.scopeOf(db, actor);
  const acting = can(actor.role, 'notices.report') && actor.role !== 'community' ? scope.units : [];
  return { ...scope, acting };
}

/** Units as the viewer may see them (a military unit's alias for uncleared roles), by id. */
async function unitView(ctx: AppContext, db: Db, actor: Actor): Promise<Map<number, UnitItem>> {
  const items = await unitsService.listUnits({ ...ctx, db }, actor);
  return new Map(items.map((u) => [u.id, u]));
}

function unitRef(units: Map<number, UnitItem>, unitId: number) {
  const u = units.get(unitId);
  return {
    unitId,
    unitName: u?.name ?? `单位 #${unitId}`,
    unitDesignation: u?.designation ?? null,
    unitKind: u?.kind ?? ('department' as const),
  };
}

// ------------------------------------------------------------------------------------------------------------
// import from text

/** Units that match each kind of assignee, for an actor who may assign (office, admin). */
async function suggestionResolver(ctx: AppContext, actor: Actor, noticeRegionId: number | null) {
  if (!can(actor.role, 'notices.manage')) return () => [] as number[];
  const [units, regions] = await Promise.all([
    unitsService.listUnits(ctx, actor),
    can(actor.role, 'regions.read') ? regionsService.listRegions(ctx, actor) : Promise.resolve([]),
  ]);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const isBelow = (regionId: number | null): boolean => {
    if (regionId === null || noticeRegionId === null || regionId === noticeRegionId) return false;
    for (let r = byId.get(regionId); r; r = r.parentId === null ? undefined : byId.get(r.parentId)) {
      if (r.parentId === noticeRegionId) return true;
    }
    return false;
  };
  const candidates: CandidateUnit[] = units.map((u) => ({
    id: u.id,
    kind: u.kind,
    regionLevel: u.regionId === null ? null : (byId.get(u.regionId)?.level ?? null),
    belowNoticeRegion: isBelow(u.regionId),
    active: u.active,
  }));
  return (kinds: readonly AssigneeKind[]) => unitsForKinds(kinds, candidates);
}

function warningsOf(n: ParsedNotice): NoticeWarningItem[] {
  return n.warnings.map((w) => ({ code: w.code, message: w.message, at: w.at, length: w.length }));
}

export async function parseText(
  ctx: AppContext,
  actor: Actor,
  input: { text: string; name: string | null },
): Promise<ParseResponse> {
  requireCapability(actor, 'notices.manage');
  const parsed = parseNotice(input.text);
  const suggest = await suggestionResolver(ctx, actor, actor.regionId);
  const inner = parsed.inner;
  const attachments = [...new Set([...parsed.attachments, ...(inner?.attachments ?? [])])];
  return {
    notice: toNoticeJson(parsed),
    sourceText: input.text,
    sourceName: input.name,
    warnings: warningsOf(parsed),
    draft: {
      docNumber: parsed.docNumber,
      title: parsed.title,
      issuers: parsed.issuers,
      date: parsed.date,
      recipients: parsed.recipients,
      cc: parsed.cc,
      body: parsed.body,
      requirements: parsed.requirements,
      attachments,
      inner: inner
        ? {
            docNumber: inner.docNumber,
            title: inner.title,
            issuers: inner.issuers,
            date: inner.date,
            recipients: inner.recipients,
            body: inner.body,
          }
        : null,
      tasks: parsed.tasks.map((t) => ({
        no: t.no,
        title: t.title,
        body: t.body,
        at: t.at,
        suggestedKinds: t.suggestedAssignees,
        suggestedUnitIds: suggest(t.suggestedAssignees),
      })),
      script: parsed.script,
    },
  };
}

/** An uploaded .txt or .docx: its text, then the same as pasted text. */
export async function parseFile(
  ctx: AppContext,
  actor: Actor,
  name: string,
  bytes: Uint8Array,
): Promise<ParseResponse> {
  requireCapability(actor, 'notices.manage');
  const { text } = await readNoticeFile(name, bytes);
  return parseText(ctx, actor, { text, name });
}

// ------------------------------------------------------------------------------------------------------------
// reading

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

const fileItem = (f: repo.FileRow): NoticeFileItem => ({
  id: f.id,
  name: f.name,
  contentType: f.content_type,
  size: f.size,
  uploadedAt: f.uploaded_at,
});

/** Assignments with their state, reports and report files, as the viewer may see them. */
async function assignmentItems(
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

function stateOf(r: { deadline: string; acknowledged_at: string | null; reported_at: string | null }, day: string) {
  return assignmentState({ deadline: r.deadline, acknowledgedAt: r.acknowledged_at, reportedAt: r.reported_at }, day);
}

function countsOf(
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
    inner: inner
      ? {
          docNumber: inner.docNumber,
          title: inner.title,
          issuers: inner.issuers,
          date: inner.date,
          recipients: inner.recipients,
          body: whole ? inner.body : null,
        }
      : null,
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

// ------------------------------------------------------------------------------------------------------------
// writing notices and tasks

/** A notice the actor may manage: visible as a whole (its region's office, or an admin). */
async function managedNotice(db: Db, actor: Actor, id: number) {
  const scope = await scopeFor(db, actor);
  const n = await repo.findNotice(db, scope, id);
  if (!n) throw notFound();
  if (!repo.seesWhole(scope, n)) {
    throw new AppError('FORBIDDEN', '只有发文单位（通知所属区划的双拥办）可以修改、分派和催办此通知。');
  }
  return n;
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

// ------------------------------------------------------------------------------------------------------------
// assigning and publishing

/** Sends one message per user about new tasks for their units. */
async function notifyAssigned(
  db: Db,
  notice: { id: number; title: string },
  rows: { unit_id: number; task_no: number; task_title: string; deadline: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const actors = await repo.unitActorUserIds(db, unitIds);
  const perUser = new Map<number, typeof rows>();
  for (const r of rows) {
    for (const userId of actors.get(r.unit_id) ?? []) {
      const list = perUser.get(userId) ?? [];
      if (!list.some((x) => x.task_no === r.task_no)) list.push(r);
      perUser.set(userId, list);
    }
  }
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

// ------------------------------------------------------------------------------------------------------------
// carrying out: acknowledge, report, files

/** An assignment the actor reaches and acts for (its unit's liaison or street staff). */
async function actingAssignment(db: Db, actor: Actor, id: number) {
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

async function oneAssignment(ctx: AppContext, db: Db, actor: Actor, id: number): Promise<AssignmentItem> {
  const scope = await scopeFor(db, actor);
  const a = await repo.findAssignment(db, scope, id);
  if (!a) throw notFound();
  const [item] = await assignmentItems(db, [a], await unitView(ctx, db, actor), scope.acting, today());
  return item!;
}

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

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return clean === '' ? '附件' : clean.slice(0, 200);
}

async function storeFile(
  db: Trx,
  actor: Actor,
  target: { noticeId: number; assignmentId: number | null },
  name: string,
  contentType: string,
  bytes: Buffer,
) {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的，请检查后重新上传。');
  const now = nowIso();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = cleanFileName(name);
  const id = await repo.insertFile(
    db,
    { ...target, name: fileName, contentType, content: bytes, sha256, uploadedBy: actor.userId },
    now,
  );
  await appendAudit(db, actor, {
    action: 'create',
    entityType: 'notice_file',
    entityId: id,
    summary: `上传附件「${fileName}」（${bytes.length} 字节）`,
    after: { noticeId: target.noticeId, assignmentId: target.assignmentId, sha256 },
  });
  return { id, name: fileName, contentType, size: bytes.length, uploadedAt: now };
}

/** A file for a coming report; it becomes part of the report that lists it. */
export async function uploadReportFile(
  ctx: AppContext,
  actor: Actor,
  assignmentId: number,
  file: { name: string; contentType: string; bytes: Buffer },
): Promise<NoticeFileItem> {
  requireCapability(actor, 'notices.report');
  return ctx.db.transaction().execute(async (trx) => {
    const { a } = await actingAssignment(trx, actor, assignmentId);
    return storeFile(trx, actor, { noticeId: a.notice_id, assignmentId }, file.name, file.contentType, file.bytes);
  });
}

export async function uploadNoticeFile(
  ctx: AppContext,
  actor: Actor,
  noticeId: number,
  file: { name: string; contentType: string; bytes: Buffer },
): Promise<NoticeFileItem> {
  requireCapability(actor, 'notices.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await managedNotice(trx, actor, noticeId);
    return storeFile(trx, actor, { noticeId, assignmentId: null }, file.name, file.contentType, file.bytes);
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

export async function getFile(ctx: AppContext, actor: Actor, id: number) {
  requireCapability(actor, 'notices.read');
  const scope = await scopeFor(ctx.db, actor);
  const f = await repo.findFile(ctx.db, scope, id);
  if (!f) throw notFound();
  return { name: f.name, contentType: f.content_type, content: Buffer.from(f.content_b64, 'base64') };
}

// ------------------------------------------------------------------------------------------------------------
// my tasks, reminders, matrix, export

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
    const actors = await repo.unitActorUserIds(trx, unitIds);
    const perUser = new Map<number, typeof overdue>();
    for (const a of overdue) {
      for (const userId of actors.get(a.unit_id) ?? []) {
        const list = perUser.get(userId) ?? [];
        if (!list.some((x) => x.task_id === a.task_id)) list.push(a);
        perUser.set(userId, list);
      }
    }
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
    state?: repo.AssignmentState | undefined;
  },
  page: { offset: number; limit: number },
) {
  requireCapability(actor, 'notices.read');
  return repo.assignmentList(ctx.db, await repo.scopeOf(ctx.db, actor), { ...f, today: today() }, page);
}
