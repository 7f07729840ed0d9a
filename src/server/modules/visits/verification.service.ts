/**
 * 回访抽查 (a random sample of delivered entries checked by phone) and follow-up cases for the streets: needs
 * raised during visits, and samples where the family did not receive the package or names another amount.
 */
import { randomInt } from 'node:crypto';
import type { CaseItem, VerificationItem } from '../../../shared/api/campaign-visits.api.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { loadCampaign, regionInScope, requireStatus } from '../campaigns/campaign-access.ts';
import type { RegionIndex } from '../campaigns/campaign-regions.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './visits.repo.ts';

const yuan = (cents: number) => (cents / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

function toVerificationItem(v: repo.VerificationRow, regions: RegionIndex): VerificationItem {
  return {
    id: v.id,
    entryId: v.entry_id,
    personName: v.person_name,
    phoneMasked: v.phone_masked,
    streetName: regions.name(v.street_id),
    communityName: regions.name(v.community_id),
    batch: v.batch,
    drawnAt: v.drawn_at,
    visitedOn: v.visited_on,
    deliveredCashCents: v.delivered_cash_cents,
    outcome: v.outcome as VerificationItem['outcome'],
    reportedCashCents: v.reported_cash_cents,
    note: v.note,
    caseId: v.case_id,
    checkedByName: v.checked_by_name,
    checkedAt: v.checked_at,
  };
}

/** Draws `size` delivered entries at random (crypto randomness, without repetition, never twice per campaign). */
export async function drawSample(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { size: number; streetId: number | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, campaignId, { manage: true, forUpdate: true });
    requireStatus(campaign, ['in_progress', 'closed'], '抽查（须已有走访发放记录）');
    if (input.streetId !== null && !regionInScope(actor, input.streetId)) throw notFound();
    const candidates = await repo.sampleCandidates(trx, actor, campaignId, input.streetId);
    if (candidates.length === 0) {
      throw new AppError('INVALID_STATE', '没有可抽查的已发放对象（已发放的均已抽过），请待更多走访登记后再抽。');
    }
    const size = Math.min(input.size, candidates.length);
    // Partial Fisher–Yates: the first `size` places hold a uniform sample.
    for (let i = 0; i < size; i++) {
      const j = i + randomInt(candidates.length - i);
      [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    }
    const chosen = candidates.slice(0, size);
    const batch = await repo.nextBatch(trx, campaignId);
    const now = nowIso();
    await trx
      .insertInto('campaign_verifications')
      .values(
        chosen.map((c) => ({
          campaign_id: campaignId,
          entry_id: c.id,
          visit_id: c.visit_id ?? 0,
          street_id: c.street_id,
          community_id: c.community_id,
          batch,
          drawn_by_name: actor.displayName,
          drawn_at: now,
        })),
      )
      .execute();
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'campaign_verification',
      entityId: campaignId,
      summary: `回访抽查第 ${batch} 批：从 ${candidates.length} 户已发放对象中随机抽取 ${size} 户`,
      after: { batch, entryIds: chosen.map((c) => c.id) },
    });
    const rows = (await repo.listVerifications(trx, actor, campaignId)).filter((v) => v.batch === batch);
    return { items: rows.map((v) => toVerificationItem(v, regions)) };
  });
}

export async function listVerifications(ctx: AppContext, actor: Actor, campaignId: number) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const rows = await repo.listVerifications(ctx.db, actor, campaignId);
  return { items: rows.map((v) => toVerificationItem(v, regions)) };
}

const problemTitles = {
  not_received: '回访抽查：对象称未收到慰问金（品）',
  amount_differs: '回访抽查：对象所述金额与登记不符',
} as const;

export async function recordOutcome(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  verificationId: number,
  input: { outcome: VerificationItem['outcome'] & string; reportedCashCents: number | null; note: string | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, campaignId, { manage: true });
    const v = (await repo.listVerifications(trx, actor, campaignId, verificationId))[0];
    if (!v) throw notFound();
    if (v.outcome !== null) throw new AppError('INVALID_STATE', '该户的抽查结果已登记，不能重复登记。');
    const now = nowIso();
    let caseId: number | null = null;
    if (input.outcome === 'not_received' || input.outcome === 'amount_differs') {
      const detail =
        input.outcome === 'amount_differs'
          ? `登记发放慰问金 ${yuan(v.delivered_cash_cents)} 元，对象称实收 ${yuan(input.reportedCashCents ?? 0)} 元。${input.note ?? ''}`
          : `登记于 ${v.visited_on} 发放，对象称未收到。${input.note ?? ''}`;
      caseId = await repo.insertCase(trx, {
        campaign_id: campaignId,
        entry_id: v.entry_id,
        person_id: v.person_id,
        street_id: v.street_id,
        community_id: v.community_id,
        source: 'verification',
        title: problemTitles[input.outcome],
        detail,
        status: 'open',
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_at: now,
      });
      await notify(
        trx,
        { regionId: v.community_id, roles: ['street'] },
        {
          kind: 'assignment',
          title: `「${campaign.name}」回访抽查发现问题，请核实`,
          link: `/campaigns/${campaignId}?tab=cases`,
        },
      );
    }
    const updated = await trx
      .updateTable('campaign_verifications')
      .set({
        outcome: input.outcome,
        reported_cash_cents: input.reportedCashCents,
        note: input.note,
        case_id: caseId,
        checked_by_name: actor.displayName,
        checked_at: now,
      })
      .where('id', '=', verificationId)
      .where('outcome', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('INVALID_STATE', '该户的抽查结果已登记，不能重复登记。');
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_verification',
      entityId: verificationId,
      summary: '登记回访抽查结果',
      after: { outcome: input.outcome, reportedCashCents: input.reportedCashCents, caseId },
    });
    const row = (await repo.listVerifications(trx, actor, campaignId, verificationId))[0]!;
    return toVerificationItem(row, regions);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

function toCaseItem(c: repo.CaseListRow, regions: RegionIndex): CaseItem {
  return {
    id: c.id,
    entryId: c.entry_id,
    personId: c.person_id,
    personName: c.person_name,
    streetName: regions.name(c.street_id),
    communityName: regions.name(c.community_id),
    source: c.source === 'verification' ? 'verification' : 'visit',
    title: c.title,
    detail: c.detail,
    status: c.status === 'resolved' ? 'resolved' : 'open',
    resolution: c.resolution,
    createdByName: c.created_by_name,
    createdAt: c.created_at,
    resolvedByName: c.resolved_by_name,
    resolvedAt: c.resolved_at,
  };
}

export async function listCases(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  status: 'open' | 'resolved' | 'all',
) {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const rows = await repo.listCases(ctx.db, actor, campaignId, status);
  return { items: rows.map((c) => toCaseItem(c, regions)) };
}

export async function resolveCase(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  caseId: number,
  resolution: string,
) {
  requireCapability(actor, 'campaign.visit');
  if (!(actor.role === 'street' || can(actor.role, 'campaign.manage'))) {
    throw new AppError('FORBIDDEN', '跟进事项由街道（镇）或双拥办办结。');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { regions } = await loadCampaign(trx, actor, campaignId, { capability: 'campaign.visit' });
    const found = await repo.findCase(trx, actor, campaignId, caseId);
    if (!found) throw notFound();
    if (!(await repo.resolveCase(trx, caseId, resolution, actor.displayName, nowIso()))) {
      throw new AppError('INVALID_STATE', '该事项已办结，无需重复办理。');
    }
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_case',
      entityId: caseId,
      summary: '办结跟进事项',
      before: { status: 'open' },
      after: { status: 'resolved' },
    });
    return toCaseItem((await repo.findCase(trx, actor, campaignId, caseId))!, regions);
  });
}
