import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Segmented, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { CampaignDetail, TrialRunResponse } from '../../../shared/api/campaigns.api.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ChartTableCard, FigureTable, StatCards } from '../../components/figures.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useCategoryBars, yuan, yuanText } from './campaign-format.tsx';
import { campaignApi } from './campaigns.queries.ts';

type Group = TrialRunResponse['totals']['byStreet'][number];
type Compared = NonNullable<TrialRunResponse['comparison']>['byStreet'][number];

/** 试算: who would be on the roster and what it costs, by street, category and standard, against last year. */
export function TrialPanel({ campaign }: { campaign: CampaignDetail }) {
  const feedback = useFeedback();
  const trial = useMutation({ mutationFn: () => campaignApi.trial(campaign.id), onError: feedback.error });
  const data = trial.data;
  return (
    <>
      <Card>
        <Button
          type="primary"
          icon={<CalculatorOutlined />}
          loading={trial.isPending}
          onClick={() => trial.mutate()}
          data-testid="trial-run"
        >
          {data ? '重新试算' : '运行试算'}
        </Button>
        <span style={{ marginLeft: 12, opacity: 0.7 }}>试算不保存任何数据，可反复调整标准后再试。</span>
      </Card>
      {data && (
        <div data-testid="trial-result">
          {data.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 12 }} />
          ))}
          <StatCards
            style={{ marginTop: 16 }}
            items={[
              {
                title: '入选',
                value: data.totals.overall.people,
                suffix: campaign.dedupPolicy === 'household' ? '户' : '人',
              },
              { title: '慰问金（元）', value: yuan(data.totals.overall.cashCents) },
              { title: '慰问品（元）', value: yuan(data.totals.overall.goodsCents) },
              {
                title: `合计（预算 ${data.budgetCents ? yuan(data.budgetCents) : '未设'}）`,
                value: yuan(data.totals.overall.totalCents),
              },
            ]}
          />
          <StreetCard rows={data.totals.byStreet} />
          <Card style={{ marginTop: 16 }}>
            <Tabs
              items={[
                {
                  key: 'category',
                  label: '按类别',
                  children: <GroupTable rows={data.totals.byCategory} keyTitle="类别" />,
                },
                {
                  key: 'standard',
                  label: '按标准',
                  children: <GroupTable rows={data.totals.byStandard} keyTitle="标准" />,
                },
                {
                  key: 'community',
                  label: '按社区',
                  children: <GroupTable rows={data.totals.byCommunity} keyTitle="社区（村）" />,
                },
                {
                  key: 'excluded',
                  label: `未入选（${data.considered - data.totals.overall.people}）`,
                  children: (
                    <FigureTable
                      rowKey="reason"
                      dataSource={data.excludedByReason}
                      columns={[
                        { title: '原因', dataIndex: 'reason' },
                        { title: '人数', dataIndex: 'count' },
                      ]}
                    />
                  ),
                },
                {
                  key: 'compare',
                  label: data.previousCampaign ? `与上年对比（${data.previousCampaign.name}）` : '与上年对比',
                  children: data.comparison ? (
                    <Comparison comparison={data.comparison} />
                  ) : (
                    <Empty description="没有找到上年同一区域已生成名单的活动，可在活动设置中指定对比活动。" />
                  ),
                },
              ]}
            />
          </Card>
        </div>
      )}
    </>
  );
}

const streetLegend = ['人数', '金额（元）'];
const streetSeries = (rows: Group[], convert: (text: string) => string): ChartOption => ({
  yAxis: [
    { type: 'value', minInterval: 1, name: convert('人数') },
    { type: 'value', name: convert('元') },
  ],
  series: [
    { type: 'bar', name: convert('人数'), data: rows.map((r) => r.people), itemStyle: { color: '#b71c1c' } },
    {
      type: 'bar',
      name: convert('金额（元）'),
      yAxisIndex: 1,
      data: rows.map((r) => r.totalCents / 100),
      itemStyle: { color: '#f0a020' },
    },
  ],
});

function StreetCard({ rows }: { rows: Group[] }) {
  const option = useCategoryBars(rows, streetLegend, streetSeries);
  return (
    <ChartTableCard
      title="按街道（镇）"
      style={{ marginTop: 16 }}
      switchTestId="trial-view"
      chart={<EChart option={option} label="试算：各街道人数与金额" />}
      table={<GroupTable rows={rows} keyTitle="街道（镇）" />}
    />
  );
}

function GroupTable({ rows, keyTitle }: { rows: Group[]; keyTitle: string }) {
  return (
    <FigureTable<Group>
      rowKey="key"
      dataSource={rows}
      rowTestId="trial-row"
      columns={[
        { title: keyTitle, dataIndex: 'label' },
        { title: '人数', dataIndex: 'people' },
        { title: '慰问金', dataIndex: 'cashCents', render: yuanText },
        { title: '慰问品', dataIndex: 'goodsCents', render: yuanText },
        { title: '合计', dataIndex: 'totalCents', render: yuanText },
        {
          title: '物品',
          key: 'goods',
          render: (_, g) => g.goods.map((x) => `${x.name}${x.quantity}${x.unit}`).join('、') || '—',
        },
      ]}
      summary={(data) => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          <Table.Summary.Cell index={1}>{data.reduce((t, g) => t + g.people, 0)}</Table.Summary.Cell>
          <Table.Summary.Cell index={2}>{yuanText(data.reduce((t, g) => t + g.cashCents, 0))}</Table.Summary.Cell>
          <Table.Summary.Cell index={3}>{yuanText(data.reduce((t, g) => t + g.goodsCents, 0))}</Table.Summary.Cell>
          <Table.Summary.Cell index={4}>{yuanText(data.reduce((t, g) => t + g.totalCents, 0))}</Table.Summary.Cell>
          <Table.Summary.Cell index={5} />
        </Table.Summary.Row>
      )}
    />
  );
}

type Dimension = 'byStreet' | 'byCommunity' | 'byCategory' | 'byStandard';
const dimensionTitles: Record<Dimension, string> = {
  byStreet: '街道（镇）',
  byCommunity: '社区（村）',
  byCategory: '类别',
  byStandard: '标准',
};

/** The difference from last year, by street, community, category or standard. */
function Comparison({ comparison }: { comparison: NonNullable<TrialRunResponse['comparison']> }) {
  const [dim, setDim] = useState<Dimension>('byStreet');
  const o = comparison.overall;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Dimension>
          value={dim}
          onChange={setDim}
          options={Object.entries(dimensionTitles).map(([value, label]) => ({
            value: value as Dimension,
            label: `按${label}`,
          }))}
        />
        <span>
          合计：今年 {o.current?.people ?? 0} 人 {yuanText(o.current?.totalCents ?? 0)}，上年 {o.lastYear?.people ?? 0}{' '}
          人 {yuanText(o.lastYear?.totalCents ?? 0)}
        </span>
      </Space>
      <CompareTable rows={[...comparison[dim]]} title={dimensionTitles[dim]} />
    </>
  );
}

function CompareTable({ rows, title }: { rows: Compared[]; title: string }) {
  const diff = (n: number, money = false) => (
    <Tag color={n > 0 ? 'red' : n < 0 ? 'green' : 'default'}>
      {n > 0 ? '+' : ''}
      {money ? yuan(n) : n}
    </Tag>
  );
  return (
    <FigureTable<Compared>
      rowKey="key"
      dataSource={rows}
      columns={[
        { title, dataIndex: 'label' },
        { title: '今年人数', key: 'p', render: (_, r) => r.current?.people ?? 0 },
        { title: '上年人数', key: 'lp', render: (_, r) => r.lastYear?.people ?? 0 },
        { title: '增减', key: 'dp', render: (_, r) => diff(r.diff.people) },
        { title: '今年金额', key: 't', render: (_, r) => yuanText(r.current?.totalCents ?? 0) },
        { title: '上年金额', key: 'lt', render: (_, r) => yuanText(r.lastYear?.totalCents ?? 0) },
        { title: '增减（元）', key: 'dt', render: (_, r) => diff(r.diff.totalCents, true) },
      ]}
    />
  );
}
