import { describe, expect, it } from 'vitest';
import type { DashboardPanel } from '../../../shared/api/reports.api.ts';
import { clickedSeriesKey, panelOption } from './panel-chart.ts';
import { figureUnitOf } from './stats-format.ts';

const panel = (over: Partial<DashboardPanel>): DashboardPanel => ({
  key: 'campaignMoneyByStreet',
  title: '慰问金额',
  kind: 'bar',
  note: null,
  empty: null,
  reportKey: null,
  series: [
    { key: 'visited', name: '已走访', unit: 'person' },
    { key: 'cash', name: '已发慰问金', unit: 'cents' },
  ],
  rows: [
    { key: '1', label: '甲街道', values: { visited: 3, cash: 150_000 }, drillDown: {} },
    { key: '2', label: '乙街道', values: { visited: 0, cash: null }, drillDown: {} },
  ],
  ...over,
});
const plain = { convert: (s: string) => s, narrow: false };
type Series = { type: string; data: unknown[]; yAxisIndex?: number; stack?: string };

describe('a dashboard panel as a chart', () => {
  it('draws money in 元 on its own axis beside the counts', () => {
    const option = panelOption(panel({}), plain) as { series: Series[]; yAxis: { name: string }[] };
    expect(option.yAxis.map((a) => a.name)).toEqual(['人', '元']);
    expect(option.series[0]).toMatchObject({ type: 'bar', data: [3, 0], yAxisIndex: 0 });
    expect(option.series[1]).toMatchObject({ data: [1500, null], yAxisIndex: 1 });
  });

  it('stacks a stacked bar and slices a pie by its first series', () => {
    const stacked = panelOption(panel({ kind: 'stackedBar' }), plain) as { series: Series[] };
    expect(stacked.series.every((s) => s.stack === 'total')).toBe(true);
    const pie = panelOption(panel({ kind: 'pie' }), plain) as { series: Series[] };
    expect(pie.series[0]!.data).toEqual([
      { name: '甲街道', value: 3 },
      { name: '乙街道', value: 0 },
    ]);
    expect(clickedSeriesKey(panel({ kind: 'pie' }), 0)).toBe('visited');
    expect(clickedSeriesKey(panel({}), 1)).toBe('cash');
  });

  it('labels categories in the viewer’s script', () => {
    const option = panelOption(panel({}), { convert: (s) => s.replace('街道', '街道*'), narrow: true }) as {
      xAxis: { data: string[] };
    };
    expect(option.xAxis.data).toEqual(['甲街道*', '乙街道*']);
  });
});

describe('a figure of the overview', () => {
  it('takes its unit from the label when the panel mixes units', () => {
    const series = { key: 'value', name: '数值', unit: 'item' as const };
    expect(figureUnitOf('慰问金已发（元）', series)).toBe('cents');
    expect(figureUnitOf('走访覆盖率（%）', series)).toBe('percent');
    expect(figureUnitOf('部队诉求超期（件）', series)).toBe('item');
  });
});
