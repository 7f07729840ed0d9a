/**
 * Dashboards (统计分析): the figures of the statistics layer shown as panels, each within the viewer's scope and
 * only for what the role may read. A panel's figure is the same number as the report it links to.
 */
import type {
  DashboardPanel,
  DashboardPanelKey,
  DashboardResponse,
  FigureUnit,
  PanelKind,
  StatsQuery,
} from '../../../shared/api/reports.api.ts';
import { type Capability, can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { campaignFigures } from './campaign.figures.ts';
import { emptyRow, type FigureRow, type FigureTable } from './figures.ts';
import { meritTable, plaqueTable } from './honours.figures.ts';
import { registryFigures } from './registry.figures.ts';
import { type ResolvedScope, resolveScope } from './stats-scope.ts';
import { activityTables, pairingOverview, requestTable, taskTable } from './work.figures.ts';

interface PanelSpec {
  key: DashboardPanelKey;
  title: string;
  kind: PanelKind;
  note?: string;
  reportKey?: string;
  series: { key: string; name: string; unit: FigureUnit }[];
}

function panel(spec: PanelSpec, table: FigureTable | null, empty = '暂无数据'): DashboardPanel {
  const rows = table?.rows ?? [];
  return {
    key: spec.key,
    title: spec.title,
    kind: spec.kind,
    note: spec.note ?? null,
    series: spec.series,
    rows: rows.map((r) => ({
      key: r.key,
      label: r.labels.join(' '),
      values: Object.fromEntries(spec.series.map((s) => [s.key, r.values[s.key] ?? null])),
      drillDown: Object.fromEntries(spec.series.flatMap((s) => (r.drill[s.key] ? [[s.key, r.drill[s.key]!]] : []))),
    })),
    empty: rows.length ? null : empty,
    reportKey: spec.reportKey ?? null,
  };
}

/** A figure of the overview panel: one value, and the list behind it when there is one. */
function figure(key: string, label: string, source: FigureRow | undefined, column: string): FigureRow | null {
  if (!source) return null;
  const row = emptyRow(key, [label], []);
  row.values.value = source.values[column] ?? null;
  if (source.drill[column]) row.drill.value = source.drill[column]!;
  return row;
}

async function build(ctx: AppContext, s: ResolvedScope): Promise<DashboardPanel[]> {
  const may = (c: Capability) => can(s.viewer.role, c);
  const [registry, campaign, plaques, merits, requests, activities, pairings, tasks] = await Promise.all([
    may('registry.read') ? registryFigures(ctx, s) : null,
    may('campaign.read') ? campaignFigures(ctx, s) : null,
    may('registry.read') ? plaqueTable(ctx, s) : null,
    may('registry.read') ? meritTable(ctx, s) : null,
    may('troops.read') ? requestTable(ctx, s) : null,
    may('activities.read') ? activityTables(ctx, s) : null,
    may('activities.read') ? pairingOverview(ctx, s) : null,
    may('notices.read') ? taskTable(ctx, s) : null,
  ]);
  const overview = [
    figure('people', '在册优抚对象（人）', registry?.byStreet.totals, 'people'),
    figure('planned', '应慰问（人）', campaign?.byStreet.totals, 'planned'),
    figure('delivered', '已慰问（人）', campaign?.byStreet.totals, 'delivered'),
    figure('coverage', '走访覆盖率（%）', campaign?.byStreet.totals, 'coverage'),
    figure('deliveredCash', '慰问金已发（元）', campaign?.byStreet.totals, 'deliveredCash'),
    figure('letters', '慰问信（份）', campaign?.byStreet.totals, 'letters'),
    figure('plaquesDue', '光荣牌应挂未挂（户）', plaques?.totals, 'due'),
    figure('meritsOverdue', '立功喜报逾期未送达（份）', merits?.totals, 'overdue'),
    figure('requestsOpen', '部队诉求办理中（件）', requests?.totals, 'open'),
    figure('requestsOverdue', '部队诉求超期（件）', requests?.totals, 'overdue'),
    figure('activities', '双拥活动（次）', activities?.byMonth.totals, 'count'),
    figure('tasksOverdue', '通知任务逾期未报（项）', tasks?.totals, 'overdue'),
  ].filter((r): r is FigureRow => r !== null);
  if (pairings) {
    const row = emptyRow('pairingsOverdue', ['结对帮扶逾期未联系（对）'], []);
    row.values.value = pairings.overdue;
    row.drill.value = { path: '/army-people/pairings', query: { overdue: 'true' }, api: '/api/army-people/pairings' };
    // The pairing list has no region filter: a narrowed view links only when it is the viewer's own region.
    if (s.viewer.regionId !== s.region.id) row.drill = {};
    overview.push(row);
  }
  const panels: DashboardPanel[] = [
    panel({ key: 'overview', title: '总览', kind: 'figures', series: [{ key: 'value', name: '数值', unit: 'item' }] }, {
      rows: overview,
    } as FigureTable),
  ];
  const people = { key: 'people', name: '优抚对象', unit: 'person' as const };
  if (registry) {
    panels.push(
      panel(
        {
          key: 'registryByCategory',
          title: '优抚对象按类别',
          kind: 'pie',
          series: [people],
          reportKey: 'registry-categories',
        },
        registry.byCategory,
      ),
      panel(
        {
          key: 'registryByStreet',
          title: '优抚对象按街道（户籍）',
          kind: 'bar',
          note: '按户籍所在地统计；户籍在外、居住在本辖区的单列。',
          series: [people],
          reportKey: 'registry-categories',
        },
        registry.byStreet,
      ),
    );
  }
  if (may('campaign.read')) {
    const noCampaign = `${s.scope.year}年没有走访慰问活动`;
    const progress = [
      { key: 'planned', name: '应慰问', unit: 'person' as const },
      { key: 'delivered', name: '已慰问', unit: 'person' as const },
      { key: 'coverage', name: '走访覆盖率', unit: 'percent' as const },
    ];
    const spec = { kind: 'bar' as const, reportKey: 'campaign-visits', series: progress };
    panels.push(
      panel(
        { ...spec, key: 'campaignByStreet', title: '走访慰问进度（按街道）' },
        campaign?.byStreet ?? null,
        noCampaign,
      ),
      panel(
        { ...spec, key: 'campaignByCategory', title: '走访慰问进度（按类别）' },
        campaign?.byCategory ?? null,
        noCampaign,
      ),
      panel(
        {
          key: 'campaignMoneyByStreet',
          title: '慰问金、慰问品发放（按街道）',
          kind: 'bar',
          reportKey: 'campaign-visits',
          series: [
            { key: 'plannedCash', name: '慰问金计划', unit: 'cents' },
            { key: 'deliveredCash', name: '慰问金已发', unit: 'cents' },
            { key: 'deliveredGoods', name: '慰问品已发', unit: 'cents' },
          ],
        },
        campaign?.byStreet ?? null,
        noCampaign,
      ),
    );
  }
  if (plaques && merits) {
    const honours = [
      figure('plaquesHung', '光荣牌已挂（户）', plaques.totals, 'hung'),
      figure('plaquesDue', '光荣牌应挂未挂（户）', plaques.totals, 'due'),
      figure('meritsReceived', '立功喜报收到（份）', merits.totals, 'received'),
      figure('meritsDelivered', '立功喜报已送达（份）', merits.totals, 'delivered'),
      figure('meritsOverdue', '立功喜报逾期未送达（份）', merits.totals, 'overdue'),
    ].filter((r): r is FigureRow => r !== null);
    panels.push(
      panel(
        {
          key: 'honours',
          title: '光荣牌与立功喜报',
          kind: 'figures',
          reportKey: 'honour-plaques',
          series: [{ key: 'value', name: '数值', unit: 'household' }],
        },
        { rows: honours } as FigureTable,
      ),
    );
  }
  if (requests) {
    panels.push(
      panel(
        {
          key: 'requestsByDepartment',
          title: '部队诉求办理（按承办部门）',
          kind: 'bar',
          reportKey: 'troop-requests',
          series: [
            { key: 'received', name: '受理', unit: 'item' },
            { key: 'resolved', name: '已办结', unit: 'item' },
            { key: 'overdue', name: '超期', unit: 'item' },
            { key: 'averageDays', name: '平均办结天数', unit: 'day' },
          ],
        },
        requests,
      ),
    );
  }
  if (activities) {
    const series = [
      { key: 'count', name: '活动次数', unit: 'time' as const },
      { key: 'spend', name: '经费', unit: 'cents' as const },
    ];
    panels.push(
      panel(
        { key: 'activitiesByMonth', title: '双拥活动（按月）', kind: 'line', reportKey: 'activities', series },
        activities.byMonth,
      ),
      panel(
        { key: 'activitiesByType', title: '双拥活动（按类型）', kind: 'pie', reportKey: 'activities', series },
        activities.byType,
      ),
    );
  }
  if (tasks) {
    panels.push(
      panel(
        {
          key: 'noticeTasksByUnit',
          title: '通知任务落实（按单位）',
          kind: 'stackedBar',
          reportKey: 'notice-tasks',
          series: [
            { key: 'onTime', name: '按期落实', unit: 'item' },
            { key: 'late', name: '逾期落实', unit: 'item' },
            { key: 'overdue', name: '逾期未报', unit: 'item' },
            { key: 'open', name: '未到期', unit: 'item' },
          ],
        },
        tasks,
      ),
    );
  }
  return panels;
}

export async function dashboard(ctx: AppContext, actor: Actor, query: StatsQuery): Promise<DashboardResponse> {
  requireCapability(actor, 'dashboard.read');
  const s = await resolveScope(ctx, actor, query);
  return {
    scope: s.scope,
    regions: regionChoices(s),
    panels: await build(ctx, s),
  };
}

/** The viewer's own region and the regions below the viewed one, for the region picker. */
export function regionChoices(s: ResolvedScope) {
  const own = s.viewer.regionId !== null ? s.regions.get(s.viewer.regionId) : undefined;
  const list = [
    ...(own && own.id !== s.region.id ? [own] : []),
    s.region,
    ...s.children.filter((c) => c.id !== s.region.id),
  ];
  return list.map((r) => ({ id: r.id, name: r.name }));
}
