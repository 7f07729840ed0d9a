import { Card, Collapse, Empty, List, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MyTaskItem, NoticeListItem } from '../../../shared/api/notices.api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useMe } from '../auth/auth.queries.ts';
import { AssignmentActions, ReportList } from './AssignmentParts.tsx';
import { NoticeProgress } from './NoticesPage.tsx';
import { chinaDay, StateTag, unitLabel } from './notice-ui.tsx';
import { useMyTasks, useNoticeList } from './notices.queries.ts';
import './notices.css';

/** Roles that see whole notices of their region: they follow progress; units carry tasks out. */
const overseers = new Set(['admin', 'office', 'leader']);

/**
 * 任务落实: for a unit (department, troop, street, community) its own tasks — 签收, 上报落实情况 — and for the
 * office and leaders the progress of every notice sent out, each leading to its matrix.
 */
export function TasksPage() {
  const me = useMe();
  const overseer = overseers.has(me.role);
  return (
    <>
      <PageHeader
        title={overseer ? '任务落实' : '我的任务'}
        subTitle={
          overseer
            ? '已下发通知的落实进度；点“落实矩阵”看每个单位每项任务的情况，逾期的可一键催办。'
            : '分派给本单位的任务：先签收，按要求落实，在截止日期前上报落实情况（可附照片和材料）。'
        }
      />
      {overseer ? <Overview /> : null}
      <MyTasks hideWhenEmpty={overseer} />
    </>
  );
}

function Overview() {
  const list = useNoticeList({ status: 'published', page: 1, pageSize: 100 });
  const isMobile = useIsMobile();
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Card>
      <Table<NoticeListItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={isMobile ? { x: 640 } : undefined}
        locale={{ emptyText: <Empty description="还没有下发的通知。" /> }}
        columns={[
          { title: '通知', render: (_, n) => <Link to={`/notices/${n.id}`}>{n.title}</Link> },
          { title: '落实进度', width: 230, render: (_, n) => <NoticeProgress item={n} /> },
          { title: '最近截止', dataIndex: 'nearestDeadline', width: 110, render: (d: string | null) => d ?? '—' },
          { title: '', width: 90, render: (_, n) => <Link to={`/notices/${n.id}/matrix`}>落实矩阵</Link> },
        ]}
      />
    </Card>
  );
}

function MyTasks({ hideWhenEmpty }: { hideWhenEmpty: boolean }) {
  const [open, setOpen] = useState(true);
  const tasks = useMyTasks(open);
  if (tasks.isPending) return hideWhenEmpty ? null : <Skeleton active />;
  if (tasks.isError) return <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />;
  if (hideWhenEmpty && tasks.data.items.length === 0) return null;
  const items = tasks.data.items;
  return (
    <Card
      title={hideWhenEmpty ? '本单位承办的任务' : undefined}
      style={hideWhenEmpty ? { marginTop: 16 } : undefined}
      extra={
        hideWhenEmpty && (
          <Segmented
            value={open ? 'open' : 'all'}
            onChange={(v) => setOpen(v === 'open')}
            options={[
              { value: 'open', label: '待上报' },
              { value: 'all', label: '全部' },
            ]}
          />
        )
      }
    >
      {hideWhenEmpty ? null : (
        <div style={{ marginBottom: 12 }}>
          <Segmented
            value={open ? 'open' : 'all'}
            onChange={(v) => setOpen(v === 'open')}
            options={[
              { value: 'open', label: '待上报' },
              { value: 'all', label: '全部（含已上报）' },
            ]}
          />
        </div>
      )}
      <List
        dataSource={items}
        locale={{ emptyText: <Empty description={open ? '没有待上报的任务。' : '还没有分派给本单位的任务。'} /> }}
        renderItem={(t) => <TaskItemView key={t.id} task={t} />}
        data-testid="my-tasks"
      />
    </Card>
  );
}

function TaskItemView({ task }: { task: MyTaskItem }) {
  return (
    <List.Item style={{ display: 'block' }} data-testid="my-task">
      <Space wrap size={[8, 4]} style={{ marginBottom: 4 }}>
        <StateTag state={task.state} />
        <Typography.Text strong>
          第{task.taskNo}项 {task.taskTitle}
        </Typography.Text>
        <span className="sy-code">截止 {task.deadline}</span>
      </Space>
      <div className="sy-code" style={{ marginBottom: 4 }}>
        <Link to={`/notices/${task.noticeId}`}>
          《{task.noticeTitle}》{task.noticeDocNumber ? ` ${task.noticeDocNumber}` : ''}
        </Link>
        　承办：{unitLabel(task)}
        {task.acknowledgedAt && `　${chinaDay(task.acknowledgedAt)} ${task.acknowledgedByName ?? ''} 已签收`}
      </div>
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'body',
            label: '任务内容与要求',
            children: (
              <>
                <p className="sy-notice-body">{task.taskBody || '（无具体内容）'}</p>
                {task.requirements.map((r) => (
                  <p key={r} className="sy-notice-body" style={{ color: 'rgba(0,0,0,.65)' }}>
                    {r}
                  </p>
                ))}
              </>
            ),
          },
        ]}
      />
      <ReportList assignment={task} />
      <div style={{ marginTop: 8 }}>
        <AssignmentActions assignment={task} />
        {!task.canAct && <span className="sy-code">仅可查看：签收和上报由本街道工作人员办理。</span>}
      </div>
    </List.Item>
  );
}
