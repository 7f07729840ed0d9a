import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  CampaignDetail,
  CampaignItem,
  createCampaignRequest,
  PresetItem,
  updateCampaignRequest,
} from '../../../shared/api/campaigns.api.ts';
import {
  type CampaignStatus,
  campaignStatusLabels,
  defaultCampaignName,
  defaultCampaignWindow,
  transitionProblem,
  validateWindow,
} from '../../../shared/domain/campaign/campaign-window.ts';
import type { DedupPolicy } from '../../../shared/domain/campaign/roster.ts';
import { describeCondition } from '../../../shared/domain/campaign/standards.ts';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, regionScope, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import { conflict, loadCampaign, ownsCampaign, parseJson, requireStatus } from './campaign-access.ts';
import { campaignPresets, findPreset } from './campaign-presets.ts';
import { loadRegionIndex, type RegionIndex } from './campaign-regions.ts';
import * as repo from './campaigns.repo.ts';
import * as rosterRepo from './roster.repo.ts';
import { standardRecord, toStandardItem } from './standard-mapping.ts';
import { planTasksInTransaction, seedTaskTypes } from './tasks.service.ts';

function toItem(
  actor: Actor,
  row: repo.CampaignRow,
  regions: RegionIndex,
  counts?: { entries: number; delivered: number },
): CampaignItem {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: regions.name(row.region_id),
    name: row.name,
    year: row.year,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    springFestival: row.spring_festival,
    dueDate: row.due_date,
    refDate: row.ref_date,
    littleNewYearDay: row.little_new_year_day === '24' ? '24' : '23',
    budgetCents: Number(row.budget_cents),
    dedupPolicy: row.dedup_policy as DedupPolicy,
    status: row.status as CampaignStatus,
    statusLabel: campaignStatusLabels[row.status as CampaignStatus] ?? row.status,
    presetKey: row.preset_key,
    signatory: row.signatory,
    taskTypes: parseJson<string[]>(row.task_types_json, ['visit']),
    previousCampaignId: row.previous_campaign_id,
    rosterJobId: row.roster_job_id,
    rosterGeneratedAt: row.roster_generated_at,
    consideredCount: row.considered_count,
    lockedAt: row.locked_at,
    lockedByName: row.locked_by_name,
    version: row.version,
    createdAt: row.created_at,
    entryCount: counts?.entries ?? 0,
    deliveredCount: counts?.delivered ?? 0,
    canManage: actor.role === 'admin' || (actor.role === 'office' && ownsCampaign(actor, row)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Read

export function listPresets(actor: Actor): PresetItem[] {
  requireCapability(actor, 'campaign.read');
  return campaignPresets.map((p) => ({
    key: p.key,
    name: p.name,
    regionCode: p.regionCode,
    source: p.source,
    description: p.description,
    dedupPolicy: p.dedupPolicy,
    taskTypes: p.taskTypes,
    signatory: p.signatory,
    standards: p.standards.map((s) => ({
      name: s.name,
      summary: s.conditions.map((c) => describeCondition(c)).join('，'),
    })),
  }));
}

export async function listCampaigns(ctx: AppContext, actor: Actor): Promise<CampaignItem[]> {
  requireCapability(actor, 'campaign.read');
  const regions = await loadRegionIndex(ctx.db);
  const rows = await repo.listCampaigns(ctx.db, repo.campaignRegionScope(actor, regions));
  const counts = await repo.entryCounts(
    ctx.db,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toItem(actor, r, regions, counts.get(r.id)));
}

export async function getCampaign(ctx: AppContext, actor: Actor, id: number): Promise<CampaignDetail> {
  const { campaign, regions } = await loadCampaign(ctx.db, actor, id);
  const [standards, counts] = await Promise.all([
    repo.listStandards(ctx.db, id),
    repo.entryCounts(ctx.db, actor, [id]),
  ]);
  return { ...toItem(actor, campaign, regions, counts.get(id)), standards: standards.map(toStandardItem) };
}

// ---------------------------------------------------------------------------------------------------------------
// Create and edit

function windowErrors(w: { start: string; end: string; due: string; ref: string }): void {
  const problems = validateWindow(w);
  if (w.due < w.start || w.due > w.end) problems.push('走访截止日期应在活动时间窗口之内');
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      problems[0],
      problems.map((message) => ({ path: 'body.windowStart', message })),
    );
  }
}

export async function createCampaign(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createCampaignRequest>,
): Promise<CampaignDetail> {
  requireCapability(actor, 'campaign.manage');
  const scope = regionScope(actor);
  const regionId = input.regionId ?? actor.regionId;
  if (regionId == null) {
    throw new AppError('VALIDATION_FAILED', '请选择活动所属区划（组织本次活动的区或市）。', [
      { path: 'body.regionId', message: '请选择活动所属区划' },
    ]);
  }
  if (scope !== 'all' && !scope.includes(regionId)) throw notFound();
  const preset = findPreset(input.presetKey);
  const window = defaultCampaignWindow(input.year, { littleNewYearDay: input.littleNewYearDay });
  const start = input.windowStart ?? window.start;
  const end = input.windowEnd ?? window.end;
  const due = input.dueDate ?? (addDays(window.springFestival, -1) < start ? end : addDays(window.springFestival, -1));
  const ref = input.refDate ?? window.springFestival;
  windowErrors({ start, end, due, ref });

  return ctx.db.transaction().execute(async (trx) => {
    const regions = await loadRegionIndex(trx);
    const source =
      input.copyFromCampaignId === null
        ? undefined
        : await repo.findCampaign(trx, input.copyFromCampaignId, repo.campaignRegionScope(actor, regions));
    if (input.copyFromCampaignId !== null && !source) throw notFound();
    const sourceStandards = source ? await repo.listStandards(trx, source.id) : [];
    const now = nowIso();
    const id = await repo.insertCampaign(trx, {
      region_id: regionId,
      name: input.name?.trim() || defaultCampaignName(input.year),
      year: input.year,
      window_start: start,
      window_end: end,
      spring_festival: window.springFestival,
      due_date: due,
      ref_date: ref,
      little_new_year_day: input.littleNewYearDay,
      budget_cents: input.budgetCents,
      dedup_policy: input.dedupPolicy ?? source?.dedup_policy ?? preset?.dedupPolicy ?? 'person',
      status: 'draft',
      preset_key: preset?.key ?? source?.preset_key ?? null,
      signatory: input.signatory ?? source?.signatory ?? preset?.signatory ?? null,
      task_types_json: source?.task_types_json ?? JSON.stringify(preset?.taskTypes ?? ['visit']),
      previous_campaign_id: source?.id ?? null,
      roster_job_id: null,
      roster_generated_at: null,
      considered_count: 0,
      submitted_at: null,
      locked_at: null,
      locked_by_name: null,
      closed_at: null,
      version: 1,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: now,
      updated_at: now,
    });
    await seedTaskTypes(trx, id, source ? { copyOf: source.id } : { kinds: preset?.taskTypes ?? ['visit'] }, now);
    if (source) {
      for (const s of sourceStandards) {
        const { id: _id, campaign_id: _c, created_at: _a, updated_at: _b, ...copy } = s;
        await repo.insertStandard(trx, id, copy, now);
      }
    } else if (preset) {
      for (const [i, s] of preset.standards.entries()) {
        await repo.insertStandard(trx, id, standardRecord(s, false, i), now);
      }
    }
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: 'campaign',
      entityId: id,
      summary: `新建慰问活动${preset ? `（预设：${preset.name}）` : source ? `（复制自活动 ${source.id}）` : ''}`,
      after: { ...input },
    });
    return detailIn(trx, actor, id, regions);
  });
}

async function detailIn(db: Kysely<DB>, actor: Actor, id: number, regions: RegionIndex): Promise<CampaignDetail> {
  const row = (await repo.findCampaign(db, id, 'all'))!;
  const [standards, counts] = await Promise.all([repo.listStandards(db, id), repo.entryCounts(db, actor, [id])]);
  return { ...toItem(actor, row, regions, counts.get(id)), standards: standards.map(toStandardItem) };
}

export async function updateCampaign(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof updateCampaignRequest>,
): Promise<CampaignDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, id, { manage: true, forUpdate: true });
    if (campaign.version !== input.version) throw conflict('活动已被他人修改，请刷新后重试。');
    requireStatus(campaign, ['draft', 'roster_generated', 'in_review', 'locked', 'in_progress'], '修改');
    const rulesChange =
      (input.refDate !== undefined && input.refDate !== campaign.ref_date) ||
      (input.dedupPolicy !== undefined && input.dedupPolicy !== campaign.dedup_policy);
    if (rulesChange) requireStatus(campaign, ['draft'], '修改年龄计算日期或发放方式（会改变名单）');
    const start = input.windowStart ?? campaign.window_start;
    const end = input.windowEnd ?? campaign.window_end;
    const due = input.dueDate ?? campaign.due_date;
    const ref = input.refDate ?? campaign.ref_date;
    windowErrors({ start, end, due, ref });
    if (input.previousCampaignId != null) {
      const previous = await repo.findCampaign(trx, input.previousCampaignId, repo.campaignRegionScope(actor, regions));
      if (!previous || previous.id === id) {
        throw new AppError('VALIDATION_FAILED', '对比的上年活动不存在，请重新选择。', [
          { path: 'body.previousCampaignId', message: '请重新选择上年活动' },
        ]);
      }
    }
    const patch = {
      name: input.name ?? campaign.name,
      window_start: start,
      window_end: end,
      due_date: due,
      ref_date: ref,
      budget_cents: input.budgetCents ?? Number(campaign.budget_cents),
      dedup_policy: input.dedupPolicy ?? campaign.dedup_policy,
      signatory: input.signatory === undefined ? campaign.signatory : input.signatory,
      previous_campaign_id:
        input.previousCampaignId === undefined ? campaign.previous_campaign_id : input.previousCampaignId,
      updated_at: nowIso(),
    };
    if (!(await repo.updateCampaign(trx, id, campaign.version, patch)))
      throw conflict('活动已被他人修改，请刷新后重试。');
    const { version: _v, ...changes } = input;
    await appendAudit(trx, actor, { action: 'update', entityType: 'campaign', entityId: id, after: changes });
    return detailIn(trx, actor, id, regions);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Status flow

export async function transition(
  ctx: AppContext,
  actor: Actor,
  id: number,
  to: CampaignStatus,
): Promise<CampaignDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, id, { manage: true, forUpdate: true });
    const from = campaign.status as CampaignStatus;
    const problem = transitionProblem(from, to);
    if (problem) throw new AppError('INVALID_STATE', problem);
    const now = nowIso();
    const patch: Partial<repo.CampaignRow> = { status: to, updated_at: now };
    if (from === 'draft' && to === 'roster_generated') {
      throw new AppError('INVALID_STATE', '名单须通过“生成名单”产生，请点击“生成名单”。');
    }
    if (from === 'roster_generated' && to === 'draft') {
      await rosterRepo.discardRoster(trx, id);
      Object.assign(patch, { roster_generated_at: null, considered_count: 0 });
    }
    if (from === 'roster_generated' && to === 'in_review') {
      patch.submitted_at = now;
      const streets = await rosterRepo.listReviews(trx, id);
      for (const s of streets) {
        await notify(
          trx,
          { regionId: s.street_id, roles: ['street'] },
          {
            kind: 'assignment',
            title: `请确认「${campaign.name}」本街道（镇）慰问名单`,
            body: '请核对名单，增删须填写原因，确认后提交双拥办审批。',
            link: `/campaigns/${id}?tab=review`,
          },
        );
      }
    }
    if (from === 'in_review' && to === 'roster_generated') await rosterRepo.resetReviews(trx, id);
    if (to === 'locked') {
      const pending = (await rosterRepo.listReviews(trx, id)).filter((r) => r.status !== 'confirmed');
      if (pending.length) {
        throw new AppError(
          'INVALID_STATE',
          `还有 ${pending.length} 个街道（镇）未确认名单：${pending
            .map((r) => regions.name(r.street_id))
            .join('、')}；请督促确认后再审批锁定。`,
        );
      }
      Object.assign(patch, { locked_at: now, locked_by_name: actor.displayName });
    }
    if (to === 'closed') patch.closed_at = now;
    if (!(await repo.updateCampaign(trx, id, campaign.version, patch)))
      throw conflict('活动已被他人修改，请刷新后重试。');
    // The roster is final: its families' tasks (春联年画, 喜报, 光荣牌) are planned now; 安排任务 adds later ones.
    if (to === 'locked') await planTasksInTransaction(trx, actor, { campaign, regions }, '名单锁定，自动安排任务');
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'campaign',
      entityId: id,
      summary: `活动状态：${campaignStatusLabels[from]} → ${campaignStatusLabels[to]}`,
      before: { status: from },
      after: { status: to },
    });
    return detailIn(trx, actor, id, regions);
  });
}
