import { Card, Segmented, Table } from 'antd';
import { useState } from 'react';
import type { TaskTypeProgress } from '../../../shared/api/campaign-tasks.api.ts';
import { rate } from './campaign-format.tsx';

type Row = TaskTypeProgress['byStreet'][number];

/** Each task type done/planned, by street or community; what is left when the window has ended. */
export function TaskProgress({ tasks, windowOver }: { tasks: TaskTypeProgress[]; windowOver: boolean }) {
  const [by, setBy] = useState<'byStreet' | 'byCommunity'>('byStreet');
  if (tasks.length <= 1) return null;
  return (
    <Card
      style={{ marginTop: 16 }}
      title="各项任务完成情况"
      data-testid="task-progress"
      extra={
        <Segmented
          value={by}
          onChange={(v) => setBy(v as typeof by)}
          options={[
            { value: 'byStreet', label: '按街道（镇）' },
            { value: 'byCommunity', label: '按社区（村）' },
          ]}
        />
      }
    >
      <Table<TaskTypeProgress>
        rowKey="taskTypeId"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={tasks}
        expandable={{
          expandedRowRender: (t) => (
            <Table<Row>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={t[by]}
              columns={[
                { title: by === 'byStreet' ? '街道（镇）' : '社区（村）', dataIndex: 'label' },
                { title: '完成 / 计划', render: (_, r) => `${r.done} / ${r.planned}` },
                { title: '完成率', render: (_, r) => rate(r.done, r.planned) },
              ]}
            />
          ),
        }}
        columns={[
          { title: '任务', dataIndex: 'name' },
          { title: '完成 / 计划', render: (_, t) => `${t.done} / ${t.planned}` },
          { title: '完成率', render: (_, t) => rate(t.done, t.planned) },
          {
            title: windowOver ? '窗口结束时未完成' : '未完成',
            render: (_, t) => (windowOver ? t.overdue : t.planned - t.done),
          },
        ]}
      />
    </Card>
  );
}
