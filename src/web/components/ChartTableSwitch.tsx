import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';

export type ChartTableView = 'chart' | 'table';

/** 图表 / 表格: every chart has its figures as a table one click away. */
export function ChartTableSwitch({
  value,
  onChange,
  testId,
}: {
  value: ChartTableView;
  onChange: (view: ChartTableView) => void;
  testId?: string;
}) {
  return (
    <Segmented<ChartTableView>
      size="small"
      value={value}
      onChange={onChange}
      data-testid={testId}
      options={[
        { value: 'chart', label: '图表', icon: <BarChartOutlined /> },
        { value: 'table', label: '表格', icon: <TableOutlined /> },
      ]}
    />
  );
}
