/** Raising a request (a unit's liaison, or the office on its behalf) and editing it while it waits. */
import type {
  CreateRequestBody,
  RequestDetail,
  RequestSource,
  UpdateRequestBody,
} from '../../../shared/api/troops.api.ts';
import { parsePhone } from '../../../shared/domain/phone.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { visitInScope } from '../visits/visit-links.service.ts';
import * as meetingsRepo from './meetings.repo.ts';
import * as programmesRepo from './programmes.repo.ts';
import { requireLookup, requireProgrammes } from './programmes.service.ts';
import { isOwnUnit } from './request-access.ts';
import { link, notifyOffice } from './request-notices.ts';
import { getRequest } from './request-views.service.ts';
import * as requestsRepo from './requests.repo.ts';
import { isOffice, ownMilitaryUnit, regionInScope } from './troops.access.ts';
import { unitViews } from './troops.confidential.ts';

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
  // A visit outside the office's region is answered like one that does not exist.
  if (input.visitId !== null && !(await visitInScope(ctx, actor, input.visitId))) throw notFound();
  const source: RequestSource =
    actor.role === 'troop'
      ? 'liaison'
      : (input.source ?? (meeting ? 'meeting' : input.visitId !== null ? 'visit' : 'office'));
  const familyPhone = phoneColumn(ctx, input.familyPhone);
  const now = nowIso();

  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await requestsRepo.insertRequest(trx, {
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
      ...requestsRepo.newRequestState(actor, now),
    });
    await programmesRepo.setProgrammeLinks(trx, 'request', id, input.programmeIds);
    if (meeting) await meetingsRepo.linkRequest(trx, meeting.id, id, 'produced', now);
    await requestsRepo.insertCreation(trx, id, null, actor, now);
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
    const row = await requestsRepo.findRequest(trx, actor, id);
    if (!row) throw notFound();
    if (!isOwnUnit(actor, row) && !isOffice(actor)) throw new AppError('FORBIDDEN');
    if (row.status !== 'pending') {
      throw new AppError('INVALID_STATE', '诉求已交办，不能再修改内容；如需补充，请添加办理意见或附件。');
    }
    const ok = await requestsRepo.updateRequest(trx, id, row.version, {
      kind_code: input.kindCode,
      title: input.title,
      content: input.content,
      family_name: input.familyName,
      family_relation: input.familyRelation,
      family_phone_enc: familyPhone,
      updated_at: now,
    });
    if (!ok) throw new AppError('CONFLICT');
    await programmesRepo.setProgrammeLinks(trx, 'request', id, input.programmeIds);
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
