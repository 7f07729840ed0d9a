/**
 * Campaign figures (春节走访慰问): the visits module's progress (one definition of planned, delivered, money,
 * letters, overdue and 漏访), folded into the rows of the viewed region and by category.
 */
import type { ProgressRow } from '../../../shared/api/campaign-visits.api.ts';
import type { AppContext } from '../../context.ts';
import { progressFigures } from '../visits/progress.service.ts';
import { column, drill, emptyRow, type FigureRow, type FigureTable, percent, RegionRows, totalOf } from './figures.ts';
import type { ResolvedScope } from './stats-scope.ts';

export const campaignColumns = [
  column('planned', '应慰问（人）', 'count', 'person'),
  column('delivered', '已慰问（人）', 'count', 'person'),
  column('coverage', '走访覆盖率', 'percent', 'percent'),
  column('plannedCash', '慰问金计划（元）', 'money', 'cents'),
  column('deliveredCash', '慰问金已发（元）', 'money', 'cents'),
  column('plannedGoods', '慰问品计划（元）', 'money', 'cents'),
  column('deliveredGoods', '慰问品已发（元）', 'money', 'cents'),
  column('letters', '慰问信（份）', 'count', 'copy'),
  column('overdue', '超期未访（人）', 'count', 'person', false),
  column('missed', '漏访（人）', 'count', 'person'),
];

export interface CampaignFigures {
  byStreet: FigureTable;
  byCategory: FigureTable;
  phase: string;
}

function fold(row: FigureRow, p: ProgressRow): void {
  const v = row.values;
  v.planned = (v.planned ?? 0) + p.planned;
  v.delivered = (v.delivered ?? 0) + p.delivered;
  v.plannedCash = (v.plannedCash ?? 0) + p.plannedCashCents;
  v.deliveredCash = (v.deliveredCash ?? 0) + p.deliveredCashCents;
  v.plannedGoods = (v.plannedGoods ?? 0) + p.plannedGoodsCents;
  v.deliveredGoods = (v.deliveredGoods ?? 0) + p.deliveredGoodsCents;
  v.letters = (v.letters ?? 0) + p.letters;
}

/** Coverage, and the still-pending entries as overdue (past the due date) or 漏访 (the window is over). */
function finish(row: FigureRow, phase: string): void {
  const v = row.values;
  const pending = (v.planned ?? 0) - (v.delivered ?? 0);
  v.coverage = percent(v.delivered ?? 0, v.planned ?? 0);
  v.overdue = phase === 'overdue' ? pending : 0;
  v.missed = phase === 'after_window' ? pending : 0;
}

function link(row: FigureRow, campaignId: number, place: Record<string, number | string>, phase: string): void {
  // The campaign's page, roster tab, filtered like the entries list.
  const path = `/campaigns/${campaignId}`;
  const api = `/api/campaigns/${campaignId}/entries`;
  const base = { ...place };
  row.drill.planned = drill(path, api, base);
  row.drill.delivered = drill(path, api, { ...base, visitStatus: 'delivered' });
  if (phase === 'overdue') row.drill.overdue = drill(path, api, { ...base, visitStatus: 'pending' });
  if (phase === 'after_window') row.drill.missed = drill(path, api, { ...base, visitStatus: 'pending' });
}

export async function campaignFigures(ctx: AppContext, s: ResolvedScope): Promise<CampaignFigures | null> {
  if (!s.campaign) return null;
  const campaignId = s.campaign.id;
  const p = await progressFigures(ctx, s.actor, campaignId, s.today);
  const rows = new RegionRows(s, campaignColumns);
  for (const c of p.byCommunity) {
    const row = rows.row(s.rowOf(Number(c.key)), { key: 'other', label: '其他' });
    if (row) fold(row, c);
  }
  const placeOf = (key: string): Record<string, number> => {
    const level = s.regions.get(Number(key))?.level ?? '';
    return level === 'street' || level === 'town' ? { streetId: Number(key) } : { communityId: Number(key) };
  };
  const streetRows = rows.list();
  for (const row of streetRows) {
    finish(row, p.phase);
    link(row, campaignId, placeOf(row.key), p.phase);
  }
  const totals = totalOf(streetRows, campaignColumns);
  finish(totals, p.phase);
  const regionPlace: Record<string, number> =
    s.region.level === 'street' || s.region.level === 'town' || s.region.level === 'community'
      ? placeOf(String(s.region.id))
      : {};
  link(totals, campaignId, regionPlace, p.phase);

  const categoryRows = p.byCategory.map((c) => {
    const row = emptyRow(c.key, [c.label], campaignColumns);
    fold(row, c);
    finish(row, p.phase);
    link(row, campaignId, { ...regionPlace, category: c.key }, p.phase);
    return row;
  });
  const categoryTotals = totalOf(categoryRows, campaignColumns);
  finish(categoryTotals, p.phase);
  link(categoryTotals, campaignId, regionPlace, p.phase);
  const notes = [
    `${s.campaign.name}；走访覆盖率 = 已慰问 ÷ 应慰问；慰问信份数按名单中有慰问信的条目计。`,
    '超期未访：已过走访截止日仍未慰问；漏访：活动期已结束仍未慰问。',
  ];
  return {
    phase: p.phase,
    byStreet: {
      key: 'byStreet',
      title: '按街道',
      rowHeaders: ['区域'],
      columns: campaignColumns,
      rows: streetRows,
      totals,
      notes,
    },
    byCategory: {
      key: 'byCategory',
      title: '按类别',
      rowHeaders: ['类别'],
      columns: campaignColumns,
      rows: categoryRows,
      totals: categoryTotals,
      notes: [],
    },
  };
}
