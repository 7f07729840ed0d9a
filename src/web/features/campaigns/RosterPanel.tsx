import { PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import { goodsText } from '../../../shared/domain/campaign/standard-texts.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LinkedFilters } from '../../components/LinkedFilters.tsx';
import { PersonName, personNameCell } from '../../components/PersonName.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useMe } from '../auth/auth.queries.ts';
import { AssignModal } from './AssignModal.tsx';
import { yuanText } from './campaign-format.tsx';
import { campaignApi, useCampaignMutation, useEntries, useExclusions } from './campaigns.queries.ts';
import { PersonPicker } from './PersonPicker.tsx';

const pageSize = 50;

function canReview(campaign: CampaignDetail, role: string): boolean {
  const open = ['roster_generated', 'in_review', 'locked', 'in_progress'].includes(campaign.status);
  if (!open) return false;
  if (campaign.canManage) return true;
  return role === 'street' && campaign.status !== 'roster_generated';
}

export const rosterFilterKeys = [
  'q',
  'state',
  'visitStatus',
  'streetId',
  'communityId',
  'standardId',
  'category',
] as const;
const linkedLabels = { streetId: '街道', communityId: '社区', standardId: '标准', category: '类别' } as const;

/** 慰问名单: every entry with why it is there; streets remove or add with a reason; entries are assigned to visitors. */
export function RosterPanel({ campaign }: { campaign: CampaignDetail }) {
  const me = useMe();
  const isMobile = useIsMobile();
  // In the URL, so a figure of 统计分析/统计报表 opens the entries behind it.
  const filters = useUrlFilters(rosterFilterKeys, { state: 'active' });
  const { values, page } = filters;
  const state = (values.state ?? 'active') as 'active' | 'removed' | 'all';
  const [selected, setSelected] = useState<number[]>([]);
  const [removing, setRemoving] = useState<RosterEntryItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const entries = useEntries(campaign.id, { ...values, page, pageSize });
  const reviewer = canReview(campaign, me.role);
  const mayAssign =
    (campaign.canManage || me.role === 'street') &&
    ['roster_generated', 'in_review', 'locked', 'in_progress'].includes(campaign.status);
  const locked = campaign.status === 'locked' || campaign.status === 'in_progress';
  if (campaign.status === 'draft') {
    return <Alert type="info" showIcon title="名单尚未生成。请先设置慰问标准并试算，再由双拥办点击“生成名单”。" />;
  }
  return (
    <Card>
      {locked && reviewer && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="名单已锁定：增删将作为修订提交，经双拥办审批后生效。"
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="按姓名查找"
          key={values.q ?? ''}
          defaultValue={values.q}
          onSearch={(v) => filters.set({ q: v.trim() })}
          style={{ width: 200 }}
        />
        <Select
          value={state}
          onChange={(v) => filters.set({ state: v })}
          style={{ width: 130 }}
          options={[
            { value: 'active', label: '在名单中' },
            { value: 'removed', label: '已移出' },
            { value: 'all', label: '全部' },
          ]}
        />
        <Select
          allowClear
          placeholder="走访状态"
          aria-label="走访状态"
          value={values.visitStatus}
          onChange={(v) => filters.set({ visitStatus: v })}
          style={{ width: 120 }}
          options={[
            { value: 'pending', label: '待走访' },
            { value: 'delivered', label: '已走访' },
          ]}
        />
        <LinkedFilters filters={filters} labels={linkedLabels} />
        {reviewer && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="entry-add">
            添加人员
          </Button>
        )}
        {mayAssign && (
          <Button
            icon={<UserSwitchOutlined />}
            disabled={selected.length === 0}
            onClick={() => setAssigning(true)}
            data-testid="entry-assign"
          >
            分派走访（已选 {selected.length}）
          </Button>
        )}
      </Space>
      <Table<RosterEntryItem>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        loading={entries.isPending || entries.isPlaceholderData}
        dataSource={entries.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        rowSelection={
          mayAssign
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (e) => ({ disabled: e.state !== 'active' || e.visitStatus === 'delivered' }),
              }
            : undefined
        }
        onRow={() => ({ 'data-testid': 'entry-row' }) as object}
        pagination={{
          current: page,
          pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p) => filters.set({ page: p }),
        }}
        expandable={{
          expandedRowRender: (e) => (
            <div data-testid="entry-reasons">
              <Typography.Text strong>入选依据：</Typography.Text>
              {e.reasons.join('；')}
              {e.alsoMatched.length > 0 && <div>同时符合：{e.alsoMatched.map((s) => s.name).join('、')}</div>}
              {e.otherMembers.length > 0 && <div>同户其他成员：{e.otherMembers.length} 人（按户发放，取最高标准）</div>}
              {e.removedReason && <div>移出原因：{e.removedReason}</div>}
            </div>
          ),
        }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'personName',
            render: (n: string, e) =>
              e.alive ? (
                <PersonName name={n} />
              ) : (
                <Space>
                  <PersonName name={n} />
                  <Tag color="default">已故</Tag>
                </Space>
              ),
          },
          { title: '街道（镇）', dataIndex: 'streetName' },
          { title: '社区（村）', dataIndex: 'communityName' },
          { title: '标准', dataIndex: 'standardName' },
          { title: '类别', dataIndex: 'categoryName' },
          { title: '慰问金', dataIndex: 'cashCents', render: yuanText },
          {
            title: '慰问品',
            key: 'goods',
            render: (_, e) => goodsText(e.goods) || '—',
          },
          {
            title: '状态',
            key: 'state',
            render: (_, e) => (
              <Space size={2} wrap>
                {e.source === 'manual' && <Tag color="blue">人工添加</Tag>}
                {e.state === 'removed' && <Tag>已移出</Tag>}
                {e.state === 'active' && (
                  <Tag color={e.visitStatus === 'delivered' ? 'green' : 'default'}>
                    {e.visitStatus === 'delivered' ? '已走访' : '待走访'}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: '走访人员', dataIndex: 'assignedUserName', render: (v: string | null) => v ?? '—' },
          ...(reviewer
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, e: RosterEntryItem) =>
                    e.state === 'active' && e.visitStatus === 'pending' ? (
                      <Button type="link" size="small" danger onClick={() => setRemoving(e)} data-testid="entry-remove">
                        移出
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {removing && (
        <ReasonModal
          title={`移出 ${removing.personName}`}
          onClose={() => setRemoving(null)}
          run={(reason) => campaignApi.removeEntry(campaign.id, removing.id, reason)}
        />
      )}
      {adding && <AddEntryModal campaign={campaign} onClose={() => setAdding(false)} />}
      {assigning && (
        <AssignModal
          campaignId={campaign.id}
          title={`分派 ${selected.length} 条走访任务`}
          submit={(userId) => campaignApi.assign(campaign.id, selected, userId)}
          onClose={() => {
            setAssigning(false);
            setSelected([]);
          }}
        />
      )}
    </Card>
  );
}

/** Removes an entry (or proposes it, once locked) with the reason given. */
function ReasonModal({
  title,
  onClose,
  run,
}: {
  title: string;
  onClose: () => void;
  run: (reason: string) => Promise<{ message: string }>;
}) {
  const mutation = useCampaignMutation(run);
  return (
    <FormModal
      title={title}
      okText="提交"
      okTestId="reason-submit"
      submit={(v: { reason?: string }) => mutation.mutateAsync(v.reason ?? '')}
      success={(r) => r.message}
      onClose={onClose}
    >
      <Form.Item name="reason" noStyle>
        <Input.TextArea
          rows={3}
          placeholder="请填写原因，如：已迁出本区、本人已去世、经街道研究同意增补"
          data-testid="reason-input"
        />
      </Form.Item>
    </FormModal>
  );
}

type AddValues = { personId: number; standardId: number; reason: string };

function AddEntryModal({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const add = useCampaignMutation((v: AddValues) => campaignApi.addEntry(campaign.id, v));
  return (
    <FormModal
      title="添加人员到名单"
      okText="提交"
      submit={(v: AddValues) => add.mutateAsync(v)}
      success={(r) => r.message}
      onClose={onClose}
    >
      <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
        <PersonPicker />
      </Form.Item>
      <Form.Item name="standardId" label="按哪项标准发放" rules={[{ required: true, message: '请选择标准' }]}>
        <Select
          options={campaign.standards.map((s) => ({
            value: s.id,
            label: `${s.name}（${yuanText(s.package.cashCents)}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写原因' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

/** 未入选人员: everyone considered and left out, with the reason, countable by reason. */
export function ExclusionsPanel({ campaign }: { campaign: CampaignDetail }) {
  const [page, setPage] = useState(1);
  const [reason, setReason] = useState<string | undefined>();
  const data = useExclusions(campaign.id, { page, pageSize, reason });
  const feedback = useFeedback();
  const explain = (personId: number) =>
    campaignApi.evaluate(campaign.id, personId).then((r) => {
      feedback.modal.info({
        title: `${r.personName}：${r.excludedReason ?? (r.matched.length ? '现符合标准（可能已由同户成员领取）' : '不符合')}`,
        width: 560,
        content: (
          <ul style={{ paddingLeft: 18 }}>
            {(r.matched.length
              ? r.matched.map((m) => `${m.standardName}：${m.reasons.join('；')}`)
              : r.failures.map((f) => `${f.standardName}：${f.reason}`)
            ).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ),
      });
    }, feedback.error);
  if (campaign.status === 'draft') return <Alert type="info" showIcon title="名单生成后，这里列出未入选人员及原因。" />;
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag.CheckableTag
          checked={!reason}
          onChange={() => {
            setReason(undefined);
            setPage(1);
          }}
        >
          全部
        </Tag.CheckableTag>
        {(data.data?.byReason ?? []).map((r) => (
          <Tag.CheckableTag
            key={r.reason}
            checked={reason === r.reason}
            onChange={() => {
              setReason(r.reason);
              setPage(1);
            }}
          >
            {r.reason}（{r.count}）
          </Tag.CheckableTag>
        ))}
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={data.isPending}
        dataSource={data.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: data.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: '姓名', dataIndex: 'personName', render: personNameCell },
          { title: '街道（镇）', dataIndex: 'streetName' },
          { title: '社区（村）', dataIndex: 'communityName' },
          { title: '原因', dataIndex: 'reason' },
          { title: '本可享受', dataIndex: 'standardName', render: (v: string | null) => v ?? '—' },
          {
            title: '逐项原因',
            key: 'why',
            render: (_, x) => (
              <Button type="link" size="small" onClick={() => explain(x.personId)}>
                查看
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
