/** Supporters (社会力量) linked to the requests they help solve, seen from either side. */
import type { z } from 'zod';
import type { linkSupporterBody, MilitaryUnitRef, RequestDetail } from '../../../shared/api/troops.api.ts';
import type { RequestStatus } from '../../../shared/domain/troops/request-flow.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { findSupporterForLink } from '../army-people/supporters.service.ts';
import { requestInScope } from './request-access.ts';
import * as supportersRepo from './request-supporters.repo.ts';
import { getRequest } from './request-views.service.ts';
import * as requestsRepo from './requests.repo.ts';
import { isOffice } from './troops.access.ts';
import { unitViews } from './troops.confidential.ts';

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
    const created = await supportersRepo.linkSupporter(trx, id, supporter.id, input.note, now);
    const row = (await requestsRepo.findRequest(trx, actor, id))!;
    if (created) {
      await requestsRepo.insertNote(
        trx,
        row,
        'supporter',
        `社会力量参与解决：${supporter.name}${input.note ? `（${input.note}）` : ''}`,
        actor,
        now,
      );
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
    if (!(await supportersRepo.unlinkSupporter(trx, id, supporterId))) throw notFound();
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
  const rows = await supportersRepo.listSupporterRequestLinks(ctx.db, actor, supporterId);
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
  return supportersRepo.countSupporterLinks(ctx.db, actor, supporterIds);
}
