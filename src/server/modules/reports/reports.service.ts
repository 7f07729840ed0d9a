/**
 * Reports (报表): tables of the statistics layer with a heading (区域、期间、打印人、打印时间), optionally compared
 * with the same period last year, viewable as JSON and downloadable as xlsx or PDF (audited, watermarked).
 */
import {
  type ReportCatalogue,
  type ReportCell,
  type ReportKey,
  type ReportResponse,
  type ReportRow,
  type ReportTable,
  reportDownloadUrl,
  reportKeys,
  reportTitles,
  type StatsQuery,
} from '../../../shared/api/reports.api.ts';
import { AppError } from '../../../shared/errors.ts';
import { type Capability, can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { campaignFigures } from './campaign.figures.ts';
import { regionChoices } from './dashboards.service.ts';
import type { FigureRow, FigureTable } from './figures.ts';
import { meritTable, plaqueTable } from './honours.figures.ts';
import { registryFigures } from './registry.figures.ts';
import { reportPdf, reportXlsx } from './reports.render.ts';
import * as repo from './stats.repo.ts';
import { previousScope, type ResolvedScope, resolveScope } from './stats-scope.ts';
import { activityTables, requestTable, taskTable } from './work.figures.ts';

interface ReportSpec {
  capability: Capability;
  description: string;
  period: 'snapshot' | 'campaign' | 'period';
  build(ctx: AppContext, s: ResolvedScope): Promise<FigureTable[]>;
}

const specs: Record<ReportKey, ReportSpec> = {
  'registry-categories': {
    capability: 'registry.read',
    description: '各街道（社区）在册优抚对象按类别的人数（按户籍地）。',
    period: 'snapshot',
    build: async (ctx, s) => [(await registryFigures(ctx, s)).byStreet],
  },
  'campaign-visits': {
    capability: 'campaign.read',
    description: '慰问人数、慰问金、慰问品、慰问信份数、走访覆盖率，按街道和类别。',
    period: 'campaign',
    build: async (ctx, s) => {
      const f = await campaignFigures(ctx, s);
      return f ? [f.byStreet, f.byCategory] : [];
    },
  },
  'honour-plaques': {
    capability: 'registry.read',
    description: '应挂、已挂、应挂未挂、已收回的光荣牌户数和悬挂率。',
    period: 'snapshot',
    build: async (ctx, s) => [await plaqueTable(ctx, s)],
  },
  'merit-notices': {
    capability: 'registry.read',
    description: '收到、送达、按期送达、逾期未送达的立功喜报份数。',
    period: 'period',
    build: async (ctx, s) => [await meritTable(ctx, s)],
  },
  'troop-requests': {
    capability: 'troops.read',
    description: '各承办部门受理、办结、超期的部队诉求，平均办结天数和部队评价。',
    period: 'period',
    build: async (ctx, s) => [await requestTable(ctx, s)],
  },
  activities: {
    capability: 'activities.read',
    description: '双拥活动的次数、参与人次和经费，按月份和活动类型。',
    period: 'period',
    build: async (ctx, s) => {
      const t = await activityTables(ctx, s);
      return [t.byMonth, t.byType];
    },
  },
  'notice-tasks': {
    capability: 'notices.read',
    description: '各承办单位按期落实、逾期落实、逾期未报的通知任务。',
    period: 'period',
    build: async (ctx, s) => [await taskTable(ctx, s)],
  },
};

const paramsOf = (spec: ReportSpec) =>
  spec.period === 'campaign'
    ? (['regionId', 'year', 'campaignId', 'compare'] as const)
    : spec.period === 'period'
      ? (['regionId', 'year', 'month', 'compare'] as const)
      : (['regionId', 'year', 'compare'] as const);

function requireReport(actor: Actor, key: ReportKey): ReportSpec {
  requireCapability(actor, 'dashboard.read');
  const spec = specs[key];
  requireCapability(actor, spec.capability);
  return spec;
}

export async function catalogue(ctx: AppContext, actor: Actor): Promise<ReportCatalogue> {
  requireCapability(actor, 'dashboard.read');
  const s = await resolveScope(ctx, actor, { compare: 'false' });
  const today = Number(s.today.slice(0, 4));
  const years = new Set([today, today - 1, ...(await repo.dataYears(ctx.db, s.actor))]);
  return {
    items: reportKeys
      .filter((k) => can(actor.role, specs[k].capability))
      .map((k) => ({
        key: k,
        title: reportTitles[k],
        description: specs[k].description,
        period: specs[k].period,
        params: [...paramsOf(specs[k])],
      })),
    region: { id: s.region.id, name: s.region.name },
    regions: regionChoices(s),
    years: [...years].sort((a, b) => b - a),
  };
}

const oneDecimal = new Set(['percent', 'days', 'rating']);

/** Cells of a row; with the previous row, 去年同期 and 增减 for the comparable columns. */
function cellsOf(
  table: FigureTable,
  row: FigureRow,
  previous: FigureRow | undefined | null,
): Record<string, ReportCell> {
  const cells: Record<string, ReportCell> = {};
  for (const c of table.columns) {
    const value = row.values[c.key] ?? null;
    const cell: ReportCell = { value };
    if (row.drill[c.key]) cell.drillDown = row.drill[c.key]!;
    if (previous !== null && c.comparable) {
      const before = previous ? (previous.values[c.key] ?? null) : c.kind === 'count' || c.kind === 'money' ? 0 : null;
      cell.previous = before;
      const change = value === null || before === null ? null : value - before;
      cell.change = change === null ? null : oneDecimal.has(c.kind) ? Math.round(change * 10) / 10 : change;
    }
    cells[c.key] = cell;
  }
  return cells;
}

function toReportTable(table: FigureTable, previous: FigureTable | undefined | null): ReportTable {
  const label = (r: FigureRow) => r.labels.join('\u0000');
  const before = new Map((previous?.rows ?? []).map((r) => [label(r), r] as const));
  const row = (r: FigureRow, prev: FigureRow | undefined): ReportRow => ({
    key: r.key,
    labels: r.labels,
    cells: cellsOf(table, r, previous === null ? null : prev),
  });
  return {
    key: table.key,
    title: table.title,
    rowHeaders: table.rowHeaders,
    columns: table.columns,
    rows: table.rows.map((r) => row(r, before.get(label(r)))),
    totals: row(table.totals, previous?.totals),
    notes: table.notes,
  };
}

/** A previous table with nothing in it: every 去年同期 is null. */
const blank = (t: FigureTable): FigureRow => ({
  key: 'total',
  labels: ['合计'],
  values: Object.fromEntries(t.columns.map((c) => [c.key, null])),
  drill: {},
});

const shiftYear = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

export async function report(
  ctx: AppContext,
  actor: Actor,
  key: ReportKey,
  query: StatsQuery,
): Promise<ReportResponse> {
  const spec = requireReport(actor, key);
  const s = await resolveScope(ctx, actor, query);
  const compare = query.compare === 'true';
  let prev: ResolvedScope | null = null;
  if (compare) {
    prev = await previousScope(ctx, s, query);
    // A snapshot compares with the same day a year earlier.
    if (spec.period === 'snapshot') prev.scope.asOf = shiftYear(s.scope.asOf, -1);
  }
  if (spec.period === 'campaign' && !s.campaign) {
    throw new AppError('NOT_FOUND', `${s.scope.year}年没有可统计的走访慰问活动，请选择其他年份。`);
  }
  // Without last year's campaign there is nothing to compare with: 去年同期 stays empty rather than 0.
  const comparable = prev !== null && !(spec.period === 'campaign' && !prev.campaign);
  const [tables, previousTables] = await Promise.all([
    spec.build(ctx, s),
    prev && comparable ? spec.build(ctx, prev) : null,
  ]);
  const printedAt = nowIso();
  const downloadQuery: Record<string, string | number> = { regionId: s.region.id, year: s.scope.year };
  if (query.month) downloadQuery.month = query.month;
  if (query.campaignId) downloadQuery.campaignId = query.campaignId;
  if (compare) downloadQuery.compare = 'true';
  const periodLabel =
    spec.period === 'campaign' && s.campaign
      ? s.campaign.name
      : spec.period === 'snapshot'
        ? `截至 ${s.scope.asOf}`
        : s.scope.periodLabel;
  return {
    key,
    title: reportTitles[key],
    scope: s.scope,
    compare,
    previousScope: prev?.scope ?? null,
    heading: {
      regionName: s.region.name,
      periodLabel,
      printedBy: actor.displayName,
      printedAt,
    },
    tables: tables.map((t) =>
      toReportTable(
        t,
        previousTables
          ? previousTables.find((p) => p.key === t.key)
          : compare
            ? { ...t, rows: t.rows.map((r) => ({ ...blank(t), labels: r.labels })), totals: blank(t) }
            : null,
      ),
    ),
    downloads: {
      xlsx: reportDownloadUrl(key, 'xlsx', downloadQuery),
      pdf: reportDownloadUrl(key, 'pdf', downloadQuery),
    },
  };
}

export interface ReportFile {
  filename: string;
  bytes: Buffer;
}

/** The report as xlsx or PDF; the figures are read and the export audited in one transaction. */
export async function exportReport(
  ctx: AppContext,
  actor: Actor,
  key: ReportKey,
  query: StatsQuery,
  format: 'xlsx' | 'pdf',
): Promise<ReportFile> {
  requireReport(actor, key);
  const data = await ctx.db.transaction().execute(async (trx) => {
    const r = await report({ ...ctx, db: trx }, actor, key, query);
    await appendAudit(trx, actor, {
      action: 'export',
      entityType: 'report',
      entityId: key,
      summary: `导出报表《${r.title}》（${r.heading.regionName}，${r.heading.periodLabel}，${format === 'xlsx' ? 'xlsx' : 'PDF'}）`,
      after: { regionId: r.scope.regionId, year: r.scope.year, month: r.scope.month, compare: r.compare },
    });
    return r;
  });
  const who = `${actor.displayName}（${actor.username}）`;
  const bytes = format === 'xlsx' ? await reportXlsx(data, who) : await reportPdf(data, who);
  const safe = `${data.title}-${data.heading.regionName}-${data.heading.periodLabel}`.replace(/[\\/:*?"<>|\s]/g, '');
  return { filename: `${safe}.${format}`, bytes };
}
