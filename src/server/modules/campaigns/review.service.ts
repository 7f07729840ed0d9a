/**
 * Review and amendments: before the lock, streets (and the office) add or remove entries with a reason and the
 * change applies at once (logged as phase 'review'); each street then confirms. After the lock, the same
 * requests become pending amendments that the office approves (applied) or rejects. Everything is audited.
 */
import type { Transaction } from 'kysely';
import type { AmendmentItem } from '../../../shared/api/campaigns.api.ts';
import { createEvaluator, goodsValueCents } from '../../../shared/domain/campaign/standards.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import { conflict, type LoadedCampaign, loadCampaign, regionInScope, requireStatus } from './campaign-access.ts';
import * as repo from './campaigns.repo.ts';
import { factsOfPerson, personInActorScope } from './facts.repo.ts';
import * as rosterRepo from './roster.repo.ts';
import { toDomainStandard } from './standard-mapping.ts';

type Phase = 'review' | 'amendment';

function requireReviewer(actor: Actor): void {
  requireCapability(actor, 'campaign.read');
  if (!(actor.role === 'street' || can(actor.role, 'campaign.manage'))) {
    throw new AppError('FORBIDDEN', '名单的增删由街道（镇）或双拥办办理，请联系所在街道。');
  }
}

/** Before the lock a change applies at once; after it, it waits for the office. */
function phaseOf(loaded: LoadedCampaign, actor: Actor): Phase {
  const status = loaded.campaign.status;
  if (status === 'in_review') return 'review';
  if (status === 'roster_generated') {
    if (!can(actor.role, 'campaign.manage')) {
      throw new AppError('INVALID_STATE', '名单尚未下发审核，街道暂不能修改；请等待双拥办下发。');
    }
    return 'review';
  }
  if (status === 'locked' || status === 'in_progress') return 'amendment';
  requireStatus(loaded.campaign, ['roster_generated', 'in_review', 'locked', 'in_progress'], '修改名单');
  return 'review';
}

async function reopenStreetReview(trx: Transaction<DB>, campaignId: number, streetId: number) {
  await rosterRepo.ensureReview(trx, campaignId, streetId);
  await trx
    .updateTable('campaign_street_reviews')
    .set({ status: 'pending', confirmed_by: null, confirmed_by_name: null, confirmed_at: null })
    .where('campaign_id', '=', campaignId)
    .where('street_id', '=', streetId)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Applying a change

interface AddChange {
  kind: 'add';
  personId: number;
  standardId: number;
  reason: string;
}

async function applyAdd(trx: Transaction<DB>, loaded: LoadedCampaign, c: AddChange, at: string) {
  const { campaign, regions } = loaded;
  const standards = await repo.listStandards(trx, campaign.id);
  const standard = standards.find((s) => s.id === c.standardId);
  if (!standard) throw notFound();
  const categoryLabels = await repo.categoryLabels(trx);
  const scope = { regionIds: regions.subtree(campaign.region_id), regions, refDate: campaign.ref_date };
  const record = await factsOfPerson(trx, scope, c.personId);
  if (!record) throw new AppError('VALIDATION_FAILED', '此人的户籍和居住地都不在本活动的区域内，不能加入名单。');
  const f = record.facts;
  const domain = toDomainStandard(standard);
  const qual = f.categories.find((q) => domain.categories.length === 0 || domain.categories.includes(q.code));
  const category = qual?.code ?? f.categories[0]?.code ?? 'other';
  // Why the rules alone did not put this person in, so reviewers see both the rule and the human reason.
  const evaluation = createEvaluator([domain], campaign.ref_date, { labels: { categories: categoryLabels } }).evaluate(
    f,
  );
  const ruleNote = evaluation.matched.length ? '符合所选标准' : `规则判定：${evaluation.excludedReason ?? '不符合'}`;
  const existing = await rosterRepo.findEntryByPerson(trx, campaign.id, c.personId);
  if (existing && existing.state === 'active') throw conflict(`${record.name}已在本次慰问名单中，无需重复添加。`);
  const row = {
    standard_id: standard.id,
    category_code: category,
    street_id: Number(f.streetId),
    community_id: Number(f.communityId),
    household_id: f.householdId === null ? null : Number(f.householdId),
    person_name: record.name,
    cash_cents: standard.cash_cents,
    goods_cents: goodsValueCents(domain.package),
    goods_json: standard.goods_json,
    also_matched_json: '[]',
    reasons_json: JSON.stringify([`人工添加：${c.reason}`, ruleNote]),
    other_members_json: '[]',
    source: 'manual',
    state: 'active',
    note: c.reason,
    removed_reason: null,
    removed_by_name: null,
    removed_at: null,
    updated_at: at,
  };
  if (existing) {
    await rosterRepo.setEntry(trx, existing.id, row);
    return { entryId: existing.id, streetId: row.street_id, communityId: row.community_id, name: record.name };
  }
  const entryId = await rosterRepo.insertEntry(trx, {
    ...row,
    campaign_id: campaign.id,
    person_id: c.personId,
    visit_status: 'pending',
    created_at: at,
  });
  await rosterRepo.ensureReview(trx, campaign.id, row.street_id);
  return { entryId, streetId: row.street_id, communityId: row.community_id, name: record.name };
}

function checkRemovable(entry: rosterRepo.EntryRow): void {
  if (entry.state !== 'active') throw conflict('该条名单已移出，无需重复操作。');
  if (entry.visit_status === 'delivered') {
    throw new AppError('INVALID_STATE', '该对象已登记发放，不能移出名单；如发放有误请登记回访抽查或联系双拥办。');
  }
}

async function applyRemove(trx: Transaction<DB>, actor: Actor, entry: rosterRepo.EntryRow, reason: string, at: string) {
  checkRemovable(entry);
  await rosterRepo.setEntry(trx, entry.id, {
    state: 'removed',
    removed_reason: reason,
    removed_by_name: actor.displayName,
    removed_at: at,
    assigned_user_id: null,
    updated_at: at,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Requests from streets and the office

export async function addEntry(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { personId: number; standardId: number; reason: string },
) {
  requireReviewer(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadCampaign(trx, actor, campaignId, { forUpdate: true });
    const phase = phaseOf(loaded, actor);
    if (!(await personInActorScope(trx, actor, input.personId))) throw notFound();
    const { regions, campaign } = loaded;
    const record = await factsOfPerson(
      trx,
      { regionIds: regions.subtree(campaign.region_id), regions, refDate: campaign.ref_date },
      input.personId,
    );
    if (!record) throw new AppError('VALIDATION_FAILED', '此人的户籍和居住地都不在本活动的区域内，不能加入名单。');
    const streetId = Number(record.facts.streetId);
    const communityId = Number(record.facts.communityId);
    if (!regionInScope(actor, streetId) && !regionInScope(actor, communityId)) {
      throw new AppError('FORBIDDEN', `此人居住在${regions.name(streetId)}，请由该街道（镇）添加。`);
    }
    const active = await rosterRepo.findEntryByPerson(trx, campaignId, input.personId);
    if (active?.state === 'active') throw conflict(`${record.name}已在本次慰问名单中，无需重复添加。`);
    if (await rosterRepo.pendingAmendmentFor(trx, campaignId, input.personId)) {
      throw conflict('此人已有待审批的名单修订，请等待双拥办审批。');
    }
    const now = nowIso();
    let entryId: number | null = null;
    if (phase === 'review') {
      entryId = (await applyAdd(trx, loaded, { kind: 'add', ...input }, now)).entryId;
      await reopenStreetReview(trx, campaignId, streetId);
    }
    const amendmentId = await rosterRepo.insertAmendment(trx, {
      campaign_id: campaignId,
      kind: 'add',
      entry_id: entryId,
      person_id: input.personId,
      standard_id: input.standardId,
      street_id: streetId,
      community_id: communityId,
      reason: input.reason,
      status: phase === 'review' ? 'applied' : 'pending',
      phase,
      requested_by: actor.userId,
      requested_by_name: actor.displayName,
      requested_at: now,
    });
    await afterRequest(trx, actor, loaded, phase, amendmentId, `添加 ${record.name}`, input);
    return result(phase, amendmentId, record.name, '加入');
  });
}

export async function removeEntry(ctx: AppContext, actor: Actor, campaignId: number, entryId: number, reason: string) {
  requireReviewer(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadCampaign(trx, actor, campaignId, { forUpdate: true });
    const phase = phaseOf(loaded, actor);
    const entry = await rosterRepo.findEntry(trx, actor, campaignId, entryId);
    if (!entry) throw notFound();
    if (await rosterRepo.pendingAmendmentFor(trx, campaignId, entry.person_id)) {
      throw conflict('此人已有待审批的名单修订，请等待双拥办审批。');
    }
    const now = nowIso();
    // Refused at once when the entry cannot be removed at all, even as an amendment waiting for approval.
    checkRemovable(entry);
    if (phase === 'review') {
      await applyRemove(trx, actor, entry, reason, now);
      await reopenStreetReview(trx, campaignId, entry.street_id);
    }
    const amendmentId = await rosterRepo.insertAmendment(trx, {
      campaign_id: campaignId,
      kind: 'remove',
      entry_id: entry.id,
      person_id: entry.person_id,
      standard_id: entry.standard_id,
      street_id: entry.street_id,
      community_id: entry.community_id,
      reason,
      status: phase === 'review' ? 'applied' : 'pending',
      phase,
      requested_by: actor.userId,
      requested_by_name: actor.displayName,
      requested_at: now,
    });
    await afterRequest(trx, actor, loaded, phase, amendmentId, `移出 ${entry.person_name}`, { entryId, reason });
    return result(phase, amendmentId, entry.person_name, '移出');
  });
}

function result(phase: Phase, amendmentId: number, name: string, verb: string) {
  return phase === 'review'
    ? { amendmentId, status: 'applied' as const, message: `已将${name}${verb}名单；本街道需重新确认名单。` }
    : {
        amendmentId,
        status: 'pending' as const,
        message: `名单已锁定，${verb}${name}的修订已提交，待双拥办审批后生效。`,
      };
}

async function afterRequest(
  trx: Transaction<DB>,
  actor: Actor,
  loaded: LoadedCampaign,
  phase: Phase,
  amendmentId: number,
  summary: string,
  after: unknown,
) {
  const { campaign } = loaded;
  await appendAudit(trx, actor, {
    action: phase === 'review' ? 'update' : 'create',
    entityType: phase === 'review' ? 'campaign_roster' : 'campaign_amendment',
    entityId: phase === 'review' ? campaign.id : amendmentId,
    summary: `${phase === 'review' ? '审核中修改名单' : '申请名单修订'}：${summary}`,
    after,
  });
  if (phase === 'amendment') {
    await notify(
      trx,
      { regionId: campaign.region_id, roles: ['office'] },
      {
        kind: 'assignment',
        title: `「${campaign.name}」有名单修订待审批`,
        link: `/campaigns/${campaign.id}?tab=amendments`,
      },
    );
  }
}

export async function confirmStreet(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  streetId: number,
  note: string | null,
) {
  requireReviewer(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, campaignId, { forUpdate: true });
    if (!regionInScope(actor, streetId)) throw notFound();
    requireStatus(campaign, ['in_review'], '确认名单');
    if (
      !(await rosterRepo.confirmReview(trx, campaignId, streetId, {
        userId: actor.userId,
        name: actor.displayName,
        note,
        at: nowIso(),
      }))
    ) {
      throw notFound();
    }
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_review',
      entityId: campaignId,
      summary: `${regions.name(streetId)}确认慰问名单`,
      after: { streetId, note },
    });
    await notify(
      trx,
      { regionId: campaign.region_id, roles: ['office'] },
      {
        kind: 'system',
        title: `${regions.name(streetId)}已确认「${campaign.name}」名单`,
        link: `/campaigns/${campaignId}?tab=review`,
      },
    );
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Amendments

export async function listAmendments(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
): Promise<{ items: AmendmentItem[] }> {
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  const rows = await rosterRepo.listAmendments(ctx.db, actor, campaignId);
  return {
    items: rows.map((a) => ({
      id: a.id,
      kind: a.kind === 'add' ? 'add' : 'remove',
      phase: a.phase === 'amendment' ? 'amendment' : 'review',
      status: a.status as AmendmentItem['status'],
      entryId: a.entry_id,
      personId: a.person_id,
      personName: a.person_name,
      standardName: a.standard_name,
      streetName: regions.name(a.street_id),
      reason: a.reason,
      requestedByName: a.requested_by_name,
      requestedAt: a.requested_at,
      decidedByName: a.decided_by_name,
      decidedAt: a.decided_at,
      decisionNote: a.decision_note,
    })),
  };
}

export async function decideAmendment(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  amendmentId: number,
  input: { approve: boolean; note: string | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadCampaign(trx, actor, campaignId, { manage: true, forUpdate: true });
    const amendment = await rosterRepo.findAmendment(trx, actor, campaignId, amendmentId);
    if (!amendment) throw notFound();
    if (amendment.status !== 'pending') throw new AppError('INVALID_STATE', '该修订已处理，无需重复审批。');
    requireStatus(loaded.campaign, ['locked', 'in_progress'], '审批名单修订');
    const now = nowIso();
    let entryId = amendment.entry_id;
    if (input.approve) {
      if (amendment.kind === 'add') {
        const change = {
          kind: 'add' as const,
          personId: amendment.person_id,
          standardId: amendment.standard_id ?? -1,
          reason: amendment.reason,
        };
        entryId = (await applyAdd(trx, loaded, change, now)).entryId;
      } else {
        const entry = await rosterRepo.findEntry(trx, actor, campaignId, amendment.entry_id ?? -1);
        if (!entry) throw notFound();
        await applyRemove(trx, actor, entry, amendment.reason, now);
      }
    }
    await trx.updateTable('campaign_amendments').set({ entry_id: entryId }).where('id', '=', amendmentId).execute();
    const decided = await rosterRepo.decideAmendment(trx, amendmentId, {
      status: input.approve ? 'approved' : 'rejected',
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_at: now,
      decision_note: input.note,
    });
    if (!decided) throw new AppError('INVALID_STATE', '该修订已处理，无需重复审批。');
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign_amendment',
      entityId: amendmentId,
      summary: `${input.approve ? '批准' : '驳回'}名单修订`,
      before: { status: 'pending' },
      after: { status: input.approve ? 'approved' : 'rejected', note: input.note },
    });
    if (amendment.requested_by !== null) {
      await notify(
        trx,
        { userIds: [amendment.requested_by] },
        {
          kind: 'system',
          title: `名单修订已${input.approve ? '批准' : '驳回'}`,
          body: input.note ?? undefined,
          link: `/campaigns/${campaignId}?tab=amendments`,
        },
      );
    }
    return { ok: true as const };
  });
}
