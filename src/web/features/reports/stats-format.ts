/** How a statistics figure reads: money in 元 with two decimals, percentages and days with one, counts whole. */
import type { DrillDown, FigureUnit } from '../../../shared/api/reports.api.ts';
import { figureUnitLabels } from '../../../shared/api/reports.api.ts';

/** The number as drawn on a chart axis (money in 元, the rest as sent). */
export function chartValue(value: number | null | undefined, unit: FigureUnit): number | null {
  if (value === null || value === undefined) return null;
  return unit === 'cents' ? value / 100 : value;
}

/** The figure as text, without its unit: `1,234`, `5,000.00`, `85.3`; '—' when there is none. */
export function figureText(value: number | null | undefined, unit: FigureUnit): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'cents') {
    return (value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  if (unit === 'percent' || unit === 'day' || unit === 'score') {
    return value.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }
  return value.toLocaleString('zh-CN');
}

/** `增 12` / `减 3.5` / `持平` for a change against last year. */
export function changeText(change: number | null | undefined, unit: FigureUnit): string {
  if (change === null || change === undefined) return '—';
  if (change === 0) return '持平';
  return `${change > 0 ? '+' : '−'}${figureText(Math.abs(change), unit)}`;
}

export const unitLabel = (unit: FigureUnit) => figureUnitLabels[unit];

/** The web address of the list behind a figure. */
export function drillDownHref(d: DrillDown): string {
  const path = d.path.length > 1 ? d.path.replace(/\/+$/, '') : d.path;
  const qs = new URLSearchParams(d.query).toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The unit of one figure of a `figures` panel. The overview mixes people, 元 and % under one series whose unit is
 * nominal, and says the real unit in the row label (「慰问金已发（元）」): read it from there.
 */
export function figureUnitOf(label: string, series: { unit: FigureUnit }): FigureUnit {
  if (/（元）$/.test(label)) return 'cents';
  if (/（%）$/.test(label)) return 'percent';
  return series.unit;
}
