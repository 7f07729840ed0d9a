import { Button, Card, Form, Input, InputNumber, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { CaseItem, VerificationItem } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format.ts';
import { personNameCell } from '../../components/PersonName.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { toCents, yuanText } from './campaign-format.tsx';
import { campaignApi, useCampaignMutation, useCases, useVerifications } from './campaigns.queries.ts';

const outcomeLabels: Record<string, string> = {
  confirmed: '确认已收到',
  not_received: '称未收到',
  amount_differs: '金额不符',
  unreachable: '无法联系',
};

/** 回访抽查 (office) and the follow-up cases of the streets. */
export function VerificationPanel({ campaign }: { campaign: CampaignDetail }) {
  const me = useMe();
  const feedback = useFeedback();
  const samples = useVerifications(campaign.id);
  const [size, setSize] = useState(10);
  const [recording, setRecording] = useState<VerificationItem | null>(null);
  const draw = useCampaignMutation(() => campaignApi.sample(campaign.id, size, null));
  const sampling = campaign.canManage && (campaign.status === 'in_progress' || campaign.status === 'closed');
  return (
    <>
      <Card
        title="回访抽查（随机抽取已发放对象电话回访）"
        extra={
          sampling && (
            <Space>
              <InputNumber min={1} max={500} value={size} onChange={(v) => setSize(v ?? 10)} addonAfter="户" />
              <Button
                type="primary"
                loading={draw.isPending}
                onClick={() =>
                  draw.mutate(undefined, {
                    onSuccess: (r) => feedback.success(`已抽取 ${r.items.length} 户`),
                    onError: feedback.error,
                  })
                }
              >
                随机抽取
              </Button>
            </Space>
          )
        }
      >
        <Table<VerificationItem>
          rowKey="id"
          size="small"
          loading={samples.isPending}
          dataSource={samples.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: '批次', dataIndex: 'batch' },
            { title: '姓名', dataIndex: 'personName', render: personNameCell },
            { title: '电话', dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
            { title: '街道（镇）', dataIndex: 'streetName' },
            { title: '走访日期', dataIndex: 'visitedOn' },
            { title: '登记慰问金', dataIndex: 'deliveredCashCents', render: yuanText },
            {
              title: '回访结果',
              key: 'outcome',
              render: (_, v) =>
                v.outcome ? (
                  <Tag color={v.outcome === 'confirmed' ? 'green' : v.outcome === 'unreachable' ? 'default' : 'red'}>
                    {outcomeLabels[v.outcome]}
                  </Tag>
                ) : campaign.canManage ? (
                  <Button size="small" onClick={() => setRecording(v)}>
                    登记结果
                  </Button>
                ) : (
                  '待回访'
                ),
            },
          ]}
        />
      </Card>
      <CasesCard campaign={campaign} mayResolve={campaign.canManage || me.role === 'street'} />
      {recording && <OutcomeModal campaignId={campaign.id} item={recording} onClose={() => setRecording(null)} />}
    </>
  );
}

type OutcomeValues = { outcome: string; reportedYuan: number | null; note: string };

function OutcomeModal({
  campaignId,
  item,
  onClose,
}: {
  campaignId: number;
  item: VerificationItem;
  onClose: () => void;
}) {
  const [form] = Form.useForm<OutcomeValues>();
  const outcome = Form.useWatch('outcome', form);
  const save = useCampaignMutation((v: OutcomeValues) =>
    campaignApi.outcome(campaignId, item.id, {
      outcome: v.outcome,
      reportedCashCents: v.outcome === 'amount_differs' ? toCents(v.reportedYuan) : null,
      note: v.note || null,
    }),
  );
  return (
    <FormModal
      form={form}
      title={`回访结果：${item.personName}`}
      initialValues={{ outcome: 'confirmed' }}
      submit={(v) => save.mutateAsync(v)}
      success={(_, v) =>
        v.outcome === 'not_received' || v.outcome === 'amount_differs'
          ? `已登记 ${item.personName} 的回访结果，并生成跟进事项交街道核实`
          : `已登记 ${item.personName} 的回访结果`
      }
      onClose={onClose}
    >
      <Form.Item name="outcome" label="结果">
        <Select options={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      {outcome === 'amount_differs' && (
        <Form.Item name="reportedYuan" label="对方所说实收慰问金（元）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="note" label="备注" extra="称未收到或金额不符时，自动生成跟进事项交街道核实。">
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

function ResolveCaseModal({ campaignId, item, onClose }: { campaignId: number; item: CaseItem; onClose: () => void }) {
  const resolve = useCampaignMutation((text: string) => campaignApi.resolveCase(campaignId, item.id, text));
  return (
    <FormModal
      title={`办结：${item.title}`}
      okText="办结"
      submit={(v: { text?: string }) => resolve.mutateAsync(v.text ?? '')}
      success={`已办结：${item.title}`}
      onClose={onClose}
    >
      <Form.Item name="text" noStyle>
        <Input.TextArea rows={3} placeholder="办理结果，如：已联系社区养老顾问上门评估" />
      </Form.Item>
    </FormModal>
  );
}

function CasesCard({ campaign, mayResolve }: { campaign: CampaignDetail; mayResolve: boolean }) {
  const [status, setStatus] = useState<'open' | 'resolved' | 'all'>('open');
  const cases = useCases(campaign.id, status);
  const [resolving, setResolving] = useState<CaseItem | null>(null);
  return (
    <Card
      title="跟进事项（走访中提出的诉求、抽查发现的问题）"
      style={{ marginTop: 16 }}
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'open', label: '待办' },
            { value: 'resolved', label: '已办结' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      <Table<CaseItem>
        rowKey="id"
        size="small"
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: '事项', dataIndex: 'title' },
          { title: '姓名', dataIndex: 'personName', render: personNameCell },
          { title: '社区（村）', dataIndex: 'communityName' },
          { title: '内容', dataIndex: 'detail' },
          { title: '登记', key: 'by', render: (_, c) => `${c.createdByName ?? ''} ${formatDateTime(c.createdAt)}` },
          {
            title: '办理',
            key: 'resolve',
            render: (_, c) =>
              c.status === 'resolved' ? (
                `已办结：${c.resolution ?? ''}`
              ) : mayResolve ? (
                <Button size="small" onClick={() => setResolving(c)}>
                  办结
                </Button>
              ) : (
                '办理中'
              ),
          },
        ]}
      />
      {resolving && <ResolveCaseModal campaignId={campaign.id} item={resolving} onClose={() => setResolving(null)} />}
    </Card>
  );
}
