import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsReactCore from 'echarts-for-react/esm/core';

// Only what the app draws is bundled.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart. Charts draw on a canvas, which the 繁體 converter cannot reach: pass labels through
 * `useScript().convert` when building the option.
 */
export function EChart({ option, height = 320, label }: { option: ChartOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <EChartsReactCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%' }} />
    </div>
  );
}
