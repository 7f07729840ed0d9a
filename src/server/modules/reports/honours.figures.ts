/** 光荣牌 and 立功喜报 figures, from the honours module's registers, folded into the rows of the viewed region. */
import type { AppContext } from '../../context.ts';
import { meritFigures } from '../honours/merits.service.ts';
import { plaqueFigures } from '../honours/plaques.service.ts';
import { add, column, drill, type FigureRow, type FigureTable, percent, RegionRows, totalOf } from './figures.ts';
import type { ResolvedScope } from './stats-scope.ts';

export const plaqueColumns = [
  column('eligible', '应挂（户）', 'count', 'household', false),
  column('hung', '已挂（户）', 'count', 'household', false),
  column('due', '应挂未挂（户）', 'count', 'household', false),
  column('rate', '悬挂率', 'percent', 'percent', false),
  column('withdrawn', '已收回（户）', 'count', 'household', false),
  column('hungInPeriod', '本期悬挂（户）', 'count', 'household'),
];

export const meritColumns = [
  column('received', '收到喜报（份）', 'count', 'copy'),
  column('delivered', '已送达（份）', 'count', 'copy'),
  column('onTime', '按期送达（份）', 'count', 'copy'),
  column('open', '未送达（份）', 'count', 'copy'),
  column('overdue', '逾期未送达（份）', 'count', 'copy'),
  column('onTimeRate', '按期送达率', 'percent', 'percent'),
];

const regionQuery = (s: ResolvedScope, key: string) => ({ regionId: key === 'total' ? s.region.id : Number(key) });

export async function plaqueTable(ctx: AppContext, s: ResolvedScope): Promise<FigureTable> {
  const groups = await plaqueFigures(ctx, s.actor, s.scope);
  const rows = new RegionRows(s, plaqueColumns);
  for (const g of groups) {
    const row = rows.row(s.rowOf(g.regionId), { key: 'unplaced', label: '未落区域的户' });
    if (!row) continue;
    add(row, 'eligible', g.due + g.hung);
    add(row, 'hung', g.hung);
    add(row, 'due', g.due);
    add(row, 'withdrawn', g.withdrawn);
    add(row, 'hungInPeriod', g.hungInPeriod);
  }
  const list = rows.list();
  const totals = totalOf(list, plaqueColumns);
  for (const row of [...list, totals]) {
    row.values.rate = percent(row.values.hung ?? 0, row.values.eligible ?? 0);
    if (row.key === 'unplaced') continue;
    const q = regionQuery(s, row.key);
    row.drill.hung = drill('/honours/plaques', '/api/honours/plaques', { ...q, status: 'hung' });
    row.drill.due = drill('/honours/plaques', '/api/honours/plaques', { ...q, status: 'due' });
    row.drill.withdrawn = drill('/honours/plaques', '/api/honours/plaques', { ...q, status: 'withdrawn' });
  }
  return {
    key: 'plaques',
    title: '光荣牌悬挂情况',
    rowHeaders: ['区域'],
    columns: plaqueColumns,
    rows: list,
    totals,
    notes: [
      '应挂 = 已挂 + 应挂未挂，按户计，应挂依据在册人员的类别（与光荣牌登记簿一致）；已挂、应挂未挂为当前状态。',
      `本期悬挂：悬挂日期在 ${s.scope.from} 至 ${s.scope.to} 之间的户。`,
    ],
  };
}

export async function meritTable(ctx: AppContext, s: ResolvedScope): Promise<FigureTable> {
  const period = { from: s.scope.from, to: s.scope.to };
  const groups = await meritFigures(ctx, s.actor, period);
  const rows = new RegionRows(s, meritColumns);
  for (const g of groups) {
    const row = rows.row(s.rowOf(g.regionId), { key: 'unplaced', label: '未落区域' });
    if (!row) continue;
    for (const k of ['received', 'delivered', 'onTime', 'open', 'overdue'] as const) add(row, k, g[k]);
  }
  const list = rows.list();
  const totals = totalOf(list, meritColumns);
  const link = (row: FigureRow) => {
    row.values.onTimeRate = percent(row.values.onTime ?? 0, row.values.received ?? 0);
    if (row.key === 'unplaced') return;
    const q = { ...regionQuery(s, row.key), ...period };
    row.drill.received = drill('/honours/merits', '/api/honours/merits', q);
    row.drill.delivered = drill('/honours/merits', '/api/honours/merits', { ...q, state: 'delivered' });
    row.drill.open = drill('/honours/merits', '/api/honours/merits', { ...q, state: 'open' });
    row.drill.overdue = drill('/honours/merits', '/api/honours/merits', { ...q, state: 'overdue' });
  };
  for (const row of [...list, totals]) link(row);
  return {
    key: 'merits',
    title: '立功喜报送达情况',
    rowHeaders: ['区域'],
    columns: meritColumns,
    rows: list,
    totals,
    notes: [`统计 ${s.scope.from} 至 ${s.scope.to} 登记收到的喜报；按期 = 在收到后 2 个工作日内送达。`],
  };
}
