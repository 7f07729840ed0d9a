import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';

// Only what the app draws is bundled.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** What ECharts reports for a click on a bar, slice or point. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
  seriesId?: string;
  name: string;
}

/**
 * An ECharts chart. Charts draw on a canvas, which the 繁體 converter cannot reach: pass labels through
 * `useScript().convert` when building the option. It follows the width of its card (phones included).
 */
export function EChart({
  option,
  height = 320,
  label,
  onClick,
}: {
  option: ChartOption;
  height?: number;
  label: string;
  onClick?: (event: ChartClick) => void;
}) {
  const onEvents = useMemo(() => (onClick ? { click: onClick } : undefined), [onClick]);
  // Those who ask the system for less motion get charts without the grow-in animation.
  const still = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const drawn = useMemo(() => (still ? { ...option, animation: false } : option), [option, still]);
  return (
    <div role="img" aria-label={label}>
      <EChartsReactCore
        echarts={echarts}
        option={drawn}
        notMerge
        lazyUpdate
        autoResize
        onEvents={onEvents}
        style={{ height, width: '100%', cursor: onClick ? 'pointer' : undefined }}
      />
    </div>
  );
}
