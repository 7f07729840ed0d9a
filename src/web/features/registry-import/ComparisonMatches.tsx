/** The table part of 数据比对: what the lists reported about registered people, and how each was decided. */
import { Alert, Card, Empty, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type MatchItem, matchReviewLabels } from '../../../shared/api/registry-import.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import type { UrlFilters } from '../../components/use-url-filters.ts';
import { useComparison, useMatches } from './registry-import.queries.ts';

const pageSize = 20;

const statusColors: Record<MatchItem['reportedStatus'], string> = {
  deceased: 'default',
  moved_out: 'orange',
  imprisoned: 'red',
  other: 'blue',
};
export const statusLabels: Record<MatchItem['reportedStatus'], string> = {
  deceased: '死亡',
  moved_out: '户籍迁出',
  imprisoned: '服刑',
  other: '其他',
};
function Reported({ m }: { m: MatchItem }) {
  return (
    <Space direction="vertical" size={0}>
      <Space size={4} wrap>
        <Tag color={statusColors[m.reportedStatus]}>{statusLabels[m.reportedStatus]}</Tag>
        {m.reportedText !== statusLabels[m.reportedStatus] && <span>{m.reportedText}</span>}
        {m.eventDate && <Typography.Text type="secondary">{m.eventDate}</Typography.Text>}
      </Space>
      {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.source} · {m.fileName} 第 {m.row} 行
      </Typography.Text>
    </Space>
  );
}

function Review({ m }: { m: MatchItem }) {
  if (m.review === 'pending') return <Tag color="warning">待核实</Tag>;
  return (
    <Space direction="vertical" size={0}>
      <Tag color={m.review === 'confirmed' ? 'success' : 'default'}>{matchReviewLabels[m.review]}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.reviewedByName} {formatDateTime(m.reviewedAt)}
      </Typography.Text>
      {m.reviewNote && <Typography.Text type="secondary">{m.reviewNote}</Typography.Text>}
    </Space>
  );
}

function ComparisonIssues({ id }: { id: number }) {
  const detail = useComparison(id);
  if (!detail.data || detail.data.issues.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`名单中有 ${detail.data.issues.filter((i) => i.severity === 'error').length} 行无法比对`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {detail.data.issues.slice(0, 20).map((i) => (
            <li key={`${i.row}-${i.code}`}>
              第 {i.row} 行“{i.column}”：{i.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** 比对结果: the matches of one list or all, by review state, on a phone as a list; `actions` are the decisions. */
export function ComparisonMatches({
  filters,
  actions,
}: {
  filters: UrlFilters<'comparison' | 'review'>;
  actions: (m: MatchItem) => ReactNode;
}) {
  const isMobile = useIsMobile();
  const comparisonId = filters.id('comparison');
  const review = filters.values.review ?? 'pending';
  const { page, set } = filters;
  const matches = useMatches({ comparisonId, review, page, pageSize });
  return (
    <Card title="比对结果">
      {comparisonId !== undefined && <ComparisonIssues id={comparisonId} />}
      <Segmented
        style={{ marginBottom: 12 }}
        value={review}
        onChange={(v) => set({ review: v })}
        options={[
          { value: 'pending', label: '待核实' },
          { value: 'confirmed', label: '已确认' },
          { value: 'dismissed', label: '已排除' },
          { value: 'all', label: '全部' },
        ]}
      />
      {matches.isError ? (
        <QueryError error={matches.error} onRetry={() => matches.refetch()} />
      ) : isMobile ? (
        <List<MatchItem>
          loading={matches.isPending}
          dataSource={matches.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有比对结果" /> }}
          pagination={{
            current: page,
            pageSize,
            total: matches.data?.total ?? 0,
            size: 'small',
            onChange: (page) => set({ page }),
          }}
          renderItem={(m) => (
            <List.Item actions={actions(m) ? [actions(m)] : []}>
              <Space direction="vertical" size={2}>
                <Space>
                  <Link to={`/registry/persons/${m.person.id}`}>{m.person.name}</Link>
                  <Typography.Text className="sy-code">{m.person.idNumber}</Typography.Text>
                </Space>
                <Reported m={m} />
                <Review m={m} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<MatchItem>
          rowKey="id"
          size="small"
          loading={matches.isPending || matches.isPlaceholderData}
          dataSource={matches.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有比对结果" /> }}
          pagination={{
            current: page,
            pageSize,
            total: matches.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 条`,
            onChange: (page) => set({ page }),
          }}
          columns={[
            {
              title: '人员',
              width: 200,
              render: (_: unknown, m: MatchItem) => (
                <Space direction="vertical" size={0}>
                  <Space size={4}>
                    <Link to={`/registry/persons/${m.person.id}`}>{m.person.name}</Link>
                    {!m.person.alive && <Tag>已故</Tag>}
                  </Space>
                  <Typography.Text className="sy-code" type="secondary">
                    {m.person.idNumber}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '所在',
              width: 160,
              render: (_: unknown, m: MatchItem) =>
                [m.person.streetName, m.person.regionName !== m.person.streetName ? m.person.regionName : null]
                  .filter(Boolean)
                  .join(' / ') || '—',
            },
            { title: '名单报告', render: (_: unknown, m: MatchItem) => <Reported m={m} /> },
            { title: '核实', width: 170, render: (_: unknown, m: MatchItem) => <Review m={m} /> },
            { title: '', width: 130, render: (_: unknown, m: MatchItem) => actions(m) },
          ]}
        />
      )}
    </Card>
  );
}
