/**
 * Period figures of the other modules: troop requests by responsible department, activities by month and type,
 * pairings overdue for contact, notice tasks by unit. Each module counts with its own scope and definitions.
 */
import type { NoticeTaskList, NoticeTaskListQuery } from '../../../shared/api/reports.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { activityFigures } from '../army-people/activity-stats.service.ts';
import { pairingFigures } from '../army-people/pairings.service.ts';
import { taskFigures, taskItems } from '../notices/notices.service.ts';
import { requestFigures } from '../troops/troops.service.ts';
import { add, column, drill, emptyRow, type FigureRow, type FigureTable, percent, round1, totalOf } from './figures.ts';
import { type ResolvedScope, resolveScope } from './stats-scope.ts';

/** The region filter of a list: only when the view is narrower than the viewer's own region. */
function narrowed(s: ResolvedScope): { regionId?: number } {
  return s.narrowed ? { regionId: s.region.id } : {};
}

export const requestColumns = [
  column('received', '受理（件）', 'count', 'item'),
  column('resolved', '已办结（件）', 'count', 'item'),
  column('open', '办理中（件）', 'count', 'item'),
  column('overdue', '超期未办结（件）', 'count', 'item'),
  column('averageDays', '平均办结天数', 'days', 'day'),
  column('averageRating', '部队评价（平均分）', 'rating', 'score'),
  column('rated', '评价数（件）', 'count', 'item'),
];

export async function requestTable(ctx: AppContext, s: ResolvedScope): Promise<FigureTable> {
  const period = { from: s.scope.from, to: s.scope.to };
  const groups = await requestFigures(ctx, s.actor, period);
  const sums = new Map<FigureRow, { days: number; timed: number; ratingSum: number }>();
  const rows = groups
    .map((g) => {
      const key = g.departmentId === null ? 'unassigned' : String(g.departmentId);
      const row = emptyRow(
        key,
        [g.departmentId === null ? '尚未分派' : (g.departmentName ?? '某单位')],
        requestColumns,
      );
      for (const k of ['received', 'resolved', 'open', 'overdue', 'rated'] as const) row.values[k] = g[k];
      sums.set(row, { days: g.days, timed: g.timed, ratingSum: g.ratingSum });
      return row;
    })
    .sort((a, b) => (a.key === 'unassigned' ? 1 : b.key === 'unassigned' ? -1 : 0));
  const totals = totalOf(rows, requestColumns);
  const all = { days: 0, timed: 0, ratingSum: 0 };
  for (const v of sums.values()) {
    all.days += v.days;
    all.timed += v.timed;
    all.ratingSum += v.ratingSum;
  }
  sums.set(totals, all);
  for (const row of [...rows, totals]) {
    const sum = sums.get(row)!;
    row.values.averageDays = sum.timed ? round1(sum.days / sum.timed) : null;
    row.values.averageRating = row.values.rated ? round1(sum.ratingSum / row.values.rated) : null;
    if (row.key === 'unassigned') continue;
    const q = { ...period, ...narrowed(s), ...(row.key === 'total' ? {} : { departmentId: row.key }) };
    row.drill.received = drill('/troops/requests', '/api/troops/requests', q);
    row.drill.overdue = drill('/troops/requests', '/api/troops/requests', { ...q, overdue: 'true' });
  }
  return {
    key: 'requests',
    title: '部队诉求办理情况',
    rowHeaders: ['承办部门'],
    columns: requestColumns,
    rows,
    totals,
    notes: [
      `统计 ${s.scope.from} 至 ${s.scope.to} 提出的诉求，按当前承办部门；办结天数从分派到办结计算。`,
      '超期未办结：办理中且已过办理期限。',
    ],
  };
}

export const activityColumns = [
  column('count', '活动（次）', 'count', 'time'),
  column('participants', '参与（人次）', 'count', 'person'),
  column('spend', '经费（元）', 'money', 'cents'),
];

export interface ActivityTables {
  byMonth: FigureTable;
  byType: FigureTable;
}

export async function activityTables(ctx: AppContext, s: ResolvedScope): Promise<ActivityTables> {
  const period = { from: s.scope.from, to: s.scope.to, ...narrowed(s) };
  const groups = await activityFigures(ctx, s.actor, period);
  const fromMonth = s.scope.from.slice(0, 7);
  const months = new Map<string, FigureRow>();
  const year = s.scope.year;
  const firstMonth = s.scope.month ?? 1;
  const lastMonth = s.scope.month ?? 12;
  for (let m = firstMonth; m <= lastMonth; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    months.set(key, emptyRow(key, [`${m}月`], activityColumns));
  }
  const types = new Map<string, FigureRow>();
  for (const g of groups) {
    // An activity that began before the period and runs into it counts in the period's first month.
    const month = months.get(g.month.localeCompare(fromMonth) < 0 ? fromMonth : g.month);
    let type = types.get(g.type);
    if (!type) {
      type = emptyRow(g.type, [g.typeName], activityColumns);
      types.set(g.type, type);
    }
    for (const row of [month, type]) {
      if (!row) continue;
      add(row, 'count', g.count);
      add(row, 'participants', g.participants);
      add(row, 'spend', g.spendCents);
    }
  }
  const monthRows = [...months.values()];
  const typeRows = [...types.values()].sort((a, b) => (b.values.count ?? 0) - (a.values.count ?? 0));
  const lastDay = (key: string) => {
    const [y, m] = key.split('-').map(Number) as [number, number];
    return `${key}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  };
  for (const row of monthRows) {
    const from = row.key === fromMonth ? s.scope.from : `${row.key}-01`;
    row.drill.count = drill('/army-people/activities', '/api/army-people/activities', {
      ...period,
      from,
      to: lastDay(row.key),
    });
  }
  for (const row of typeRows) {
    row.drill.count = drill('/army-people/activities', '/api/army-people/activities', { ...period, type: row.key });
  }
  const monthTotals = totalOf(monthRows, activityColumns);
  const typeTotals = totalOf(typeRows, activityColumns);
  for (const t of [monthTotals, typeTotals]) {
    t.drill.count = drill('/army-people/activities', '/api/army-people/activities', period);
  }
  const notes = [`统计 ${s.scope.from} 至 ${s.scope.to} 举办的双拥活动（跨月活动计入开始的月份）。`];
  return {
    byMonth: {
      key: 'byMonth',
      title: '按月份',
      rowHeaders: ['月份'],
      columns: activityColumns,
      rows: monthRows,
      totals: monthTotals,
      notes,
    },
    byType: {
      key: 'byType',
      title: '按活动类型',
      rowHeaders: ['活动类型'],
      columns: activityColumns,
      rows: typeRows,
      totals: typeTotals,
      notes: [],
    },
  };
}

export async function pairingOverview(ctx: AppContext, s: ResolvedScope) {
  return pairingFigures(ctx, s.actor);
}

export const taskColumns = [
  column('assigned', '分派任务（项）', 'count', 'item'),
  column('onTime', '按期落实（项）', 'count', 'item'),
  column('late', '逾期落实（项）', 'count', 'item'),
  column('overdue', '逾期未报（项）', 'count', 'item', false),
  column('open', '未到期未报（项）', 'count', 'item', false),
  column('doneRate', '按期落实率', 'percent', 'percent'),
];

/** What the notice-task figures and the list behind them count: the period and, in a narrowed view, its units. */
function taskPeriod(s: ResolvedScope) {
  return { from: s.scope.from, to: s.scope.to, unitRegionIds: s.narrowed ? s.regions.subtree(s.region.id) : undefined };
}

const taskListPath = '/reports/tables/notice-tasks';
const taskListApi = '/api/reports/notice-tasks/tasks';

export async function taskTable(ctx: AppContext, s: ResolvedScope): Promise<FigureTable> {
  const groups = await taskFigures(ctx, s.viewer, taskPeriod(s));
  const rows = groups.map((g) => {
    const row = emptyRow(String(g.unitId), [g.unitName], taskColumns);
    for (const k of ['assigned', 'onTime', 'late', 'overdue', 'open'] as const) row.values[k] = g[k];
    return row;
  });
  const totals = totalOf(rows, taskColumns);
  // The list behind each figure: the same region and period, the row's unit, the column's state.
  const period = { regionId: s.region.id, year: s.scope.year, ...(s.scope.month ? { month: s.scope.month } : {}) };
  for (const row of [...rows, totals]) {
    row.values.doneRate = percent(row.values.onTime ?? 0, row.values.assigned ?? 0);
    const unit = row === totals ? {} : { unitId: Number(row.key) };
    row.drill.assigned = drill(taskListPath, taskListApi, { ...period, ...unit });
    for (const state of ['onTime', 'late', 'overdue', 'open'] as const) {
      row.drill[state] = drill(taskListPath, taskListApi, { ...period, ...unit, state });
    }
  }
  return {
    key: 'tasks',
    title: '通知任务落实情况',
    rowHeaders: ['承办单位'],
    columns: taskColumns,
    rows,
    totals,
    notes: [
      `统计截止日期在 ${s.scope.from} 至 ${s.scope.to} 的任务；按期落实：截止日当天（北京时间）及以前上报。`,
      '点数字看对应的任务；各通知的落实矩阵见通知详情。',
    ],
  };
}

/** The tasks behind a figure of that table (a unit's, in one state), read with the same scope and period. */
export async function taskList(ctx: AppContext, viewer: Actor, query: NoticeTaskListQuery): Promise<NoticeTaskList> {
  requireCapability(viewer, 'dashboard.read');
  const s = await resolveScope(ctx, viewer, { ...query, compare: 'false' });
  const { rows, total } = await taskItems(
    ctx,
    s.viewer,
    { ...taskPeriod(s), unitId: query.unitId, state: query.state },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { scope: s.scope, items: rows, total, page: query.page, pageSize: query.pageSize };
}
