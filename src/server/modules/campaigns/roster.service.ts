/**
 * Rules at work: one person's evaluation with reasons, this year's side of the trial run (试算) — facts streamed
 * in pages from the registry, `buildRoster` in memory — and the roster generated as a job by set-based statements
 * (roster-generation.repo.ts) inside one transaction.
 */
import type { Kysely } from 'kysely';
import type { EvaluationResponse, TrialRunResponse } from '../../../shared/api/campaigns.api.ts';
import { ageOn } from '../../../shared/domain/campaign/dates.ts';
import { buildRoster, type DedupPolicy, type Roster } from '../../../shared/domain/campaign/roster.ts';
import { compareStandards, createEvaluator, type Standard } from '../../../shared/domain/campaign/standards.ts';
import { type AggregatableEntry, aggregateRoster } from '../../../shared/domain/campaign/trial-run.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { assertJobClaim, getJob, startJob } from '../../platform/jobs.ts';
import { loadCampaign, requireStatus } from './campaign-access.ts';
import { loadRegionIndex, type RegionIndex } from './campaign-regions.ts';
import * as repo from './campaigns.repo.ts';
import { countCandidates, type FactsScope, factsOfPerson, personInActorScope, streamFacts } from './facts.repo.ts';
import * as rosterRepo from './roster.repo.ts';
import { type SqlRosterCounts, writeRoster } from './roster-generation.repo.ts';
import { toDomainStandard } from './standard-mapping.ts';

interface Prepared {
  rows: repo.StandardRow[];
  standards: Standard[];
  scope: FactsScope;
  categoryLabels: Record<string, string>;
}

async function prepare(db: Kysely<DB>, campaign: repo.CampaignRow, regions: RegionIndex): Promise<Prepared> {
  const [rows, categoryLabels] = await Promise.all([repo.listStandards(db, campaign.id), repo.categoryLabels(db)]);
  return {
    rows,
    standards: rows.map(toDomainStandard),
    scope: { regionIds: regions.subtree(campaign.region_id), regions, refDate: campaign.ref_date },
    categoryLabels,
  };
}

const yuan = (cents: number) => (cents / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

// ---------------------------------------------------------------------------------------------------------------
// One person

export async function evaluate(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  personId: number,
): Promise<EvaluationResponse> {
  const { campaign, regions } = await loadCampaign(ctx.db, actor, campaignId);
  if (!(await personInActorScope(ctx.db, actor, personId))) throw notFound();
  const p = await prepare(ctx.db, campaign, regions);
  const record = await factsOfPerson(ctx.db, p.scope, personId);
  if (!record) {
    throw new AppError('NOT_FOUND', '此人的户籍和居住地都不在本活动的区域内，不在本次慰问的考虑范围。');
  }
  const evaluator = createEvaluator(p.standards, campaign.ref_date, { labels: { categories: p.categoryLabels } });
  const result = evaluator.evaluate(record.facts);
  const name = (id: string) => p.rows.find((r) => String(r.id) === id)?.name ?? id;
  const f = record.facts;
  return {
    personId,
    personName: record.name,
    facts: {
      categories: f.categories.map((c) => p.categoryLabels[c.code] ?? c.code),
      hukouLocal: f.hukouLocal,
      alive: f.alive,
      age: ageOn(f.birthDate, campaign.ref_date),
      livingSituations: [...f.livingSituations],
      flags: [...f.flags],
      streetName: regions.name(Number(f.streetId)),
      communityName: regions.name(Number(f.communityId)),
    },
    matched: result.matched.map((m) => ({
      standardId: Number(m.standardId),
      standardName: name(m.standardId),
      categoryName: p.categoryLabels[m.categoryCode] ?? m.categoryCode,
      reasons: m.reasons,
    })),
    winnerId: result.winner === undefined ? null : Number(result.winner),
    excludedReason: result.excludedReason ?? null,
    failures: (result.failures ?? []).map((x) => ({
      standardId: Number(x.standardId),
      standardName: name(x.standardId),
      reason: x.reason,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Building the roster in memory

type Progress = (done: number, total: number, message: string) => void;

async function computeRoster(db: Kysely<DB>, campaign: repo.CampaignRow, p: Prepared, onProgress?: Progress) {
  const total = await countCandidates(db, p.scope.regionIds);
  const facts = [];
  const names = new Map<string, string>();
  onProgress?.(0, total, '正在读取优抚对象');
  for await (const page of streamFacts(db, p.scope)) {
    for (const r of page) {
      facts.push(r.facts);
      names.set(r.facts.personId, r.name);
    }
    onProgress?.(facts.length, total, `正在读取优抚对象 ${facts.length}/${total}`);
  }
  const roster = buildRoster(facts, p.standards, {
    dedup: campaign.dedup_policy as DedupPolicy,
    refDate: campaign.ref_date,
    labels: { categories: p.categoryLabels },
  });
  return { roster, names };
}

function countReasons(roster: Roster) {
  const counts = new Map<string, number>();
  for (const x of roster.excluded) counts.set(x.reason, (counts.get(x.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

function placeLabels(regions: RegionIndex, entries: readonly AggregatableEntry[]) {
  const streetLabels: Record<string, string> = {};
  const communityLabels: Record<string, string> = {};
  for (const e of entries) {
    streetLabels[e.streetId] ??= regions.name(Number(e.streetId));
    communityLabels[e.communityId] ??= regions.name(Number(e.communityId));
  }
  return { streetLabels, communityLabels };
}

/** This year's side of the trial run (试算): the roster in memory, its totals and warnings. The caller
 * (trial.service.ts) has checked access and adds the comparison with last year. */
export type TrialRoster = Omit<TrialRunResponse, 'previousCampaign' | 'comparison'>;

export async function trialRoster(
  db: Kysely<DB>,
  campaign: repo.CampaignRow,
  regions: RegionIndex,
): Promise<TrialRoster> {
  const p = await prepare(db, campaign, regions);
  const warnings: string[] = [];
  if (p.rows.length === 0) warnings.push('尚未设置慰问标准，请先添加标准。');
  for (const r of p.rows.filter((s) => s.amount_set === 0)) {
    warnings.push(`标准“${r.name}”的金额仍是预设占位（0 元），请先设置慰问金和慰问品单价。`);
  }
  const { roster } = await computeRoster(db, campaign, p);
  const totals = aggregateRoster(roster.entries, p.standards, {
    ...placeLabels(regions, roster.entries),
    categoryLabels: p.categoryLabels,
  });
  const budget = Number(campaign.budget_cents);
  if (budget > 0 && totals.overall.totalCents > budget) {
    warnings.push(`试算总额 ${yuan(totals.overall.totalCents)} 元，超出预算 ${yuan(budget)} 元，请调整标准或预算。`);
  }
  return {
    considered: roster.considered,
    excludedByReason: countReasons(roster),
    totals,
    budgetCents: budget,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Generation as a job

export interface RosterResult {
  campaignId: number;
  considered: number;
  entries: number;
  excluded: number;
  cashCents: number;
  goodsCents: number;
  byStandard: { standardId: number; name: string; people: number; cashCents: number; goodsCents: number }[];
}

/**
 * The work of a roster job; also called directly by the CLI. `actor` is who asked (audit). The roster is made
 * by set-based statements in one transaction (roster-sql.ts); `buildRoster` in the domain is the reference the
 * statements are tested against, and still serves the trial run and one person's evaluation.
 */
export async function generateRoster(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  onProgress?: Progress,
): Promise<RosterResult> {
  const regions = await loadRegionIndex(ctx.db);
  const campaign = await repo.findCampaign(ctx.db, campaignId, 'all');
  if (!campaign) throw notFound();
  requireStatus(campaign, ['draft', 'roster_generated'], '生成名单');
  const now = nowIso();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findCampaign(trx, campaignId, 'all', { forUpdate: true });
    if (!current) throw notFound();
    requireStatus(current, ['draft', 'roster_generated'], '生成名单');
    const p = await prepare(trx, current, regions);
    await rosterRepo.discardRoster(trx, campaignId);
    const counts = await writeRoster(
      trx,
      campaignId,
      {
        standards: p.rows.map((row) => ({ standard: toDomainStandard(row), goodsJson: row.goods_json })),
        refDate: current.ref_date,
        dedup: current.dedup_policy as DedupPolicy,
        categoryLabels: p.categoryLabels,
        regions,
        regionIds: p.scope.regionIds,
        now,
      },
      (done, total, message) => onProgress?.(Math.floor((done / Math.max(total, 1)) * 100), 100, message),
    );
    await rosterRepo.createReviewsFromEntries(trx, campaignId);
    await repo.updateCampaign(trx, campaignId, current.version, {
      status: 'roster_generated',
      roster_generated_at: now,
      considered_count: counts.considered,
      updated_at: now,
    });
    const summary = summarize(campaignId, counts, p.rows);
    await appendAudit(trx, actor, {
      action: 'job',
      entityType: 'campaign_roster',
      entityId: campaignId,
      summary: `生成慰问名单：考虑 ${counts.considered} 人，入选 ${counts.entries} 条，排除 ${counts.excluded} 人`,
      after: {
        entries: summary.entries,
        excluded: summary.excluded,
        cashCents: summary.cashCents,
        goodsCents: summary.goodsCents,
      },
    });
    // A job cut off from its claim (its node was presumed dead) commits nothing.
    await assertJobClaim(trx);
    return summary;
  });
  onProgress?.(100, 100, `名单已生成：${result.entries} 条`);
  return result;
}

function summarize(campaignId: number, counts: SqlRosterCounts, rows: repo.StandardRow[]): RosterResult {
  const order = new Map(
    rows
      .map(toDomainStandard)
      .sort(compareStandards)
      .map((s, i) => [Number(s.id), i] as const),
  );
  const names = new Map(rows.map((r) => [r.id, r.name] as const));
  const byStandard = [...counts.byStandard]
    .sort((a, b) => (order.get(a.standardId) ?? 0) - (order.get(b.standardId) ?? 0))
    .map((g) => ({ ...g, name: names.get(g.standardId) ?? String(g.standardId) }));
  return {
    campaignId,
    considered: counts.considered,
    entries: counts.entries,
    excluded: counts.excluded,
    cashCents: byStandard.reduce((sum, g) => sum + g.cashCents, 0),
    goodsCents: byStandard.reduce((sum, g) => sum + g.goodsCents, 0),
    byStandard,
  };
}

/** Checks that a roster may be generated now (status, standards, amounts, no job already running). */
export async function checkGeneration(db: Kysely<DB>, campaign: repo.CampaignRow): Promise<void> {
  requireStatus(campaign, ['draft', 'roster_generated'], '生成名单');
  const rows = await repo.listStandards(db, campaign.id);
  if (rows.length === 0) throw new AppError('INVALID_STATE', '尚未设置慰问标准，请先添加标准再生成名单。');
  const unset = rows.filter((r) => r.amount_set === 0).map((r) => `“${r.name}”`);
  if (unset.length) {
    throw new AppError('INVALID_STATE', `以下标准的金额仍是预设占位，请先设置金额并保存：${unset.join('、')}。`);
  }
  if (campaign.roster_job_id !== null) {
    const job = await getJob(db, campaign.roster_job_id);
    if (job && (job.status === 'queued' || job.status === 'running')) {
      throw new AppError('CONFLICT', '名单正在生成中，请等待当前任务完成后再试。');
    }
  }
}

export async function startRosterGeneration(ctx: AppContext, actor: Actor, campaignId: number) {
  const { campaign } = await loadCampaign(ctx.db, actor, campaignId, { manage: true });
  await checkGeneration(ctx.db, campaign);
  const jobId = await startJob(
    ctx.db,
    actor,
    { kind: 'campaign.roster', params: { campaignId }, total: 100, message: '排队等待中' },
    (reporter) =>
      generateRoster(ctx, actor, campaignId, (done, total, message) => reporter.progress(done, total, message)),
  );
  await ctx.db.updateTable('campaigns').set({ roster_job_id: jobId }).where('id', '=', campaignId).execute();
  return { jobId };
}

/** The campaign's latest roster job, for any viewer of the campaign (GET /api/jobs/:id is owner-only). */
export async function rosterJob(ctx: AppContext, actor: Actor, campaignId: number) {
  const { campaign } = await loadCampaign(ctx.db, actor, campaignId);
  if (campaign.roster_job_id === null) throw notFound();
  const job = await getJob(ctx.db, campaign.roster_job_id);
  if (!job) throw notFound();
  const { createdBy: _owner, ...item } = job;
  return item;
}
