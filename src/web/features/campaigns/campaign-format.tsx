import { Tag } from 'antd';
import { useMemo } from 'react';
import type { CampaignStatus } from '../../../shared/domain/campaign/campaign-window.ts';
import { campaignStatusLabels } from '../../../shared/domain/campaign/campaign-window.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useScript } from '../../script/script-context.ts';

/** 1234.5 元 from 123450 分. */
export function yuan(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

export function yuanText(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : `${yuan(cents)} 元`;
}

/** Yuan typed in a form → integer 分. */
export function toCents(value: number | null | undefined): number {
  return Math.round((value ?? 0) * 100);
}

const statusColors: Record<CampaignStatus, string> = {
  draft: 'default',
  roster_generated: 'blue',
  in_review: 'orange',
  locked: 'purple',
  in_progress: 'green',
  closed: 'default',
};

export function StatusTag({ status }: { status: CampaignStatus }) {
  return <Tag color={statusColors[status]}>{campaignStatusLabels[status]}</Tag>;
}

export function rate(done: number, of: number): string {
  return of > 0 ? `${((done / of) * 100).toFixed(1)}%` : '—';
}

/** The frame of a bar chart by street (tooltip, legend, grid, the names along the bottom); series are added. */
export function categoryBars(
  labels: string[],
  legend: string[],
  convert: (text: string) => string,
  isMobile: boolean,
): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: legend.map(convert) },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: labels.map(convert),
      axisLabel: { interval: 0, rotate: isMobile || labels.length > 6 ? 35 : 0 },
    },
  };
}

/**
 * A bar chart by street in the UI's script: the categoryBars frame over the rows' labels, plus the axes and series
 * `build` gives. Pass a module-level `legend` and `build` so the option is rebuilt only when the rows change.
 */
export function useCategoryBars<R extends { label: string }>(
  rows: R[],
  legend: string[],
  build: (rows: R[], convert: (text: string) => string) => ChartOption,
): ChartOption {
  const { convert } = useScript();
  const isMobile = useIsMobile();
  return useMemo(
    () => ({
      ...categoryBars(
        rows.map((r) => r.label),
        legend,
        convert,
        isMobile,
      ),
      ...build(rows, convert),
    }),
    [rows, legend, build, convert, isMobile],
  );
}
