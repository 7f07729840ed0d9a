/** A dashboard panel (contract: rows × series) as an ECharts option. Pure, so it is tested without a browser. */
import type { DashboardPanel } from '../../../shared/api/reports.api.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { chartValue, figureText, unitLabel } from './stats-format.ts';

const palette = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#8d6e63', '#546e7a'];

/** Units that add up, so a 合计 makes sense (not percentages, averages of days or ratings). */
export const additiveUnits = new Set(['person', 'household', 'cents', 'copy', 'item', 'time']);

export function panelOption(
  panel: DashboardPanel,
  { convert, narrow }: { convert: (s: string) => string; narrow: boolean },
): ChartOption {
  const labels = panel.rows.map((r) => convert(r.label));
  if (panel.kind === 'pie') {
    const s = panel.series[0];
    return {
      aria: { enabled: true },
      color: palette,
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number; percent: number }) =>
          `${p.name}：${p.value}${s ? convert(unitLabel(s.unit)) : ''}（${p.percent}%）`,
      },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          name: s ? convert(s.name) : '',
          radius: narrow ? ['30%', '60%'] : ['35%', '68%'],
          center: ['50%', '45%'],
          label: { show: !narrow, formatter: '{b}\n{c}' },
          data: panel.rows.map((r, i) => ({
            name: labels[i],
            value: s ? chartValue(r.values[s.key], s.unit) : null,
          })),
        },
      ],
    };
  }
  // Bars and lines: one y axis per unit (at most two: a count and a sum of money, say).
  const units = [...new Set(panel.series.map((s) => s.unit))].slice(0, 2);
  const horizontal = panel.kind !== 'line' && panel.rows.length > 8 && !narrow;
  const category = {
    type: 'category',
    data: labels,
    axisLabel: horizontal
      ? { fontSize: 11 }
      : { interval: 0, rotate: narrow || panel.rows.length > 6 ? 35 : 0, fontSize: 11 },
  };
  const values = units.map((u, i) => ({
    type: 'value',
    name: convert(unitLabel(u)),
    minInterval: u === 'cents' || u === 'percent' || u === 'day' || u === 'score' ? 0 : 1,
    position: horizontal ? (i === 0 ? 'bottom' : 'top') : i === 0 ? 'left' : 'right',
    ...(u === 'percent' ? { max: 100 } : {}),
    splitLine: { show: i === 0 },
  }));
  return {
    aria: { enabled: true },
    color: palette,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
    },
    legend: panel.series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    grid: { left: 8, right: 16, top: panel.series.length > 1 ? 40 : 24, bottom: 8, containLabel: true },
    xAxis: horizontal ? values : category,
    yAxis: horizontal ? { ...category, inverse: true } : values,
    series: panel.series.map((s) => {
      const axis = Math.max(0, units.indexOf(s.unit));
      return {
        type: panel.kind === 'line' ? 'line' : 'bar',
        name: convert(s.name),
        ...(panel.kind === 'stackedBar' ? { stack: 'total' } : {}),
        ...(horizontal ? { xAxisIndex: axis } : { yAxisIndex: axis }),
        data: panel.rows.map((r) => chartValue(r.values[s.key], s.unit)),
        barMaxWidth: 36,
        label: {
          show: !narrow && panel.kind === 'bar' && panel.series.length <= 2 && panel.rows.length <= 12,
          position: horizontal ? 'right' : 'top',
          fontSize: 11,
          formatter: (p: { value: number | null }) =>
            p.value === null ? '' : figureText(s.unit === 'cents' ? p.value * 100 : p.value, s.unit),
        },
      };
    }),
  };
}

/** The series a click on a chart means: the slice's one series for a pie, else the clicked series. */
export function clickedSeriesKey(panel: DashboardPanel, seriesIndex: number): string | undefined {
  return panel.kind === 'pie' ? panel.series[0]?.key : panel.series[seriesIndex]?.key;
}
