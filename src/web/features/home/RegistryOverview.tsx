import { Alert, Card, Col, Empty, Row, Skeleton, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { RegistrySummary } from '../../api/types.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ChartTableCard, FigureTable, StatCards } from '../../components/figures.tsx';
import { formatCount } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useScript } from '../../script/script-context.ts';
import { useRegistrySummary } from './home.queries.ts';

type RegionRow = RegistrySummary['byRegion'][number];
type CategoryRow = RegistrySummary['byCategory'][number];

const share = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)}%` : '—');

/** Registry counts in the viewer's scope: totals, living people by region and by category. */
export function RegistryOverview({ scopeName }: { scopeName: string }) {
  const summary = useRegistrySummary(true);
  if (summary.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (summary.isError)
    return <QueryError title="优抚对象统计加载失败" error={summary.error} onRetry={() => summary.refetch()} />;
  return <Overview data={summary.data} scopeName={scopeName} />;
}

function Overview({ data, scopeName }: { data: RegistrySummary; scopeName: string }) {
  const deceased = data.total - data.alive;
  return (
    <>
      <StatCards
        items={[
          {
            title: '优抚对象总数',
            value: data.total,
            formatter: () => (
              <span data-testid="registry-total" data-value={data.total}>
                {data.total}
              </span>
            ),
            suffix: '人',
          },
          {
            title: '在世',
            value: data.alive,
            formatter: () => (
              <span data-testid="registry-alive" data-value={data.alive}>
                {data.alive}
              </span>
            ),
            suffix: '人',
          },
          { title: '已故', value: deceased, groupSeparator: '', suffix: '人' },
          { title: '涉及优抚类别', value: data.byCategory.filter((c) => c.count > 0).length, suffix: '类' },
        ]}
      />
      {data.total === 0 ? (
        <Card style={{ marginTop: 16 }}>
          <Empty
            description={`${scopeName}范围内暂无优抚对象记录。可在“优抚对象 → 对象名册”逐个登记，或在“优抚对象 → 导入导出”上传名册批量导入。`}
          />
        </Card>
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={13}>
            <RegionCard rows={data.byRegion} alive={data.alive} />
          </Col>
          <Col xs={24} xl={11}>
            <CategoryCard rows={data.byCategory} />
          </Col>
        </Row>
      )}
    </>
  );
}

function RegionCard({ rows, alive }: { rows: RegionRow[]; alive: number }) {
  const { convert } = useScript();
  const isMobile = useIsMobile();
  const sum = rows.reduce((s, r) => s + r.count, 0);
  const residenceSum = rows.reduce((s, r) => s + r.residenceCount, 0);
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => convert(r.name)),
        axisLabel: { interval: 0, rotate: isMobile || rows.length > 6 ? 35 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: convert('按户籍'),
          data: rows.map((r) => r.count),
          itemStyle: { color: '#b71c1c', borderRadius: [3, 3, 0, 0] },
          label: { show: !isMobile, position: 'top', fontSize: 11 },
          barMaxWidth: 28,
        },
        {
          type: 'bar',
          name: convert('按居住地'),
          data: rows.map((r) => r.residenceCount),
          itemStyle: { color: '#e0a4a4', borderRadius: [3, 3, 0, 0] },
          label: { show: !isMobile, position: 'top', fontSize: 11 },
          barMaxWidth: 28,
        },
      ],
    }),
    [rows, convert, isMobile],
  );
  return (
    <ChartTableCard
      title="在世优抚对象 · 按区划"
      switchTestId="region-view-switch"
      keepMounted
      empty={rows.length === 0 && <Empty description="暂无区划数据" />}
      chart={<EChart option={option} height={320} label="在世优抚对象按区划分布柱状图" />}
      table={
        <FigureTable<RegionRow>
          rowKey="regionId"
          dataSource={rows}
          rowTestId="region-row"
          columns={[
            { title: '区划', dataIndex: 'name' },
            {
              title: '在世人数（按户籍）',
              dataIndex: 'count',
              align: 'right',
              sorter: (a, b) => a.count - b.count,
            },
            { title: '占比', key: 'share', align: 'right', render: (_, r) => share(r.count, sum) },
            {
              title: '在世人数（按居住地）',
              dataIndex: 'residenceCount',
              align: 'right',
              sorter: (a, b) => a.residenceCount - b.residenceCount,
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {sum}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {sum > 0 ? '100%' : '—'}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {residenceSum}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        “按户籍”用于待遇政策，“按居住地”（未登记居住地的按户籍）用于走访安排。
        {sum !== alive && ` 户籍在本辖区以外的 ${formatCount(Math.max(alive - sum, 0))} 人未计入“按户籍”。`}
        {residenceSum !== alive &&
          ` 居住在本辖区以外的 ${formatCount(Math.max(alive - residenceSum, 0))} 人未计入“按居住地”。`}
      </Typography.Paragraph>
    </ChartTableCard>
  );
}

function CategoryCard({ rows }: { rows: CategoryRow[] }) {
  const { convert } = useScript();
  const isMobile = useIsMobile();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.count - b.count), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitNumber: isMobile ? 2 : 5 },
      yAxis: {
        type: 'category',
        data: sorted.map((r) => convert(r.name)),
        axisLabel: { fontSize: 11, width: isMobile ? 110 : 160, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: convert('在世人数'),
          data: sorted.map((r) => r.count),
          itemStyle: { color: '#d4a017', borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', fontSize: 11 },
          barMaxWidth: 20,
        },
      ],
    }),
    [sorted, convert, isMobile],
  );
  return (
    <ChartTableCard
      title="在世优抚对象 · 按类别"
      switchTestId="category-view-switch"
      keepMounted
      empty={rows.length === 0 && <Empty description="暂无类别数据" />}
      chart={
        <EChart option={option} height={Math.max(240, rows.length * 26 + 40)} label="在世优抚对象按类别分布条形图" />
      }
      table={
        <FigureTable<CategoryRow>
          rowKey="code"
          dataSource={rows}
          rowTestId="category-row"
          columns={[
            { title: '优抚类别', dataIndex: 'name' },
            { title: '在世人数', dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count },
          ]}
        />
      }
    >
      <Alert
        type="info"
        showIcon={false}
        style={{ marginTop: 8, fontSize: 12, padding: '4px 8px' }}
        title="一人可同时具有多类优抚身份，各类人数之和可能大于在世总人数。"
      />
    </ChartTableCard>
  );
}
