/** Requests as the viewer sees them: the list with its filters, and one request with its history. */
import type { z } from 'zod';
import type {
  RequestDetail,
  RequestListItem,
  RequestSource,
  RequestSubject,
  requestListQuery,
} from '../../../shared/api/troops.api.ts';
import { maskPhone } from '../../../shared/domain/phone.ts';
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { type RequestStatus, requestOverdue } from '../../../shared/domain/troops/request-flow.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import { describeSupporters } from '../army-people/supporters.service.ts';
import { regionSubtreeIds } from '../regions/regions.repo.ts';
import { visitOrigin } from '../visits/visit-links.service.ts';
import * as meetingsRepo from './meetings.repo.ts';
import * as programmesRepo from './programmes.repo.ts';
import { lookupNames } from './programmes.service.ts';
import { allowedActions, mayReadConfidentialOf } from './request-access.ts';
import * as supportersRepo from './request-supporters.repo.ts';
import * as requestsRepo from './requests.repo.ts';
import { isOffice } from './troops.access.ts';
import { listAttachmentItems } from './troops.attachments.ts';
import { type UnitViews, unitViews } from './troops.confidential.ts';

type RequestRow = requestsRepo.RequestRow;
type ListQuery = z.infer<typeof requestListQuery>;

export function toListItem(
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
  const { items, total } = await requestsRepo.listRequests(
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
  const programmes = await programmesRepo.programmeIdsFor(
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
  const row = await requestsRepo.findRequest(ctx.db, actor, id);
  if (!row) throw notFound();
  const [events, meetings, supporterLinks, programmeIds, allProgrammes, visit] = await Promise.all([
    requestsRepo.listEvents(ctx.db, id),
    meetingsRepo.listMeetingsForRequest(ctx.db, actor, id),
    supportersRepo.listRequestSupporterLinks(ctx.db, id),
    programmesRepo.programmeIdsFor(ctx.db, 'request', [id]),
    programmesRepo.listProgrammes(ctx.db),
    row.visit_id === null ? null : visitOrigin(ctx, row.visit_id),
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
    visit,
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

/** Beijing midnight of a date, as an instant: raised-date filters compare stored instants with it. */
const beijingMidnight = (date: string, days = 0) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();

export async function periodFilter(
  ctx: AppContext,
  f: { from?: string | undefined; to?: string | undefined; regionId?: number | undefined },
): Promise<requestsRepo.RequestFilter> {
  return {
    createdFrom: f.from ? beijingMidnight(f.from) : undefined,
    createdBefore: f.to ? beijingMidnight(f.to, 1) : undefined,
    regionIds: f.regionId === undefined ? undefined : await regionSubtreeIds(ctx.db, f.regionId),
  };
}
