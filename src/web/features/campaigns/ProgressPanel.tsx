import { Card, Empty, Segmented, Select, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { ProgressRow } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ChartTableCard, FigureTable, StatCards } from '../../components/figures.tsx';
import { personNameCell } from '../../components/PersonName.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { rate, useCategoryBars, yuan, yuanText } from './campaign-format.tsx';
import { useProgress, useProgressList } from './campaigns.queries.ts';
import { TaskProgress } from './TaskProgress.tsx';

const phaseText = {
  before_window: '活动尚未开始',
  before_due: '走访进行中',
  overdue: '已过走访截止日期',
  after_window: '活动时间窗口已结束',
} as const;

/** 走访进度: delivered against plan by street, community, category and standard; overdue, 漏访, deceased lists. */
export function ProgressPanel({ campaign }: { campaign: CampaignDetail }) {
  const progress = useProgress(campaign.id);
  if (campaign.status === 'draft') return <Empty description="名单生成并锁定后开始统计走访进度。" />;
  if (progress.isPending) return <Skeleton active />;
  if (progress.isError) return <QueryError error={progress.error} onRetry={() => progress.refetch()} />;
  const p = progress.data;
  const o = p.overall;
  return (
    <div data-testid="progress">
      <StatCards
        items={[
          {
            title: '已走访 / 名单',
            value: o.delivered,
            suffix: `/ ${o.planned}`,
            after: (
              <Typography.Text type="secondary" data-testid="progress-delivered" data-value={o.delivered}>
                完成率 {rate(o.delivered, o.planned)}
              </Typography.Text>
            ),
          },
          {
            title: '已发慰问金（元）',
            value: yuan(o.deliveredCashCents),
            suffix: `/ ${yuan(o.plannedCashCents)}`,
          },
          {
            title: '已发慰问品（元）',
            value: yuan(o.deliveredGoodsCents),
            suffix: `/ ${yuan(o.plannedGoodsCents)}`,
          },
          {
            title: `${phaseText[p.phase]}（${p.asOf}）`,
            value: p.phase === 'after_window' ? `漏访 ${p.missed}` : `逾期 ${p.overdue}`,
            after: <Typography.Text type="secondary">{`已故 ${p.deceased} · 待跟进 ${p.openCases}`}</Typography.Text>,
          },
        ]}
      />
      <StreetChart rows={p.byStreet} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'street', label: '按街道（镇）', children: <ProgressTable rows={p.byStreet} title="街道（镇）" /> },
            {
              key: 'community',
              label: '按社区（村）',
              children: <ProgressTable rows={p.byCommunity} title="社区（村）" />,
            },
            { key: 'category', label: '按类别', children: <ProgressTable rows={p.byCategory} title="类别" /> },
            { key: 'standard', label: '按标准', children: <ProgressTable rows={p.byStandard} title="标准" /> },
          ]}
        />
      </Card>
      <TaskProgress tasks={p.tasks} windowOver={p.phase === 'after_window'} />
      <PeopleLists campaign={campaign} streets={p.byStreet} />
    </div>
  );
}

const streetLegend = ['已走访', '待走访'];
const streetSeries = (rows: ProgressRow[], convert: (text: string) => string): ChartOption => ({
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    {
      type: 'bar',
      stack: 'v',
      name: convert('已走访'),
      data: rows.map((r) => r.delivered),
      itemStyle: { color: '#2e7d32' },
    },
    {
      type: 'bar',
      stack: 'v',
      name: convert('待走访'),
      data: rows.map((r) => r.planned - r.delivered),
      itemStyle: { color: '#e0e0e0' },
    },
  ],
});

function StreetChart({ rows }: { rows: ProgressRow[] }) {
  const option = useCategoryBars(rows, streetLegend, streetSeries);
  return (
    <ChartTableCard
      title="各街道（镇）走访进度"
      style={{ marginTop: 16 }}
      chart={<EChart option={option} label="各街道走访进度" />}
      table={<ProgressTable rows={rows} title="街道（镇）" />}
    />
  );
}

function ProgressTable({ rows, title }: { rows: ProgressRow[]; title: string }) {
  return (
    <FigureTable<ProgressRow>
      rowKey="key"
      dataSource={rows}
      rowTestId="progress-row"
      columns={[
        { title, dataIndex: 'label' },
        { title: '名单', dataIndex: 'planned' },
        { title: '已走访', dataIndex: 'delivered' },
        { title: '完成率', key: 'rate', render: (_, r) => rate(r.delivered, r.planned) },
        { title: '慰问金（计划）', dataIndex: 'plannedCashCents', render: yuanText },
        { title: '慰问金（已发）', dataIndex: 'deliveredCashCents', render: yuanText },
        { title: '慰问品（计划）', dataIndex: 'plannedGoodsCents', render: yuanText },
        { title: '慰问品（已发）', dataIndex: 'deliveredGoodsCents', render: yuanText },
      ]}
    />
  );
}

const listKinds = [
  { value: 'pending', label: '待走访' },
  { value: 'overdue', label: '逾期未访' },
  { value: 'missed', label: '漏访' },
  { value: 'deceased', label: '名单内已故' },
] as const;

function PeopleLists({ campaign, streets }: { campaign: CampaignDetail; streets: ProgressRow[] }) {
  // In the URL, so 统计分析 can link straight to e.g. one street's 漏访 list.
  const filters = useUrlFilters(['kind', 'streetId'], { kind: 'pending' });
  const kind = (listKinds.find((k) => k.value === filters.values.kind) ?? listKinds[0]).value;
  const page = filters.page;
  const streetId = filters.id('streetId');
  const list = useProgressList(campaign.id, { kind, streetId, page, pageSize: 20 });
  const card = useRef<HTMLDivElement>(null);
  const linked = filters.active();
  // Opened from a link to a list: show the list rather than the top of the page.
  useEffect(() => {
    if (linked) card.current?.scrollIntoView({ block: 'start' });
  }, [linked]);
  return (
    <Card
      ref={card}
      data-testid="progress-people"
      title="人员清单"
      style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <Select
            allowClear
            size="small"
            placeholder="全部街道（镇）"
            aria-label="街道（镇）"
            value={streetId}
            onChange={(v) => filters.set({ streetId: v })}
            options={streets.map((r) => ({ value: Number(r.key), label: r.label }))}
            style={{ minWidth: 150 }}
          />
          <Segmented value={kind} onChange={(v) => filters.set({ kind: v })} options={[...listKinds]} />
        </Space>
      }
    >
      <Table
        rowKey="entryId"
        size="small"
        loading={list.isPending || list.isPlaceholderData}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 人`,
          onChange: (p) => filters.set({ page: p }),
        }}
        columns={[
          { title: '姓名', dataIndex: 'personName', render: personNameCell },
          { title: '街道（镇）', dataIndex: 'streetName' },
          { title: '社区（村）', dataIndex: 'communityName' },
          { title: '标准', dataIndex: 'standardName' },
          { title: '慰问金', dataIndex: 'cashCents', render: yuanText },
          { title: '走访人员', dataIndex: 'assignedUserName', render: (v: string | null) => v ?? '未分派' },
          ...(kind === 'deceased'
            ? [{ title: '去世日期', dataIndex: 'deathDate', render: (v: string | null) => v ?? '—' }]
            : []),
        ]}
      />
    </Card>
  );
}
