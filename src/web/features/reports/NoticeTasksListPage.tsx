import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Segmented, Table, Tag } from 'antd';
import { Link } from 'react-router';
import {
  type NoticeTaskItem,
  type NoticeTaskList,
  type TaskState,
  taskStateLabels,
  taskStates,
} from '../../../shared/api/reports.api.ts';
import { api } from '../../api/client.ts';
import { formatCount } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { chinaDay } from '../notices/notice-ui.tsx';

const filterKeys = ['regionId', 'year', 'month', 'unitId', 'state'] as const;
const pageSize = 20;
const stateColors: Record<TaskState, string> = { onTime: 'green', late: 'orange', overdue: 'red', open: 'blue' };

/**
 * The tasks behind a figure of 通知任务落实情况 (a unit's on-time, late, overdue or open tasks of the report's region
 * and period), opened from the report or the dashboard with its filters in the URL.
 */
export function NoticeTasksListPage() {
  const filters = useUrlFilters(filterKeys);
  const { values, page, set } = filters;
  const isMobile = useIsMobile();
  const query = { ...values, page, pageSize };
  const list = useQuery({
    queryKey: ['reports', 'notice-tasks', query],
    queryFn: ({ signal }) => api.get<NoticeTaskList>('/api/reports/notice-tasks/tasks', query, signal),
    placeholderData: keepPreviousData,
  });
  const scope = list.data?.scope;
  const unitName = values.unitId ? list.data?.items[0]?.unitName : '全部单位';
  return (
    <>
      <PageHeader
        title="通知任务清单"
        subTitle={
          scope
            ? `${scope.regionName}，截止日期在 ${scope.from} 至 ${scope.to} 的任务${unitName ? `；${unitName}` : ''}`
            : '通知任务落实情况背后的任务'
        }
      />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={values.state ?? 'all'}
          onChange={(v) => set({ state: v === 'all' ? null : String(v) })}
          options={[
            { value: 'all', label: '全部' },
            ...taskStates.map((s) => ({ value: s, label: taskStateLabels[s] })),
          ]}
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<NoticeTaskItem>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={list.isPending || list.isPlaceholderData}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的任务" /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => `共 ${formatCount(n)} 项`,
              onChange: (p) => set({ page: p }),
            }}
            columns={[
              {
                title: '通知',
                render: (_, t) => (
                  <Link to={`/notices/${t.noticeId}`}>
                    {t.docNumber ? `${t.noticeTitle}（${t.docNumber}）` : t.noticeTitle}
                  </Link>
                ),
              },
              { title: '任务', render: (_, t) => `${t.taskNo}. ${t.taskTitle}` },
              { title: '承办单位', dataIndex: 'unitName' },
              { title: '截止日期', dataIndex: 'deadline', width: 110 },
              { title: '上报日期', width: 110, render: (_, t) => (t.reportedAt ? chinaDay(t.reportedAt) : '—') },
              {
                title: '状态',
                width: 100,
                render: (_, t) => <Tag color={stateColors[t.state]}>{taskStateLabels[t.state]}</Tag>,
              },
              {
                title: '',
                width: 90,
                render: (_, t) => <Link to={`/notices/${t.noticeId}/matrix`}>落实矩阵</Link>,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
