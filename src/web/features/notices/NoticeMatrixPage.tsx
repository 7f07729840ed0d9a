import { AlertOutlined, ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Space, Table, Tag, Tooltip } from 'antd';
import { Link, useParams } from 'react-router';
import type { NoticeMatrix } from '../../../shared/api/notices.api.ts';
import {
  type AssignmentState,
  assignmentStateLabels,
  assignmentStates,
} from '../../../shared/domain/notice/tracking.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { chinaDay, shortDay, stateHints, stateStyle, unitLabel } from './notice-ui.tsx';
import { useMatrix, useRemind } from './notices.queries.ts';
import './notices.css';

type UnitRow = NoticeMatrix['units'][number];
type Cell = UnitRow['cells'][number];

function MatrixCell({ cell }: { cell: Cell }) {
  if (!cell.state)
    return (
      <span className="sy-matrix-cell" style={{ color: '#bfbfbf' }}>
        —
      </span>
    );
  const s = stateStyle[cell.state];
  const when =
    cell.state === 'reported' || cell.state === 'reportedLate'
      ? shortDay(chinaDay(cell.reportedAt))
      : `截止 ${shortDay(cell.deadline)}`;
  return (
    <Tooltip title={`${stateHints[cell.state]}（截止 ${cell.deadline ?? ''}）`}>
      <span className="sy-matrix-cell" style={{ color: s.color, background: s.background }} data-state={cell.state}>
        {assignmentStateLabels[cell.state]}
        <br />
        {when}
      </span>
    </Tooltip>
  );
}

export function MatrixLegend() {
  return (
    <div className="sy-matrix-legend">
      {assignmentStates.map((s: AssignmentState) => (
        <span key={s} style={{ ['--swatch' as string]: stateStyle[s].background }}>
          {assignmentStateLabels[s]}：{stateHints[s]}
        </span>
      ))}
      <span style={{ ['--swatch' as string]: '#fff' }}>—：未分派</span>
    </div>
  );
}

/** 落实矩阵: one row per unit, one column per task; exportable to xlsx (with the exporter's watermark). */
export function NoticeMatrixPage() {
  const id = Number(useParams().id);
  const matrix = useMatrix(id);
  const can = useCan();
  const remind = useRemind(id);
  const feedback = useFeedback();
  // A link (e.g. from 统计分析) may narrow the rows to one unit or to the units with overdue tasks.
  const filters = useUrlFilters(['unitId', 'overdue']);
  if (matrix.isPending) return <Skeleton active />;
  if (matrix.isError) {
    return (
      <>
        <PageHeader title="落实矩阵" />
        <QueryError error={matrix.error} onRetry={() => matrix.refetch()} />
      </>
    );
  }
  const m = matrix.data;
  const t = m.totals;
  const unitId = filters.id('unitId');
  const overdueOnly = filters.values.overdue === 'true';
  const rows = m.units.filter((u) => (!unitId || u.unitId === unitId) && (!overdueOnly || u.counts.overdue > 0));
  return (
    <>
      <PageHeader
        title="落实矩阵"
        subTitle={`《${m.title}》　统计到 ${m.today}：分派 ${t.total} 项，已签收 ${t.acknowledged}，已上报 ${t.reported}（逾期上报 ${t.reportedLate}），逾期未报 ${t.overdue}`}
        extra={
          <Space wrap>
            <Link to={`/notices/${m.noticeId}`}>
              <Button icon={<ArrowLeftOutlined />}>返回通知</Button>
            </Link>
            {can('notices.manage') && (
              <Button
                danger
                icon={<AlertOutlined />}
                disabled={t.overdue === 0}
                loading={remind.isPending}
                onClick={() =>
                  remind.mutate(undefined, {
                    onSuccess: (r) => feedback.success(`已催办 ${r.units} 个单位，发送消息 ${r.users} 条。`),
                    onError: feedback.error,
                  })
                }
              >
                催办逾期
              </Button>
            )}
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={`/api/notices/${m.noticeId}/matrix.xlsx`}
              data-testid="matrix-export"
            >
              导出 Excel
            </Button>
          </Space>
        }
      />
      <Card>
        {filters.active() && (
          <Tag closable onClose={filters.clear} color="blue" style={{ marginBottom: 12 }}>
            {unitId
              ? `只看${m.units.find((u) => u.unitId === unitId)?.unitName ?? '所选单位'}`
              : '只看有逾期未报的单位'}
            （共 {m.units.length} 个单位，点 × 显示全部）
          </Tag>
        )}
        {m.units.length === 0 ? (
          <Empty description="还没有分派任务。回到通知页面为任务选择承办单位。" />
        ) : (
          <Table<UnitRow>
            rowKey="unitId"
            size="small"
            bordered
            pagination={false}
            dataSource={rows}
            scroll={{ x: 260 + m.tasks.length * 130 + 200 }}
            data-testid="notice-matrix"
            columns={[
              { title: '单位', fixed: 'left', width: 220, render: (_, u) => unitLabel(u) },
              ...m.tasks.map((task, k) => ({
                title: (
                  <Tooltip title={task.title}>
                    <div style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      第{task.no}项 {task.title}
                    </div>
                  </Tooltip>
                ),
                key: `t${task.id}`,
                width: 130,
                render: (_: unknown, u: UnitRow) => (u.cells[k] ? <MatrixCell cell={u.cells[k]} /> : null),
              })),
              { title: '已签收', width: 70, render: (_, u) => `${u.counts.acknowledged}/${u.counts.total}` },
              { title: '已上报', width: 70, render: (_, u) => `${u.counts.reported}/${u.counts.total}` },
              {
                title: '逾期未报',
                width: 76,
                render: (_, u) => (u.counts.overdue ? <b style={{ color: '#cf1322' }}>{u.counts.overdue}</b> : 0),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>合计</b>
                </Table.Summary.Cell>
                {m.tasks.map((task, k) => (
                  <Table.Summary.Cell key={task.id} index={k + 1}>
                    上报 {task.counts.reported}/{task.counts.total}
                    {task.counts.overdue > 0 && <span style={{ color: '#cf1322' }}>，逾期 {task.counts.overdue}</span>}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={m.tasks.length + 1}>
                  {t.acknowledged}/{t.total}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={m.tasks.length + 2}>
                  {t.reported}/{t.total}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={m.tasks.length + 3}>{t.overdue}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
        <div style={{ marginTop: 12 }}>
          <MatrixLegend />
        </div>
      </Card>
    </>
  );
}
