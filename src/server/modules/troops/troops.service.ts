import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  assignRequestBody,
  CreateRequestBody,
  linkSupporterBody,
  MilitaryUnitRef,
  RequestDetail,
  RequestListItem,
  RequestSource,
  RequestStats,
  RequestSubject,
  rateRequestBody,
  requestListQuery,
  UpdateRequestBody,
} from '../../../shared/api/troops.api.ts';
import { maskPhone, parsePhone } from '../../../shared/domain/phone.ts';
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import {
  nextRequestStatus,
  type RequestAction,
  type RequestStatus,
  requestActionLabels,
  requestOverdue,
  requestStatuses,
  requestStatusLabels,
} from '../../../shared/domain/troops/request-flow.ts';
import { turnaroundByDepartment } from '../../../shared/domain/troops/turnaround.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability, systemActor } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import type { StoredFileType } from '../../platform/files.ts';
import { describeSupporters, findSupporterForLink } from '../army-people/supporters.service.ts';
import { type NotificationMessage, type NotificationTarget, notify } from '../notifications/notifications.service.ts';
import * as meetingsRepo from './meetings.repo.ts';
import { lookupNames, requireLookup, requireProgrammes } from './programmes.service.ts';
import { isOffice, ownMilitaryUnit, regionInScope } from './troops.access.ts';
import {
  type AttachmentContent,
  addAttachment,
  listAttachmentItems,
  readAttachment,
  removeAttachment,
} from './troops.attachments.ts';
import { type UnitViews, unitViews } from './troops.confidential.ts';
import * as repo from './troops.repo.ts';

type RequestRow = repo.RequestRow;
type ListQuery = z.infer<typeof requestListQuery>;
type DetailAction = RequestDetail['allowedActions'][number];

const link = (id: number) => `/troops/requests/${id}`;

// ——— who may do what ———

const isOwnUnit = (actor: Actor, row: RequestRow) =>
  actor.role === 'troop' && actor.unitId !== null && row.military_unit_id === actor.unitId;
const isAssignedDepartment = (actor: Actor, row: RequestRow) =>
  actor.role === 'department' && actor.unitId !== null && row.department_id === actor.unitId;

function mayTake(actor: Actor, row: RequestRow, action: RequestAction): boolean {
  if (!can(actor.role, 'troops.write')) return false;
  switch (action) {
    case 'assign':
      return isOffice(actor);
    case 'return':
      return isAssignedDepartment(actor, row);
    case 'resolve':
      return isAssignedDepartment(actor, row) || isOffice(actor);
    case 'reopen':
    case 'rate':
      return isOwnUnit(actor, row) || isOffice(actor);
  }
}

function allowedActions(actor: Actor, row: RequestRow): DetailAction[] {
  if (!can(actor.role, 'troops.write')) return [];
  const status = row.status as RequestStatus;
  const out: DetailAction[] = [];
  for (const action of ['assign', 'return', 'resolve', 'reopen', 'rate'] as const) {
    if (nextRequestStatus(status, action) && mayTake(actor, row, action)) out.push(action);
  }
  if (status === 'pending' && (isOwnUnit(actor, row) || isOffice(actor))) out.push('edit');
  out.push('comment', 'attach');
  if (isOffice(actor)) out.push('linkSupporter');
  return out;
}

/** Confidential attachments of a unit's request: only roles cleared for that unit; of a family's: cleared roles. */
function mayReadConfidentialOf(actor: Actor, views: UnitViews, row: { military_unit_id: number | null }): boolean {
  return row.military_unit_id !== null
    ? views.cleared(row.military_unit_id)
    : can(actor.role, 'militaryUnits.seeDesignation');
}

// ——— views ———

function toListItem(
  row: RequestRow,
  views: UnitViews,
  kinds: Map<string, string>,
  programmeIds: number[],
  now: string,
): RequestListItem {
  const overdue = requestOverdue({ status: row.status as RequestStatus, dueDate: row.due_date }, now);
  return {
    id: row.id,
    subject: row.subject as RequestSubject,
    kindCode: row.kind_code,
    kindName: kinds.get(row.kind_code) ?? row.kind_code,
    title: views.redact(row.title),
    status: row.status as RequestStatus,
    source: row.source as RequestSource,
    militaryUnit: views.military(row.military_unit_id),
    familyName: row.family_name,
    department: views.unit(row.department_id),
    dueDate: row.due_date,
    overdue: overdue.overdue,
    daysOverdue: overdue.daysOverdue,
    rating: row.rating,
    programmeIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listRequests(ctx: AppContext, actor: Actor, query: ListQuery) {
  requireCapability(actor, 'troops.read');
  const now = nowIso();
  const [views, kinds] = await Promise.all([unitViews(ctx, actor), lookupNames(ctx, 'request_kind')]);
  const { items, total } = await repo.listRequests(
    ctx.db,
    actor,
    {
      status: query.status,
      subject: query.subject,
      kind: query.kind,
      militaryUnitId: query.militaryUnitId,
      departmentId: query.departmentId,
      programmeId: query.programmeId,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      q: query.q,
      ...(await periodFilter(ctx, query)),
    },
    localDateOf(now),
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const programmes = await repo.programmeIdsFor(
    ctx.db,
    'request',
    items.map((r) => r.id),
  );
  return {
    items: items.map((r) => toListItem(r, views, kinds, programmes.get(r.id) ?? [], now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getRequest(ctx: AppContext, actor: Actor, id: number): Promise<RequestDetail> {
  requireCapability(actor, 'troops.read');
  const now = nowIso();
  const [views, kinds] = await Promise.all([unitViews(ctx, actor), lookupNames(ctx, 'request_kind')]);
  const row = await repo.findRequest(ctx.db, actor, id);
  if (!row) throw notFound();
  const [events, meetings, supporterLinks, programmeIds, allProgrammes] = await Promise.all([
    repo.listEvents(ctx.db, id),
    meetingsRepo.listMeetingsForRequest(ctx.db, actor, id),
    repo.listRequestSupporterLinks(ctx.db, id),
    repo.programmeIdsFor(ctx.db, 'request', [id]),
    repo.listProgrammes(ctx.db),
  ]);
  const supporters = await describeSupporters(
    ctx,
    supporterLinks.map((l) => l.supporter_id),
  );
  const attachments = await listAttachmentItems(ctx, 'request', id, views, mayReadConfidentialOf(actor, views, row));
  const ids = programmeIds.get(id) ?? [];
  const phone = row.family_phone_enc ? ctx.cipher.decrypt(row.family_phone_enc) : null;
  return {
    ...toListItem(row, views, kinds, ids, now),
    content: views.redact(row.content),
    familyRelation: row.family_relation,
    familyPhone: phone && !can(actor.role, 'troops.write') ? maskPhone(phone) : phone,
    personId: isOffice(actor) ? row.person_id : null,
    regionId: row.region_id,
    regionName: row.region_name,
    visitId: row.visit_id,
    ratingComment: views.redact(row.rating_comment),
    raisedBy: row.raised_by_name,
    resolvedAt: row.resolved_at,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: (e.from_status as RequestStatus | null) ?? null,
      toStatus: (e.to_status as RequestStatus | null) ?? null,
      department: views.unit(e.department_id),
      dueDate: e.due_date,
      comment: views.redact(e.comment),
      actorName: e.actor_name,
      at: e.at,
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      kind: m.kind as RequestDetail['meetings'][number]['kind'],
      title: views.redact(m.title),
      heldOn: m.held_on,
      relation: m.relation as RequestDetail['meetings'][number]['relation'],
    })),
    supporters: supporterLinks.flatMap((l) => {
      const s = supporters.get(l.supporter_id);
      return s ? [{ id: s.id, name: s.name, kind: s.kind, note: views.redact(l.note) }] : [];
    }),
    attachments,
    programmes: allProgrammes.filter((p) => ids.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    allowedActions: allowedActions(actor, row),
  };
}

// ——— raising and editing ———

function phoneColumn(ctx: AppContext, phone: string | null): string | null {
  if (!phone) return null;
  const parsed = parsePhone(phone);
  if (!parsed.ok)
    throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'familyPhone', message: parsed.message }]);
  return ctx.cipher.encrypt(parsed.value.value);
}

export async function createRequest(ctx: AppContext, actor: Actor, input: CreateRequestBody): Promise<RequestDetail> {
  requireCapability(actor, 'troops.write');
  if (actor.role !== 'troop' && !isOffice(actor)) {
    throw new AppError('FORBIDDEN', '部门联络员不能提出诉求；如需反映情况，请在已交办的诉求中填写办理意见。');
  }
  const views = await unitViews(ctx, actor);
  let unitId = input.militaryUnitId;
  let regionId: number | null;
  if (actor.role === 'troop') {
    const own = ownMilitaryUnit(actor);
    // Another unit's id is answered like one that does not exist.
    if (unitId !== null && unitId !== own) throw notFound();
    if (input.meetingId !== null || input.visitId !== null || input.personId !== null) {
      throw new AppError('FORBIDDEN', '会议和走访中提出的诉求由双拥办登记。');
    }
    unitId = own;
  }
  if (unitId !== null) {
    const unit = views.unit(unitId);
    if (unit?.kind !== 'military') throw notFound();
    regionId = views.regionOf(unitId) ?? null;
    if (actor.role !== 'troop' && !regionInScope(actor, regionId)) throw notFound();
  } else {
    if (input.subject !== 'family') {
      throw new AppError('VALIDATION_FAILED', '部队诉求请选择提出诉求的驻区部队。', [
        { path: 'militaryUnitId', message: '请选择驻区部队' },
      ]);
    }
    regionId = input.regionId ?? actor.regionId;
    if (!regionInScope(actor, regionId)) {
      throw new AppError('VALIDATION_FAILED', '请选择您管辖范围内的区域。', [
        { path: 'regionId', message: '区域不在管辖范围内' },
      ]);
    }
  }
  if (input.subject === 'family' && !input.familyName) {
    throw new AppError('VALIDATION_FAILED', '军人家庭诉求请填写家庭联系人姓名。', [
      { path: 'familyName', message: '请填写家庭联系人姓名' },
    ]);
  }
  await requireLookup(ctx, 'request_kind', input.kindCode, '诉求类别');
  await requireProgrammes(ctx, input.programmeIds);
  const meeting = input.meetingId === null ? null : await meetingsRepo.findMeeting(ctx.db, actor, input.meetingId);
  if (input.meetingId !== null && !meeting) throw notFound();
  const source: RequestSource =
    actor.role === 'troop'
      ? 'liaison'
      : (input.source ?? (meeting ? 'meeting' : input.visitId !== null ? 'visit' : 'office'));
  const familyPhone = phoneColumn(ctx, input.familyPhone);
  const now = nowIso();

  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertRequest(trx, {
      subject: input.subject,
      military_unit_id: unitId,
      region_id: regionId,
      kind_code: input.kindCode,
      title: input.title,
      content: input.content,
      family_name: input.familyName,
      family_relation: input.familyRelation,
      family_phone_enc: familyPhone,
      person_id: isOffice(actor) ? input.personId : null,
      source,
      visit_id: input.visitId,
      status: 'pending',
      department_id: null,
      due_date: null,
      assigned_at: null,
      resolved_at: null,
      rated_at: null,
      rating: null,
      rating_comment: null,
      raised_by: actor.userId,
      raised_by_name: actor.displayName,
      created_at: now,
      updated_at: now,
    });
    await repo.setProgrammeLinks(trx, 'request', id, input.programmeIds);
    if (meeting) await meetingsRepo.linkRequest(trx, meeting.id, id, 'produced', now);
    await repo.insertEvent(trx, {
      request_id: id,
      action: 'create',
      from_status: null,
      to_status: 'pending',
      department_id: null,
      due_date: null,
      comment: null,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at: now,
    });
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'troop_request',
      entityId: id,
      after: { subject: input.subject, militaryUnitId: unitId, regionId, kindCode: input.kindCode, source },
    });
    if (actor.role === 'troop') {
      await notifyOffice(trx, regionId, {
        kind: 'assignment',
        title: `新的部队诉求待交办：${views.publicRedact(input.title)}`,
        body: `${views.publicLabel(unitId)}提出了新的诉求，请确定责任部门和办理期限后交办。`,
        link: link(id),
      });
    }
    return id;
  });
  return getRequest(ctx, actor, id);
}

export async function updateRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: UpdateRequestBody,
): Promise<RequestDetail> {
  requireCapability(actor, 'troops.write');
  await requireLookup(ctx, 'request_kind', input.kindCode, '诉求类别');
  await requireProgrammes(ctx, input.programmeIds);
  const familyPhone = phoneColumn(ctx, input.familyPhone);
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findRequest(trx, actor, id);
    if (!row) throw notFound();
    if (!isOwnUnit(actor, row) && !isOffice(actor)) throw new AppError('FORBIDDEN');
    if (row.status !== 'pending') {
      throw new AppError('INVALID_STATE', '诉求已交办，不能再修改内容；如需补充，请添加办理意见或附件。');
    }
    const ok = await repo.updateRequest(trx, id, row.version, {
      kind_code: input.kindCode,
      title: input.title,
      content: input.content,
      family_name: input.familyName,
      family_relation: input.familyRelation,
      family_phone_enc: familyPhone,
      updated_at: now,
    });
    if (!ok) throw new AppError('CONFLICT');
    await repo.setProgrammeLinks(trx, 'request', id, input.programmeIds);
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_request',
      entityId: id,
      before: { kindCode: row.kind_code, title: row.title.length, content: row.content.length },
      after: { kindCode: input.kindCode, title: input.title.length, content: input.content.length },
    });
  });
  return getRequest(ctx, actor, id);
}

// ——— the flow ———

async function notifyOffice(
  trx: Transaction<DB>,
  regionId: number | null,
  message: NotificationMessage,
): Promise<number> {
  // A request without a region (its unit has none yet) goes to the administrators instead.
  const target: NotificationTarget = regionId === null ? { roles: ['admin'] } : { roles: ['office'], regionId };
  return notify(trx, target, message);
}

const notifyUnit = (
  trx: Transaction<DB>,
  unitId: number | null,
  role: 'troop' | 'department',
  m: NotificationMessage,
) => (unitId === null ? Promise.resolve(0) : notify(trx, { roles: [role], unitId }, m));

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
    const row = await repo.findRequest(trx, actor, id);
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
    const ok = await repo.updateRequest(trx, id, row.version, { ...p.changes, status: next, updated_at: now });
    if (!ok) throw new AppError('CONFLICT');
    const departmentId = p.departmentId === undefined ? row.department_id : p.departmentId;
    const dueDate = p.dueDate === undefined ? row.due_date : p.dueDate;
    await repo.insertEvent(trx, {
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
    const row = await repo.findRequest(trx, actor, id);
    if (!row) throw notFound();
    await repo.insertEvent(trx, {
      request_id: id,
      action: 'comment',
      from_status: row.status,
      to_status: row.status,
      department_id: row.department_id,
      due_date: row.due_date,
      comment,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at: now,
    });
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

// ——— attachments and supporters ———

async function requestInScope(ctx: AppContext, actor: Actor, id: number): Promise<RequestRow> {
  const row = await repo.findRequest(ctx.db, actor, id);
  if (!row) throw notFound();
  return row;
}

export async function uploadRequestAttachment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  options: { name?: string | undefined; confidential: boolean },
) {
  requireCapability(actor, 'troops.write');
  const row = await requestInScope(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  const fileId = await addAttachment(ctx, actor, 'request', id, bytes, options);
  const items = await listAttachmentItems(ctx, 'request', id, views, mayReadConfidentialOf(actor, views, row));
  return items.find((i) => i.id === fileId)!;
}

export async function downloadRequestAttachment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
): Promise<AttachmentContent> {
  requireCapability(actor, 'troops.read');
  const row = await requestInScope(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  return readAttachment(ctx, 'request', id, fileId, views, mayReadConfidentialOf(actor, views, row));
}

export async function deleteRequestAttachment(ctx: AppContext, actor: Actor, id: number, fileId: number) {
  requireCapability(actor, 'troops.write');
  const row = await requestInScope(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  const file = (await repo.listAttachments(ctx.db, 'request', id)).find((f) => f.id === fileId);
  if (!file || (file.confidential === 1 && !mayReadConfidentialOf(actor, views, row))) throw notFound();
  if (file.uploaded_by !== actor.userId && !isOffice(actor)) {
    throw new AppError('FORBIDDEN', '只能删除自己上传的附件。');
  }
  await removeAttachment(ctx, actor, 'request', id, fileId);
}

export const requestFileTypes: readonly StoredFileType[] = ['image/jpeg', 'image/png', 'application/pdf'];

export async function linkSupporter(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof linkSupporterBody>,
): Promise<RequestDetail> {
  requireCapability(actor, 'troops.write');
  await requestInScope(ctx, actor, id);
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '由双拥办确定参与解决诉求的社会力量。');
  const supporter = await findSupporterForLink(ctx, actor, input.supporterId);
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const created = await repo.linkSupporter(trx, id, supporter.id, input.note, now);
    const row = (await repo.findRequest(trx, actor, id))!;
    if (created) {
      await repo.insertEvent(trx, {
        request_id: id,
        action: 'supporter',
        from_status: row.status,
        to_status: row.status,
        department_id: row.department_id,
        due_date: row.due_date,
        comment: `社会力量参与解决：${supporter.name}${input.note ? `（${input.note}）` : ''}`,
        actor_user_id: actor.userId,
        actor_name: actor.displayName,
        at: now,
      });
    }
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_request',
      entityId: id,
      summary: '关联社会力量',
      after: { supporterId: supporter.id },
    });
  });
  return getRequest(ctx, actor, id);
}

export async function unlinkSupporter(
  ctx: AppContext,
  actor: Actor,
  id: number,
  supporterId: number,
): Promise<RequestDetail> {
  requireCapability(actor, 'troops.write');
  await requestInScope(ctx, actor, id);
  if (!isOffice(actor)) throw new AppError('FORBIDDEN');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.unlinkSupporter(trx, id, supporterId))) throw notFound();
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_request',
      entityId: id,
      summary: '取消关联社会力量',
      before: { supporterId },
    });
  });
  return getRequest(ctx, actor, id);
}

/** The requests a supporter helps with, as the viewer may see them (for the supporter's page). */
export async function requestsForSupporter(ctx: AppContext, actor: Actor, supporterId: number) {
  if (!can(actor.role, 'troops.read')) return [];
  const views = await unitViews(ctx, actor);
  const rows = await repo.listSupporterRequestLinks(ctx.db, actor, supporterId);
  return rows.map((r) => ({
    id: r.id,
    title: views.redact(r.title),
    status: r.status as RequestStatus,
    militaryUnit: views.military(r.military_unit_id) as MilitaryUnitRef | null,
    note: views.redact(r.note),
  }));
}

/** How many of the requests the viewer may see each supporter is linked to. */
export async function supporterLinkCounts(ctx: AppContext, actor: Actor, supporterIds: readonly number[]) {
  if (!can(actor.role, 'troops.read')) return new Map<number, number>();
  return repo.countSupporterLinks(ctx.db, actor, supporterIds);
}

// ——— figures ———

/** Beijing midnight of a date, as an instant: raised-date filters compare stored instants with it. */
const beijingMidnight = (date: string, days = 0) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();

async function periodFilter(
  ctx: AppContext,
  f: { from?: string | undefined; to?: string | undefined; regionId?: number | undefined },
): Promise<repo.RequestFilter> {
  return {
    createdFrom: f.from ? beijingMidnight(f.from) : undefined,
    createdBefore: f.to ? beijingMidnight(f.to, 1) : undefined,
    regionIds: f.regionId === undefined ? undefined : await repo.regionSubtreeIds(ctx.db, f.regionId),
  };
}

/**
 * Requests raised in a period, per responsible department (null: not assigned yet): received, resolved, open,
 * overdue, days from assignment to resolution (sum and count) and ratings (sum and count), in one grouped query.
 */
export async function requestFigures(ctx: AppContext, actor: Actor, period: { from: string; to: string }) {
  requireCapability(actor, 'troops.read');
  const now = nowIso();
  const [views, rows] = await Promise.all([
    unitViews(ctx, actor),
    repo.requestGroups(ctx.db, actor, await periodFilter(ctx, period), localDateOf(now)),
  ]);
  return rows.map((r) => ({
    ...r,
    departmentName: r.departmentId === null ? null : (views.unit(r.departmentId)?.name ?? null),
  }));
}

export async function requestStats(ctx: AppContext, actor: Actor): Promise<RequestStats> {
  requireCapability(actor, 'troops.read');
  const now = nowIso();
  const [views, kinds, rows] = await Promise.all([
    unitViews(ctx, actor),
    lookupNames(ctx, 'request_kind'),
    repo.listRequestsForStats(ctx.db, actor),
  ]);
  const byStatus = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as RequestStats['byStatus'];
  const byKind = new Map<string, number>();
  let overdue = 0;
  let ratingSum = 0;
  let rated = 0;
  for (const r of rows) {
    const status = r.status as RequestStatus;
    byStatus[status]++;
    byKind.set(r.kind_code, (byKind.get(r.kind_code) ?? 0) + 1);
    if (requestOverdue({ status, dueDate: r.due_date }, now).overdue) overdue++;
    if (r.rating !== null) {
      ratingSum += r.rating;
      rated++;
    }
  }
  const turnaround = turnaroundByDepartment(
    rows
      .filter((r) => r.department_id !== null && r.assigned_at !== null)
      .map((r) => ({
        departmentId: r.department_id!,
        status: r.status as RequestStatus,
        assignedAt: r.assigned_at!,
        dueDate: r.due_date,
        resolvedAt: r.resolved_at,
        rating: r.rating,
      })),
    now,
  );
  return {
    total: rows.length,
    byStatus,
    overdue,
    averageRating: rated ? Math.round((ratingSum / rated) * 100) / 100 : null,
    byKind: [...byKind.entries()]
      .map(([code, count]) => ({ code, name: kinds.get(code) ?? code, count }))
      .sort((a, b) => b.count - a.count),
    departments: turnaround.flatMap(({ departmentId, ...t }) => {
      const department = views.unit(departmentId);
      return department ? [{ department, ...t }] : [];
    }),
  };
}

// ——— overdue alerts ———

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
    actor.role === 'admin' ? null : new Set((await repo.listRequestsForStats(ctx.db, actor)).map((r) => r.id));
  const candidates = (await repo.listOverdueCandidates(ctx.db, today)).filter((c) => !inScope || inScope.has(c.id));
  let flagged = 0;
  let notified = 0;
  for (const c of candidates) {
    const dueDate = c.due_date!;
    const verdict = requestOverdue({ status: c.status as RequestStatus, dueDate }, now);
    if (!verdict.overdue) continue;
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.claimOverdueAlert(trx, c.id, dueDate))) return;
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
      await repo.insertEvent(trx, {
        request_id: c.id,
        action: 'overdue',
        from_status: c.status,
        to_status: c.status,
        department_id: c.department_id,
        due_date: dueDate,
        comment: `已超过办理期限 ${verdict.daysOverdue} 天，已提醒双拥办和责任部门。`,
        actor_user_id: actor.userId,
        actor_name: actor.displayName,
        at: now,
      });
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
