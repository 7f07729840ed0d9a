import { UserSwitchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type CampaignPlaqueAction,
  campaignPlaqueActionLabels,
  type TaskItem,
  type TaskKind,
  type TaskTypeItem,
  taskKindLabels,
  taskKinds,
} from '../../../shared/api/campaign-tasks.api.ts';
import type { CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useCan, useMe } from '../auth/auth.queries.ts';
import { AssignModal } from './AssignModal.tsx';
import { rate } from './campaign-format.tsx';
import { useCampaignMutation } from './campaigns.queries.ts';
import { CompleteModal } from './TaskDone.tsx';
import { taskApi, useTasks, useTaskTypes } from './tasks.queries.ts';

const planned = new Set(['roster_generated', 'in_review', 'locked', 'in_progress']);

/** 任务: the campaign's task types (edited by the office), planning their tasks, and the task list. */
export function TasksPanel({ campaign }: { campaign: CampaignDetail }) {
  const types = useTaskTypes(campaign.id);
  const feedback = useFeedback();
  const plan = useCampaignMutation(() => taskApi.plan(campaign.id));
  const create = useCampaignMutation((kind: TaskKind) => taskApi.createType(campaign.id, kind));
  if (types.isError) return <QueryError error={types.error} onRetry={() => types.refetch()} />;
  const items = types.data?.items ?? [];
  const missing = taskKinds.filter((k) => !items.some((t) => t.kind === k));
  const editable = campaign.canManage && campaign.status !== 'closed';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        title="任务类型"
        extra={
          editable && (
            <Space wrap>
              {missing.length > 0 && (
                <Select<TaskKind>
                  placeholder="增加任务类型"
                  style={{ width: 180 }}
                  value={null as unknown as TaskKind}
                  options={missing.map((k) => ({ value: k, label: taskKindLabels[k] }))}
                  onChange={(kind) => create.mutate(kind, { onError: feedback.error })}
                />
              )}
              <Button
                type="primary"
                disabled={!planned.has(campaign.status)}
                title={planned.has(campaign.status) ? undefined : '请先生成名单'}
                loading={plan.isPending}
                data-testid="tasks-plan"
                onClick={() =>
                  plan.mutate(undefined, {
                    onSuccess: (r) =>
                      feedback.success(
                        r.created > 0
                          ? `已安排 ${r.created} 项任务（${r.byType.map((b) => `${b.name} ${b.created}`).join('，')}）`
                          : '没有需要新安排的任务。',
                      ),
                    onError: feedback.error,
                  })
                }
              >
                安排任务
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          名单锁定时自动安排任务；“安排任务”按慰问名单（贴春联年画，每户一项）、立功喜报登记簿（未送达的喜报）和光荣牌登记簿（应挂、已收回但仍符合条件的户）生成任务；
          名单或登记簿变化后可再次点击，只补充新的任务。名单上的户的任务随该户的走访人员，也可勾选后单独分派；不在名单上的户的任务分派后出现在走访人员手机的“走访登记”中。走访时在登记页勾选完成，喜报和光荣牌会同时写入登记簿。
        </Typography.Paragraph>
        <Table<TaskTypeItem>
          rowKey="id"
          size="small"
          loading={types.isPending}
          pagination={false}
          dataSource={items}
          scroll={{ x: true }}
          columns={[
            { title: '任务', render: (_, t) => <TypeName campaign={campaign} type={t} editable={editable} /> },
            {
              title: '内容',
              render: (_, t) =>
                t.kind === 'plaque' ? (
                  <PlaqueActions campaign={campaign} type={t} editable={editable} />
                ) : (
                  taskKindLabels[t.kind]
                ),
            },
            {
              title: '完成 / 计划',
              render: (_, t) => (
                <Space>
                  {t.done} / {t.planned}
                  <Progress
                    percent={t.planned ? Math.round((t.done / t.planned) * 100) : 0}
                    size="small"
                    style={{ width: 100 }}
                  />
                  {rate(t.done, t.planned)}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, t) => editable && t.kind !== 'visit' && <DeleteType campaign={campaign} type={t} />,
            },
          ]}
        />
      </Card>
      <TaskList campaign={campaign} types={items} />
    </Space>
  );
}

function TypeName({ campaign, type, editable }: { campaign: CampaignDetail; type: TaskTypeItem; editable: boolean }) {
  const feedback = useFeedback();
  const update = useCampaignMutation((name: string) => taskApi.updateType(campaign.id, type.id, { name }));
  return (
    <Typography.Text
      editable={
        editable && {
          onChange: (name) =>
            name.trim() && name !== type.name && update.mutate(name.trim(), { onError: feedback.error }),
        }
      }
    >
      {type.name}
    </Typography.Text>
  );
}

function PlaqueActions({
  campaign,
  type,
  editable,
}: {
  campaign: CampaignDetail;
  type: TaskTypeItem;
  editable: boolean;
}) {
  const feedback = useFeedback();
  const update = useCampaignMutation((plaqueActions: CampaignPlaqueAction[]) =>
    taskApi.updateType(campaign.id, type.id, { plaqueActions }),
  );
  return (
    <Checkbox.Group
      disabled={!editable}
      value={type.plaqueActions ?? []}
      options={Object.entries(campaignPlaqueActionLabels).map(([value, label]) => ({ value, label }))}
      onChange={(v) =>
        v.length === 0
          ? feedback.message.warning('请至少保留一种：新挂、更换或补挂。')
          : update.mutate(v as CampaignPlaqueAction[], { onError: feedback.error })
      }
    />
  );
}

function DeleteType({ campaign, type }: { campaign: CampaignDetail; type: TaskTypeItem }) {
  const feedback = useFeedback();
  const remove = useCampaignMutation(() => taskApi.deleteType(campaign.id, type.id));
  return (
    <Popconfirm
      title={`删除“${type.name}”？`}
      description="尚未完成的任务一并删除；已有完成的任务时不能删除。"
      okText="删除"
      cancelText="取消"
      onConfirm={() => remove.mutate(undefined, { onError: feedback.error })}
    >
      <Button size="small" danger>
        删除
      </Button>
    </Popconfirm>
  );
}

function TaskList({ campaign, types }: { campaign: CampaignDetail; types: TaskTypeItem[] }) {
  const can = useCan();
  const me = useMe();
  const [selected, setSelected] = useState<number[]>([]);
  const [assigning, setAssigning] = useState(false);
  const mayAssign = (campaign.canManage || me.role === 'street') && planned.has(campaign.status);
  const [taskTypeId, setTaskTypeId] = useState<number | undefined>();
  const [status, setStatus] = useState<'pending' | 'done' | undefined>('pending');
  const [page, setPage] = useState(1);
  const [doing, setDoing] = useState<TaskItem | null>(null);
  const list = useTasks(campaign.id, { taskTypeId, status, page, pageSize: 20 });
  const open = campaign.status === 'locked' || campaign.status === 'in_progress';
  return (
    <Card
      size="small"
      title="任务清单"
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder="全部任务类型"
            style={{ width: 180 }}
            value={taskTypeId}
            onChange={(v) => {
              setTaskTypeId(v);
              setPage(1);
            }}
            options={types.filter((t) => t.kind !== 'visit').map((t) => ({ value: t.id, label: t.name }))}
          />
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: 'pending', label: '未完成' },
              { value: 'done', label: '已完成' },
            ]}
          />
          {mayAssign && (
            <Button
              icon={<UserSwitchOutlined />}
              disabled={selected.length === 0}
              onClick={() => setAssigning(true)}
              data-testid="task-assign"
            >
              分派（已选 {selected.length}）
            </Button>
          )}
        </Space>
      }
    >
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<TaskItem>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: true }}
          rowSelection={
            mayAssign
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (t) => ({ disabled: t.status === 'done' }),
                }
              : undefined
          }
          pagination={{
            current: page,
            total: list.data?.total ?? 0,
            pageSize: 20,
            onChange: setPage,
            showSizeChanger: false,
          }}
          locale={{ emptyText: '没有任务；请先点击“安排任务”。' }}
          columns={[
            { title: '任务', dataIndex: 'label' },
            { title: '对象', dataIndex: 'subjectName' },
            { title: '街道（镇）', dataIndex: 'streetName', responsive: ['md'] },
            { title: '社区（村）', dataIndex: 'communityName' },
            {
              title: '走访人员',
              render: (_, t) =>
                t.assignedUserName ? `${t.assignedUserName}${t.assignedSeparately ? '' : '（随名单）'}` : '—',
            },
            {
              title: '状态',
              render: (_, t) =>
                t.status === 'done' ? (
                  <Tag color="green">
                    已完成 {t.doneOn} {t.doneByName}
                  </Tag>
                ) : (
                  <Tag>未完成</Tag>
                ),
            },
            {
              title: '',
              render: (_, t) =>
                t.status === 'pending' &&
                open &&
                can('campaign.visit') && (
                  <Button size="small" onClick={() => setDoing(t)}>
                    登记完成
                  </Button>
                ),
            },
          ]}
        />
      )}
      {doing && <CompleteModal campaignId={campaign.id} task={doing} onClose={() => setDoing(null)} />}
      {assigning && (
        <AssignModal
          campaignId={campaign.id}
          title={`分派 ${selected.length} 项任务`}
          placeholder="选择走访人员；不选则改回随名单分派（不在名单上的户则不分派）"
          submit={(userId) => taskApi.assign(campaign.id, selected, userId)}
          onClose={() => {
            setAssigning(false);
            setSelected([]);
          }}
        />
      )}
    </Card>
  );
}
