/**
 * A need raised during a campaign visit that a department must handle (转为诉求) becomes a request about that
 * one family, linked both ways: the request keeps the visit and the person, the visit shows the request and
 * its status. Opened inside the visit's own transaction, so a visit recorded once opens its requests once;
 * (visit_id, visit_need_no) is unique besides. Family requests carry no military unit: a troop liaison never
 * sees them, nor anyone from the registry.
 */
import type { Transaction } from 'kysely';
import type { VisitRequestRef } from '../../../shared/api/campaign-visits.api.ts';
import { parsePhone } from '../../../shared/domain/phone.ts';
import { type RequestStatus, requestStatusLabels } from '../../../shared/domain/troops/request-flow.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as programmesRepo from './programmes.repo.ts';
import { lookupNames } from './programmes.service.ts';
import * as requestsRepo from './requests.repo.ts';
import * as visitRepo from './visit-requests.repo.ts';

export interface VisitNeed {
  kindCode: string;
  content: string;
  contactPhone: string | null;
}

export interface VisitOrigin {
  visitId: number;
  personId: number;
  personName: string;
  /** The family's community: where the request belongs for the office's scope. */
  regionId: number;
  campaignId: number;
  campaignName: string;
  programmeIds: readonly number[];
}

/** Request kinds a visitor may choose for a family (kinds marked for families, or for either). */
export async function familyRequestKinds(ctx: AppContext): Promise<{ code: string; name: string }[]> {
  return (await programmesRepo.listLookups(ctx.db, 'request_kind'))
    .filter((k) => k.active === 1 && k.subject !== 'unit')
    .map((k) => ({ code: k.code, name: k.name }));
}

/**
 * Checks the needs before anything is written, and answers the kinds' names for the transaction (which must
 * not read outside itself). A kind switched off after the visit was recorded offline is still accepted (the
 * visit happened); an unknown one is refused with what to do.
 */
export async function checkVisitNeeds(ctx: AppContext, needs: readonly VisitNeed[]): Promise<Map<string, string>> {
  if (needs.length === 0) return new Map();
  const kinds = await lookupNames(ctx, 'request_kind');
  for (const [i, need] of needs.entries()) {
    if (!kinds.has(need.kindCode)) {
      throw new AppError('VALIDATION_FAILED', `诉求类别“${need.kindCode}”不存在，请重新选择诉求类别后提交。`, [
        { path: `body.requests.${i}.kindCode`, message: '诉求类别不存在' },
      ]);
    }
    if (need.contactPhone && !parsePhone(need.contactPhone).ok) {
      throw new AppError('VALIDATION_FAILED', '诉求的联系电话有误，请核对后重新提交。', [
        { path: `body.requests.${i}.contactPhone`, message: '联系电话有误' },
      ]);
    }
  }
  return kinds;
}

function titleOf(kindName: string, content: string): string {
  const first = content.replace(/\s+/g, ' ').trim();
  const short = first.length > 40 ? `${first.slice(0, 40)}…` : first;
  return `${kindName}：${short}`.slice(0, 100);
}

/** Opens one request per need, in the visit's transaction (`kinds` from checkVisitNeeds); returns their ids. */
export async function openRequestsFromVisit(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  origin: VisitOrigin,
  needs: readonly VisitNeed[],
  kinds: ReadonlyMap<string, string>,
  now: string,
): Promise<number[]> {
  requireCapability(actor, 'campaign.visit');
  if (needs.length === 0) return [];
  const ids: number[] = [];
  for (const [i, need] of needs.entries()) {
    const phone = need.contactPhone ? parsePhone(need.contactPhone) : null;
    const id = await requestsRepo.insertRequest(trx, {
      subject: 'family',
      military_unit_id: null,
      region_id: origin.regionId,
      kind_code: need.kindCode,
      title: titleOf(kinds.get(need.kindCode) ?? need.kindCode, need.content),
      content: need.content,
      family_name: origin.personName,
      family_relation: null,
      family_phone_enc: phone?.ok ? ctx.cipher.encrypt(phone.value.value) : null,
      person_id: origin.personId,
      source: 'visit',
      visit_id: origin.visitId,
      visit_need_no: i + 1,
      ...requestsRepo.newRequestState(actor, now),
    });
    await programmesRepo.setProgrammeLinks(trx, 'request', id, origin.programmeIds);
    await requestsRepo.insertCreation(trx, id, `走访中提出（${origin.campaignName}）`, actor, now);
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'troop_request',
      entityId: id,
      summary: `走访中提出的诉求（走访 ${origin.visitId}）`,
      after: { subject: 'family', regionId: origin.regionId, kindCode: need.kindCode, source: 'visit' },
    });
    ids.push(id);
  }
  await notify(
    trx,
    { roles: ['office'], regionId: origin.regionId },
    {
      kind: 'assignment',
      title: `走访中提出了 ${ids.length} 项诉求，待交办`,
      body: `「${origin.campaignName}」走访中登记了需部门办理的诉求，请确定责任部门和办理期限后交办。`,
      link: `/troops/requests/${ids[0]}`,
    },
  );
  return ids;
}

/** The requests each visit opened, with their current status (the visits are already in the viewer's scope). */
export async function requestsOfVisits(
  ctx: AppContext,
  visitIds: readonly number[],
): Promise<Map<number, VisitRequestRef[]>> {
  const out = new Map<number, VisitRequestRef[]>();
  if (visitIds.length === 0) return out;
  const [rows, kinds] = await Promise.all([
    visitRepo.listRequestsOfVisits(ctx.db, visitIds),
    lookupNames(ctx, 'request_kind'),
  ]);
  for (const r of rows) {
    const status = r.status as RequestStatus;
    const ref: VisitRequestRef = {
      id: r.id,
      kindName: kinds.get(r.kind_code) ?? r.kind_code,
      title: r.title,
      status,
      statusLabel: requestStatusLabels[status] ?? r.status,
    };
    out.set(r.visit_id!, [...(out.get(r.visit_id!) ?? []), ref]);
  }
  return out;
}
