import { Alert, Button, Card, Empty, Statistic, Table } from 'antd';
import type { RequestStats } from '../../../shared/api/troops.api.ts';
import { requestStatuses, requestStatusLabels } from '../../../shared/domain/troops/request-flow.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useCheckOverdue, useRequestStats } from './troops.queries.ts';

type Row = RequestStats['departments'][number];

/** Figures of the requests in the viewer's scope: by status, overdue, satisfaction, and turnaround per department. */
export function TurnaroundPanel() {
  const me = useMe();
  const isMobile = useIsMobile();
  const stats = useRequestStats();
  const check = useCheckOverdue();
  const feedback = useFeedback();
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  return (
    <Card loading={stats.isPending}>
      {s && (
        <>
          <div className="sy-troops-stat-grid" style={{ marginBottom: 16 }}>
            <Statistic title="诉求总数" value={s.total} />
            {requestStatuses.map((st) => (
              <Statistic key={st} title={requestStatusLabels[st]} value={s.byStatus[st]} />
            ))}
            <Statistic
              title="逾期未办结"
              value={s.overdue}
              styles={{ content: { color: s.overdue ? '#cf1322' : undefined } }}
            />
            <Statistic title="平均满意度" value={s.averageRating ?? '—'} suffix={s.averageRating ? '/ 5' : undefined} />
          </div>
          {(me.role === 'office' || me.role === 'admin') && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="系统每 15 分钟自动检查一次逾期诉求，并提醒双拥办和责任部门。"
              action={
                <Button
                  size="small"
                  loading={check.isPending}
                  onClick={() =>
                    check.mutate(undefined, {
                      onSuccess: (r) =>
                        feedback.success(
                          r.flagged ? `发现 ${r.flagged} 件新逾期诉求，已提醒 ${r.notified} 人` : '没有新的逾期诉求',
                        ),
                      onError: feedback.error,
                    })
                  }
                >
                  立即检查
                </Button>
              }
            />
          )}
          <Table<Row>
            rowKey={(r) => r.department.id}
            dataSource={s.departments}
            pagination={false}
            scroll={isMobile ? { x: 720 } : undefined}
            locale={{ emptyText: <Empty description="还没有交办到部门的诉求。" /> }}
            columns={[
              { title: '责任部门', render: (_, r) => r.department.name },
              { title: '交办', dataIndex: 'assigned', width: 70 },
              { title: '在办', dataIndex: 'open', width: 70 },
              {
                title: '逾期',
                dataIndex: 'overdue',
                width: 70,
                render: (v: number) => (v ? <span style={{ color: '#cf1322' }}>{v}</span> : 0),
              },
              { title: '办结', dataIndex: 'resolved', width: 70 },
              {
                title: '按期办结率',
                width: 110,
                render: (_, r) => (r.resolved ? `${Math.round((r.onTime / r.resolved) * 100)}%` : '—'),
              },
              { title: '平均用时（天）', width: 130, render: (_, r) => r.averageDays ?? '—' },
              {
                title: '满意度',
                width: 90,
                render: (_, r) => (r.averageRating === null ? '—' : `${r.averageRating} 分`),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
