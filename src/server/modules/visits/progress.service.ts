/**
 * Progress (进度): visited, money and goods delivered against plan by street, community, category and standard;
 * overdue (past the due date), 漏访 (the window is over) and people who died while on the roster.
 */

import type { z } from 'zod';
import type { ProgressResponse, ProgressRow, progressListQuery } from '../../../shared/api/campaign-visits.api.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/access.ts';
import { todayInChina } from '../../platform/clock.ts';
import { loadCampaign } from '../campaigns/campaign-access.ts';
import type { CampaignRow } from '../campaigns/campaigns.repo.ts';
import * as campaignRepo from '../campaigns/campaigns.repo.ts';
import { taskProgress } from '../campaigns/task-completion.service.ts';
import * as repo from './progress.repo.ts';

type Phase = ProgressResponse['phase'];

export function phaseOn(c: Pick<CampaignRow, 'window_start' | 'window_end' | 'due_date'>, asOf: string): Phase {
  if (asOf < c.window_start) return 'before_window';
  if (asOf > c.window_end) return 'after_window';
  if (asOf > c.due_date) return 'overdue';
  return 'before_due';
}

function emptyRow(key: string, label: string): ProgressRow {
  return {
    key,
    label,
    planned: 0,
    delivered: 0,
    plannedCashCents: 0,
    deliveredCashCents: 0,
    plannedGoodsCents: 0,
    deliveredGoodsCents: 0,
    letters: 0,
  };
}

export type ProgressFigures = Pick<
  ProgressResponse,
  'asOf' | 'phase' | 'overall' | 'byStreet' | 'byCommunity' | 'byCategory' | 'byStandard'
> & { pending: number };

/** The roster's groups folded into each dimension (the one definition of planned, delivered, money, letters). */
async function fold(
  ctx: AppContext,
  actor: Actor,
  loaded: Awaited<ReturnType<typeof loadCampaign>>,
  asOf: string,
): Promise<{ figures: ProgressFigures; groups: repo.ProgressGroup[] }> {
  const { campaign, regions } = loaded;
  const campaignId = campaign.id;
  const [groups, standards, categoryLabels] = await Promise.all([
    repo.progressGroups(ctx.db, actor, campaignId),
    campaignRepo.listStandards(ctx.db, campaignId),
    campaignRepo.categoryLabels(ctx.db),
  ]);
  const standardNames = new Map(standards.map((s) => [String(s.id), s.name] as const));
  const overall = emptyRow('all', '合计');
  const dims = {
    byStreet: new Map<string, ProgressRow>(),
    byCommunity: new Map<string, ProgressRow>(),
    byCategory: new Map<string, ProgressRow>(),
    byStandard: new Map<string, ProgressRow>(),
  };
  const add = (row: ProgressRow, g: (typeof groups)[number]) => {
    row.planned += g.planned;
    row.delivered += g.delivered;
    row.plannedCashCents += g.plannedCash;
    row.deliveredCashCents += g.deliveredCash;
    row.plannedGoodsCents += g.plannedGoods;
    row.deliveredGoodsCents += g.deliveredGoods;
    row.letters += g.letters;
  };
  const into = (map: Map<string, ProgressRow>, key: string, label: () => string) => {
    let row = map.get(key);
    if (!row) {
      row = emptyRow(key, label());
      map.set(key, row);
    }
    return row;
  };
  let pending = 0;
  for (const g of groups) {
    pending += g.pending;
    add(overall, g);
    add(
      into(dims.byStreet, String(g.streetId), () => regions.name(g.streetId)),
      g,
    );
    add(
      into(dims.byCommunity, String(g.communityId), () => regions.name(g.communityId)),
      g,
    );
    add(
      into(dims.byCategory, g.categoryCode, () => categoryLabels[g.categoryCode] ?? g.categoryCode),
      g,
    );
    const sid = String(g.standardId);
    add(
      into(dims.byStandard, sid, () => standardNames.get(sid) ?? sid),
      g,
    );
  }
  const sorted = (map: Map<string, ProgressRow>) =>
    [...map.values()].sort((a, b) => a.key.length - b.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const standardOrder = new Map(standards.map((s, i) => [String(s.id), i] as const));
  const figures: ProgressFigures = {
    asOf,
    phase: phaseOn(campaign, asOf),
    overall,
    byStreet: sorted(dims.byStreet),
    byCommunity: sorted(dims.byCommunity),
    byCategory: sorted(dims.byCategory),
    byStandard: [...dims.byStandard.values()].sort(
      (a, b) => (standardOrder.get(a.key) ?? 0) - (standardOrder.get(b.key) ?? 0),
    ),
    pending,
  };
  return { figures, groups };
}

/**
 * The progress figures alone (no lists, cases, samples or tasks), for the statistics layer: the same numbers as
 * `progress` from the same grouped query.
 */
export async function progressFigures(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  asOfInput?: string,
): Promise<ProgressFigures> {
  const loaded = await loadCampaign(ctx.db, actor, campaignId);
  return (await fold(ctx, actor, loaded, asOfInput ?? todayInChina())).figures;
}

export async function progress(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  asOfInput?: string,
): Promise<ProgressResponse> {
  const loaded = await loadCampaign(ctx.db, actor, campaignId);
  const [{ figures, groups }, deceased, extra] = await Promise.all([
    fold(ctx, actor, loaded, asOfInput ?? todayInChina()),
    repo.countDeceased(ctx.db, actor, campaignId),
    repo.caseAndSampleCounts(ctx.db, actor, campaignId),
  ]);
  const { pending, phase, ...rest } = figures;
  const tasks = await taskProgress(ctx, actor, campaignId, loaded.regions, groups, phase === 'after_window');
  return {
    ...rest,
    phase,
    overdue: phase === 'overdue' ? pending : 0,
    missed: phase === 'after_window' ? pending : 0,
    deceased,
    ...extra,
    tasks,
  };
}

/** One of the lists behind the figures: still pending, overdue, 漏访, or died while on the roster. */
export async function progressList(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: z.output<typeof progressListQuery>,
) {
  const { campaign, regions } = await loadCampaign(ctx.db, actor, campaignId);
  const phase = phaseOn(campaign, query.asOf ?? todayInChina());
  const empty =
    (query.kind === 'overdue' && phase !== 'overdue') || (query.kind === 'missed' && phase !== 'after_window');
  const page = { items: [] as Awaited<ReturnType<typeof repo.pageList>>['items'], total: 0 };
  if (!empty) {
    Object.assign(
      page,
      await repo.pageList(ctx.db, actor, campaignId, query.kind === 'deceased' ? 'deceased' : 'pending', {
        streetId: query.streetId,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
    );
  }
  return {
    items: page.items.map((r) => ({
      entryId: r.id,
      personId: r.person_id,
      personName: r.person_name,
      streetName: regions.name(r.street_id),
      communityName: regions.name(r.community_id),
      standardName: r.standard_name,
      cashCents: r.cash_cents,
      assignedUserName: r.assigned_name,
      visitStatus: r.visit_status === 'delivered' ? ('delivered' as const) : ('pending' as const),
      deathDate: r.death_date,
    })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
