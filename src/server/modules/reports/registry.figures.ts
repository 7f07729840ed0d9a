/**
 * Registry figures: people on the registry by the street of their 户籍 and by category. People in scope only by
 * residence (户籍 outside the viewed region) form one row of their own, so no street counts another street's
 * people and the 合计 still equals everyone in scope (the registry list with the same region).
 */
import type { AppContext } from '../../context.ts';
import { add, column, drill, emptyRow, type FigureTable, RegionRows, totalOf } from './figures.ts';
import * as repo from './stats.repo.ts';
import type { ResolvedScope } from './stats-scope.ts';

const listPath = '/registry/persons';
const listApi = '/api/persons';
export const residenceOnlyKey = 'residence-only';

export interface RegistryFigures {
  byStreet: FigureTable;
  byCategory: FigureTable;
}

export async function registryFigures(ctx: AppContext, s: ResolvedScope): Promise<RegistryFigures> {
  const [groups, categories] = await Promise.all([
    repo.registryGroups(ctx.db, s.actor, s.scope.asOf, s.today),
    repo.categoryList(ctx.db),
  ]);
  const current = s.scope.asOf >= s.today;
  const columns = [
    column('people', '优抚对象（人）', 'count', 'person'),
    ...categories.map((c) => column(`c:${c.code}`, c.name, 'count', 'person')),
  ];
  const regionId = s.region.id;
  const rows = new RegionRows(s, columns);
  const extra = { key: residenceOnlyKey, label: '户籍在外、居住在本辖区' };
  const rowFor = (hukou: number | null) => rows.row(s.rowOf(hukou), extra)!;
  for (const g of groups.people) add(rowFor(g.regionId), 'people', g.n);
  for (const g of groups.categories) add(rowFor(g.regionId), `c:${g.code}`, g.n);
  // The list behind a figure counts today's registry: a past year's snapshot has no list to open.
  const linkRow = (row: (typeof byStreetRows)[number], query: Record<string, string | number>) => {
    if (!current) return;
    row.drill.people = drill(listPath, listApi, query);
    for (const c of categories) row.drill[`c:${c.code}`] = drill(listPath, listApi, { ...query, category: c.code });
  };
  const byStreetRows = rows.list();
  for (const row of byStreetRows) {
    linkRow(
      row,
      row.key === residenceOnlyKey
        ? { regionId, regionBasis: 'residenceOnly' }
        : { regionId: Number(row.key), regionBasis: 'hukou' },
    );
  }
  const totals = totalOf(byStreetRows, columns);
  linkRow(totals, { regionId });

  const categoryColumns = [column('people', '优抚对象（人）', 'count', 'person')];
  const byCategoryRows = categories.map((c) => {
    const row = emptyRow(c.code, [c.name], categoryColumns);
    row.values.people = totals.values[`c:${c.code}`] ?? 0;
    if (current) row.drill.people = drill(listPath, listApi, { regionId, category: c.code });
    return row;
  });
  const categoryTotals = emptyRow('total', ['合计'], categoryColumns);
  categoryTotals.values.people = totals.values.people ?? 0;
  if (current) categoryTotals.drill.people = drill(listPath, listApi, { regionId });
  const notes = [
    '按户籍所在街道（社区）统计；户籍不在本辖区但居住在本辖区的单列一行。',
    '一人有多个类别的，在每个类别中各计一次，故各类别之和可能大于合计人数。',
    ...(current ? [] : [`按 ${s.scope.asOf} 时在册的人员推算（登记日期在此之前、当日健在）。`]),
  ];
  return {
    byStreet: {
      key: 'byStreet',
      title: '按街道',
      rowHeaders: ['区域'],
      columns,
      rows: byStreetRows,
      totals,
      notes,
    },
    byCategory: {
      key: 'byCategory',
      title: '按类别',
      rowHeaders: ['类别'],
      columns: categoryColumns,
      rows: byCategoryRows.filter((r) => (r.values.people ?? 0) > 0),
      totals: categoryTotals,
      notes: notes.slice(1, 2),
    },
  };
}
