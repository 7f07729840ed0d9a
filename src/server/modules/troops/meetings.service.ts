import type { z } from 'zod';
import type {
  linkMeetingRequestBody,
  MeetingDetail,
  MeetingKind,
  MeetingListItem,
  MeetingRelation,
  meetingListQuery,
  SaveMeetingBody,
} from '../../../shared/api/troops.api.ts';
import type { RequestStatus } from '../../../shared/domain/troops/request-flow.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import * as repo from './meetings.repo.ts';
import * as requestsRepo from './requests.repo.ts';
import { isOffice, regionInScope, requireOffice } from './troops.access.ts';
import {
  type AttachmentContent,
  addAttachment,
  listAttachmentItems,
  readAttachment,
  removeAttachment,
} from './troops.attachments.ts';
import { type UnitViews, unitViews } from './troops.confidential.ts';

const parseDecisions = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** Confidential meeting files (minutes naming several units): the office, admins and leaders only. */
const mayReadConfidentialFiles = (actor: Actor) =>
  actor.role !== 'troop' && can(actor.role, 'militaryUnits.seeDesignation');

function toListItem(row: repo.MeetingRow, views: UnitViews, requestCount: number): MeetingListItem {
  return {
    id: row.id,
    kind: row.kind as MeetingKind,
    title: views.redact(row.title),
    heldOn: row.held_on,
    place: views.redact(row.place),
    attendeeCount: Number(row.attendee_count ?? 0),
    requestCount,
    decisionCount: parseDecisions(row.decisions_json).length,
  };
}

export async function listMeetings(ctx: AppContext, actor: Actor, query: z.infer<typeof meetingListQuery>) {
  requireCapability(actor, 'troops.read');
  const views = await unitViews(ctx, actor);
  const { items, total } = await repo.listMeetings(
    ctx.db,
    actor,
    { kind: query.kind, from: query.from, to: query.to },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const counts = await repo.countMeetingRequests(
    ctx.db,
    actor,
    items.map((m) => m.id),
  );
  return {
    items: items.map((m) => toListItem(m, views, counts.get(m.id) ?? 0)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: number): Promise<MeetingDetail> {
  requireCapability(actor, 'troops.read');
  const views = await unitViews(ctx, actor);
  const row = await repo.findMeeting(ctx.db, actor, id);
  if (!row) throw notFound();
  const [attendees, requests, attachments] = await Promise.all([
    repo.listAttendees(ctx.db, id),
    repo.listMeetingRequests(ctx.db, actor, id),
    listAttachmentItems(ctx, 'meeting', id, views, mayReadConfidentialFiles(actor)),
  ]);
  return {
    ...toListItem(row, views, requests.length),
    regionId: row.region_id,
    minutes: views.redact(row.minutes),
    decisions: parseDecisions(row.decisions_json).map((d) => views.redact(d)),
    attendees: attendees.map((a) => ({ unit: views.unit(a.unit_id), name: a.name, title: a.title })),
    requests: requests.map((r) => ({
      id: r.id,
      title: views.redact(r.title),
      status: r.status as RequestStatus,
      relation: r.relation as MeetingRelation,
      militaryUnit: views.military(r.military_unit_id),
      department: views.unit(r.department_id),
    })),
    attachments,
    canEdit: isOffice(actor),
  };
}

async function meetingRecord(ctx: AppContext, actor: Actor, input: SaveMeetingBody): Promise<repo.MeetingRecord> {
  const regionId = input.regionId ?? actor.regionId;
  if (!regionInScope(actor, regionId) && !(actor.role === 'admin' && regionId === null)) {
    throw new AppError('VALIDATION_FAILED', '请选择您管辖范围内的区域。', [
      { path: 'regionId', message: '区域不在管辖范围内' },
    ]);
  }
  const views = await unitViews(ctx, actor);
  input.attendees.forEach((a, i) => {
    if (a.unitId !== null && !views.unit(a.unitId)) {
      throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 位参会人员的单位不存在，请重新选择。`, [
        { path: `attendees.${i}.unitId`, message: '单位不存在' },
      ]);
    }
    if (a.unitId === null && !a.name) {
      throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 位参会人员请填写单位或姓名。`, [
        { path: `attendees.${i}`, message: '请填写单位或姓名' },
      ]);
    }
  });
  return {
    kind: input.kind,
    title: input.title,
    held_on: input.heldOn,
    place: input.place,
    region_id: regionId,
    minutes: input.minutes,
    decisions_json: JSON.stringify(input.decisions),
  };
}

const attendeeRows = (input: SaveMeetingBody) =>
  input.attendees.map((a) => ({ unit_id: a.unitId, name: a.name, title: a.title }));

/** What the audit log keeps of a meeting: its shape, not the minutes (which may name units). */
const auditView = (input: SaveMeetingBody) => ({
  kind: input.kind,
  heldOn: input.heldOn,
  regionId: input.regionId,
  attendeeUnitIds: input.attendees.map((a) => a.unitId).filter((x) => x !== null),
  attendees: input.attendees.length,
  decisions: input.decisions.length,
});

export async function createMeeting(ctx: AppContext, actor: Actor, input: SaveMeetingBody): Promise<MeetingDetail> {
  requireCapability(actor, 'troops.write');
  requireOffice(actor);
  const record = await meetingRecord(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertMeeting(trx, record, actor.userId, nowIso());
    await repo.replaceAttendees(trx, id, attendeeRows(input));
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'troop_meeting',
      entityId: id,
      after: auditView(input),
    });
    return id;
  });
  return getMeeting(ctx, actor, id);
}

export async function updateMeeting(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SaveMeetingBody,
): Promise<MeetingDetail> {
  requireCapability(actor, 'troops.write');
  const before = await repo.findMeeting(ctx.db, actor, id);
  if (!before) throw notFound();
  requireOffice(actor);
  const record = await meetingRecord(ctx, actor, input);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateMeeting(trx, id, record, nowIso());
    await repo.replaceAttendees(trx, id, attendeeRows(input));
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_meeting',
      entityId: id,
      before: { kind: before.kind, heldOn: before.held_on, regionId: before.region_id },
      after: auditView(input),
    });
  });
  return getMeeting(ctx, actor, id);
}

/** Links an existing request to a meeting (both must be in the actor's scope). */
export async function linkRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof linkMeetingRequestBody>,
): Promise<MeetingDetail> {
  requireCapability(actor, 'troops.write');
  const meeting = await repo.findMeeting(ctx.db, actor, id);
  if (!meeting) throw notFound();
  requireOffice(actor);
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const request = await requestsRepo.findRequest(trx, actor, input.requestId);
    if (!request) throw notFound();
    await repo.linkRequest(trx, id, request.id, input.relation, now);
    await requestsRepo.insertNote(
      trx,
      request,
      'meeting',
      `${input.relation === 'produced' ? '在会议中提出' : '在会议中研究'}：${meeting.title}（${meeting.held_on}）`,
      actor,
      now,
    );
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_meeting',
      entityId: id,
      summary: '关联诉求',
      after: { requestId: request.id, relation: input.relation },
    });
  });
  return getMeeting(ctx, actor, id);
}

export async function unlinkRequest(
  ctx: AppContext,
  actor: Actor,
  id: number,
  requestId: number,
): Promise<MeetingDetail> {
  requireCapability(actor, 'troops.write');
  const meeting = await repo.findMeeting(ctx.db, actor, id);
  if (!meeting) throw notFound();
  requireOffice(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const request = await requestsRepo.findRequest(trx, actor, requestId);
    if (!request || !(await repo.unlinkRequest(trx, id, requestId))) throw notFound();
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_meeting',
      entityId: id,
      summary: '取消关联诉求',
      before: { requestId },
    });
  });
  return getMeeting(ctx, actor, id);
}

export async function uploadMeetingAttachment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  options: { name?: string | undefined; confidential: boolean },
) {
  requireCapability(actor, 'troops.write');
  if (!(await repo.findMeeting(ctx.db, actor, id))) throw notFound();
  requireOffice(actor);
  const views = await unitViews(ctx, actor);
  return addAttachment(ctx, actor, 'meeting', id, bytes, options, {
    views,
    mayReadConfidential: mayReadConfidentialFiles(actor),
  });
}

export async function downloadMeetingAttachment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
): Promise<AttachmentContent> {
  requireCapability(actor, 'troops.read');
  if (!(await repo.findMeeting(ctx.db, actor, id))) throw notFound();
  const views = await unitViews(ctx, actor);
  return readAttachment(ctx, 'meeting', id, fileId, views, mayReadConfidentialFiles(actor));
}

export async function deleteMeetingAttachment(ctx: AppContext, actor: Actor, id: number, fileId: number) {
  requireCapability(actor, 'troops.write');
  if (!(await repo.findMeeting(ctx.db, actor, id))) throw notFound();
  requireOffice(actor);
  await removeAttachment(ctx, actor, 'meeting', id, fileId);
}
