import { z } from 'zod';

/**
 * Dashboards (统计分析) and reports (报表). One statistics layer feeds both: a figure shown on a dashboard panel and
 * the same figure in a report come from the same query. Everything is counted within the viewer's scope.
 *
 * Conventions of every figure:
 * - money is integer 分 (`unit: 'cents'`); the UI and the exports show 元 with two decimals;
 * - percentages are percentage points with one decimal (85.3 means 85.3 %); `null` when the base is 0;
 * - days are one decimal; ratings are the 1–5 average with one decimal; `null` when nothing to average.
 * - Registry by street counts a person under the street of his 户籍; people in scope only by residence (户籍
 *   outside the viewed region) are one row of their own, `key: 'residence-only'`, so totals equal the people
 *   in scope and no street counts another street's people. A person with several categories counts once in each
 *   category (category columns may add up to more than the 合计 column, which counts people).
 */

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

/** The list behind a figure: open the web `path` with `query` as its search params; `api` answers the same query. */
export const drillDown = z.object({
  /** Web route, e.g. `/registry/persons`, `/campaigns/12` (its roster), `/troops/requests`. */
  path: z.string(),
  /** Search params of the page: exactly the list endpoint's query (names and values), nothing else. */
  query: z.record(z.string(), z.string()),
  /** The list endpoint (GET) that returns exactly the records counted, e.g. `/api/persons`; its `total` = figure. */
  api: z.string(),
});
export type DrillDown = z.infer<typeof drillDown>;

export const figureUnits = ['person', 'household', 'cents', 'copy', 'percent', 'item', 'day', 'score', 'time'] as const;
export type FigureUnit = (typeof figureUnits)[number];
/** Chinese unit shown after a figure (money is shown in 元). */
export const figureUnitLabels: Record<FigureUnit, string> = {
  person: '人',
  household: '户',
  cents: '元',
  copy: '份',
  percent: '%',
  item: '件',
  day: '天',
  score: '分',
  time: '次',
};

/** Where the figures come from: the region viewed (and its name), the year and the campaign counted. */
export const statsScope = z.object({
  regionId: z.number().int(),
  regionName: z.string(),
  year: z.number().int(),
  /** `month` narrows period reports (activities, requests, tasks) to one month; null = the whole year. */
  month: z.number().int().nullable(),
  /** First and last day of the period, YYYY-MM-DD (the campaign's window for campaign figures). */
  from: z.string(),
  to: z.string(),
  /** e.g. `2026年`, `2026年3月` */
  periodLabel: z.string(),
  /** The campaign counted (the one of `year` owned by the region or an ancestor); null when there is none. */
  campaign: z.object({ id: z.number().int(), name: z.string(), year: z.number().int() }).nullable(),
  /** Date the snapshot figures (registry, plaques, open items) are counted on. */
  asOf: z.string(),
});
export type StatsScope = z.infer<typeof statsScope>;

const year = z.coerce
  .number({ error: '年份应为数字，如 2026' })
  .int('年份应为整数，如 2026')
  .min(2000, '年份应在 2000–2100 之间')
  .max(2100, '年份应在 2000–2100 之间');

/** Query of every dashboard and report. Defaults: the viewer's own region, the current year, no comparison. */
export const statsQuery = z.strictObject({
  /** A region inside the viewer's scope (a street of the district …); outside it answers 404. */
  regionId: z.coerce.number({ error: '区域编号应为数字' }).int().positive('区域编号应为正整数').optional(),
  year: year.optional(),
  month: z.coerce
    .number({ error: '月份应为 1–12 的数字' })
    .int('月份应为 1–12 的整数')
    .min(1, '月份应为 1–12')
    .max(12, '月份应为 1–12')
    .optional(),
  /** A specific campaign (must be in scope); default: the campaign of `year`. */
  campaignId: z.coerce.number({ error: '慰问活动编号应为数字' }).int().positive().optional(),
  /** `true`: add 去年同期 and 增减 to every comparable figure. */
  compare: z.enum(['true', 'false'], { error: 'compare 只能是 true 或 false' }).default('false'),
});
export type StatsQuery = z.output<typeof statsQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Dashboards

export const panelKinds = ['figures', 'bar', 'stackedBar', 'pie', 'line', 'table'] as const;
export type PanelKind = (typeof panelKinds)[number];

export const panelSeries = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.enum(figureUnits),
});

/** One bar / slice / point group: `values[seriesKey]`, and the list behind each value when there is one. */
export const panelRow = z.object({
  key: z.string(),
  label: z.string(),
  values: z.record(z.string(), z.number().nullable()),
  drillDown: z.record(z.string(), drillDown),
});
export type PanelRow = z.infer<typeof panelRow>;

export const dashboardPanelKeys = [
  'overview',
  'registryByCategory',
  'registryByStreet',
  'campaignByStreet',
  'campaignByCategory',
  'campaignMoneyByStreet',
  'honours',
  'requestsByDepartment',
  'activitiesByMonth',
  'activitiesByType',
  'noticeTasksByUnit',
] as const;
export type DashboardPanelKey = (typeof dashboardPanelKeys)[number];

export const dashboardPanel = z.object({
  key: z.enum(dashboardPanelKeys),
  title: z.string(),
  kind: z.enum(panelKinds),
  /** What a bar/slice/figure means, one line (e.g. 「按户籍所在街道统计在册优抚对象」). */
  note: z.string().nullable(),
  series: z.array(panelSeries),
  rows: z.array(panelRow),
  /** Empty panel message (no campaign this year …); rows are then []. */
  empty: z.string().nullable(),
  /** The report with the same figures, to open from the panel. */
  reportKey: z.string().nullable(),
});
export type DashboardPanel = z.infer<typeof dashboardPanel>;

/**
 * GET /api/dashboard?regionId&year&campaignId. Office and leader: their region; street and community: their own
 * area only. Roles without `dashboard.read` (department, troop liaisons, auditor) get 403.
 */
export const dashboardResponse = z.object({
  scope: statsScope,
  /** Child regions the viewer may switch to (streets of a district …), for the region picker. */
  regions: z.array(z.object({ id: z.number().int(), name: z.string() })),
  panels: z.array(dashboardPanel),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Reports (报表)

export const reportKeys = [
  'registry-categories',
  'campaign-visits',
  'honour-plaques',
  'merit-notices',
  'troop-requests',
  'activities',
  'notice-tasks',
] as const;
export type ReportKey = (typeof reportKeys)[number];

export const reportTitles: Record<ReportKey, string> = {
  'registry-categories': '优抚对象分类统计表',
  'campaign-visits': '春节走访慰问情况统计表',
  'honour-plaques': '光荣牌悬挂情况表',
  'merit-notices': '立功喜报送达情况表',
  'troop-requests': '部队诉求办理情况表',
  activities: '双拥活动统计表',
  'notice-tasks': '通知任务落实情况表',
};

/** What the period parameters mean for a report: a snapshot, a campaign, or a year (optionally one month). */
export const reportPeriodKinds = ['snapshot', 'campaign', 'period'] as const;

export const reportParam = z.strictObject({ key: z.enum(reportKeys, { error: '没有这张报表' }) });

export const reportInfo = z.object({
  key: z.enum(reportKeys),
  title: z.string(),
  description: z.string(),
  period: z.enum(reportPeriodKinds),
  /** Which query parameters apply (regionId and year always do). */
  params: z.array(z.enum(['regionId', 'year', 'month', 'campaignId', 'compare'])),
});
/** GET /api/reports: the reports the viewer may open. */
export const reportCatalogue = z.object({
  items: z.array(reportInfo),
  /** The viewer's own region and the regions below it he may pick (streets of a district …). */
  region: z.object({ id: z.number().int(), name: z.string() }),
  regions: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** Years that have data or a campaign, newest first, for the year picker. */
  years: z.array(z.number().int()),
});
export type ReportCatalogue = z.infer<typeof reportCatalogue>;

export const columnKinds = ['count', 'money', 'percent', 'days', 'rating'] as const;

export const reportColumn = z.object({
  key: z.string(),
  title: z.string(),
  kind: z.enum(columnKinds),
  unit: z.enum(figureUnits),
  /** Compared with last year when `compare=true` (snapshots of the current state are not). */
  comparable: z.boolean(),
});
export type ReportColumn = z.infer<typeof reportColumn>;

/** One cell: this period's value; with `compare=true` and a comparable column also 去年同期 and 增减 (value − previous). */
export const reportCell = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable().optional(),
  change: z.number().nullable().optional(),
  drillDown: drillDown.optional(),
});
export type ReportCell = z.infer<typeof reportCell>;

export const reportRow = z.object({
  key: z.string(),
  /** The row header(s), one per `rowHeaders` entry (e.g. [街道] or [街道, 类别]). */
  labels: z.array(z.string()),
  cells: z.record(z.string(), reportCell),
});
export type ReportRow = z.infer<typeof reportRow>;

export const reportTable = z.object({
  key: z.string(),
  /** Sub-title when a report has several tables (e.g. 按街道 / 按类别). */
  title: z.string(),
  rowHeaders: z.array(z.string()),
  columns: z.array(reportColumn),
  rows: z.array(reportRow),
  /** 合计 row (labels ['合计']). */
  totals: reportRow,
  notes: z.array(z.string()),
});
export type ReportTable = z.infer<typeof reportTable>;

/** GET /api/reports/:key?regionId&year&month&campaignId&compare */
export const reportResponse = z.object({
  key: z.enum(reportKeys),
  title: z.string(),
  scope: statsScope,
  compare: z.boolean(),
  /** The scope counted for 去年同期 (year − 1, its campaign), when comparing. */
  previousScope: statsScope.nullable(),
  /** The heading printed on xlsx and PDF: 区域、期间、打印人、打印时间. */
  heading: z.object({
    regionName: z.string(),
    periodLabel: z.string(),
    printedBy: z.string(),
    printedAt: z.string(),
  }),
  tables: z.array(reportTable),
  /** Download links with the same query: xlsx (`/api/reports/:key/export.xlsx`) and PDF (`/api/reports/:key/print.pdf`). */
  downloads: z.object({ xlsx: z.string(), pdf: z.string() }),
});
export type ReportResponse = z.infer<typeof reportResponse>;

/** Builds the download URL of a report for a query (used by the server and the web app alike). */
export function reportDownloadUrl(key: ReportKey, format: 'xlsx' | 'pdf', query: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const file = format === 'xlsx' ? 'export.xlsx' : 'print.pdf';
  return `/api/reports/${key}/${file}${qs ? `?${qs}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The list behind the notice-task figures (通知任务落实情况)

export const taskStates = ['onTime', 'late', 'overdue', 'open'] as const;
export type TaskState = (typeof taskStates)[number];
export const taskStateLabels: Record<TaskState, string> = {
  onTime: '按期落实',
  late: '逾期落实',
  overdue: '逾期未报',
  open: '未到期',
};

/** The report's region and period, one unit (or every unit) and one state (or all): the tasks a figure counts. */
export const noticeTaskListQuery = statsQuery.omit({ campaignId: true, compare: true }).extend({
  unitId: z.coerce.number({ error: '单位编号应为数字' }).int().positive().optional(),
  state: z.enum(taskStates, { error: '状态只能是 onTime、late、overdue 或 open' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type NoticeTaskListQuery = z.output<typeof noticeTaskListQuery>;

export const noticeTaskItem = z.object({
  id: z.number().int(),
  noticeId: z.number().int(),
  noticeTitle: z.string(),
  docNumber: z.string().nullable(),
  taskNo: z.number().int(),
  taskTitle: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  deadline: z.string(),
  reportedAt: z.string().nullable(),
  state: z.enum(taskStates),
});
export type NoticeTaskItem = z.infer<typeof noticeTaskItem>;

export const noticeTaskList = z.object({
  scope: statsScope,
  items: z.array(noticeTaskItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NoticeTaskList = z.infer<typeof noticeTaskList>;
