import { Button, Card, Col, Input, Row, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { assigneeKindLabels, type NoticeDetail, type TaskItem } from '../../../shared/api/notices.api.ts';
import { unitKindLabels } from '../../../shared/api/units.api.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUnits } from '../org/org.queries.ts';
import { unitText } from '../org/unit-text.ts';
import { AssignmentActions, ReportList } from './AssignmentParts.tsx';
import { chinaDay, dayFromToday, StateTag, unitLabel } from './notice-ui.tsx';
import { useSetAssignments } from './notices.queries.ts';

/** One task of a notice on its detail page: its text, the office's assignment editor and who carries it out. */
export function NoticeTaskCard({ notice, task }: { notice: NoticeDetail; task: TaskItem }) {
  return (
    <Card
      size="small"
      className="sy-task-card"
      title={`${task.no}. ${task.title}`}
      data-testid="notice-task"
      extra={
        task.suggestedKinds.length > 0 && (
          <span className="sy-code">建议承办：{task.suggestedKinds.map((k) => assigneeKindLabels[k]).join('、')}</span>
        )
      }
    >
      {task.body && (
        <Typography.Paragraph
          ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {task.body}
        </Typography.Paragraph>
      )}
      {notice.canManage && <AssignmentEditor notice={notice} task={task} />}
      {task.assignments.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={task.assignments}
          style={{ marginTop: 12 }}
          columns={[
            { title: '承办单位', render: (_, a) => unitLabel(a), onCell: () => ({ style: { minWidth: 180 } }) },
            { title: '截止', dataIndex: 'deadline', width: 104 },
            { title: '状态', width: 96, render: (_, a) => <StateTag state={a.state} /> },
            {
              title: '签收',
              width: 150,
              render: (_, a) =>
                a.acknowledgedAt ? `${chinaDay(a.acknowledgedAt).slice(5)} ${a.acknowledgedByName ?? ''}` : '—',
            },
            { title: '上报', width: 90, render: (_, a) => (a.reportedAt ? chinaDay(a.reportedAt).slice(5) : '—') },
            ...(task.assignments.some((a) => a.canAct)
              ? [
                  {
                    title: '操作',
                    width: 220,
                    render: (_: unknown, a: (typeof task.assignments)[number]) => <AssignmentActions assignment={a} />,
                  },
                ]
              : []),
          ]}
          expandable={{
            rowExpandable: (a) => a.reports.length > 0,
            expandedRowRender: (a) => <ReportList assignment={a} />,
          }}
        />
      )}
    </Card>
  );
}

/** Unit multi-select (the text's suggestions preselected on a task not yet assigned) and one deadline. */
function AssignmentEditor({ notice, task }: { notice: NoticeDetail; task: TaskItem }) {
  const feedback = useFeedback();
  const units = useUnits();
  const save = useSetAssignments(notice.id);
  const current = task.assignments.map((a) => a.unitId);
  const suggested = current.length === 0 && task.suggestedUnitIds.length > 0;
  const [unitIds, setUnitIds] = useState<number[]>(current.length > 0 ? current : task.suggestedUnitIds);
  const existingDeadline = task.assignments
    .map((a) => a.deadline)
    .sort()
    .at(-1);
  const [deadline, setDeadline] = useState<string>(existingDeadline ?? dayFromToday(14));
  const started = new Set(task.assignments.filter((a) => a.acknowledgedAt || a.reportedAt).map((a) => a.unitId));

  const options = useMemo(() => {
    const groups = new Map<string, { value: number; label: string }[]>();
    for (const u of units.data ?? []) {
      if (!u.active && !current.includes(u.id)) continue;
      const label = unitText(u);
      const group = unitKindLabels[u.kind];
      groups.set(group, [...(groups.get(group) ?? []), { value: u.id, label }]);
    }
    return [...groups].map(([label, opts]) => ({ label, options: opts }));
  }, [units.data, current]);

  const dirty =
    unitIds.length !== current.length ||
    unitIds.some((u) => !current.includes(u)) ||
    (existingDeadline !== undefined && deadline !== existingDeadline) ||
    current.length === 0;

  return (
    <div style={{ background: '#fafafa', padding: 12, borderRadius: 6 }} data-testid="assignment-editor">
      <Row gutter={[8, 8]} align="bottom">
        <Col flex="auto">
          <div style={{ fontSize: 12, marginBottom: 4 }}>
            承办单位
            {suggested && (
              <Tag color="gold" style={{ marginLeft: 8 }}>
                已按文中建议预选，请核对
              </Tag>
            )}
          </div>
          <Select
            mode="multiple"
            value={unitIds}
            onChange={setUnitIds}
            options={options}
            loading={units.isPending}
            placeholder="选择承办单位"
            showSearch={{ optionFilterProp: 'label' }}
            maxTagCount="responsive"
            style={{ width: '100%' }}
            data-testid="assignment-units"
          />
        </Col>
        <Col flex="160px">
          <div style={{ fontSize: 12, marginBottom: 4 }}>截止日期</div>
          <Input
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            data-testid="assignment-deadline"
          />
        </Col>
        <Col flex="none">
          <Button
            type="primary"
            ghost
            disabled={!dirty || unitIds.length === 0 || !deadline}
            loading={save.isPending}
            onClick={() => {
              const withdrawn = current.filter((u) => !unitIds.includes(u) && started.has(u));
              if (withdrawn.length > 0) {
                feedback.message.warning('已签收或上报的单位不能撤销分派，已保留。');
              }
              const keep = [...new Set([...unitIds, ...withdrawn])];
              save.mutate(
                { taskId: task.id, assignments: keep.map((unitId) => ({ unitId, deadline })) },
                {
                  onSuccess: () => feedback.success(`第${task.no}项已分派给 ${keep.length} 个单位，截止 ${deadline}。`),
                  onError: feedback.error,
                },
              );
            }}
            data-testid="assignment-save"
          >
            保存分派
          </Button>
        </Col>
      </Row>
    </div>
  );
}
