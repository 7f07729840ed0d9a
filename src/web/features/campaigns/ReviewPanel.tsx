import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { AmendmentItem, CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { personNameCell } from '../../components/PersonName.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { campaignApi, useAmendments, useCampaignMutation, useReviews } from './campaigns.queries.ts';

const amendmentStatus: Record<AmendmentItem['status'], { text: string; color: string }> = {
  applied: { text: '已生效', color: 'blue' },
  pending: { text: '待审批', color: 'orange' },
  approved: { text: '已批准', color: 'green' },
  rejected: { text: '已驳回', color: 'default' },
};

/** 审核: each street confirms its entries, the office approves and locks; every change and amendment is listed. */
export function ReviewPanel({ campaign }: { campaign: CampaignDetail }) {
  const me = useMe();
  const feedback = useFeedback();
  const isMobile = useIsMobile();
  const reviews = useReviews(campaign.id);
  const amendments = useAmendments(campaign.id);
  const confirm = useCampaignMutation((streetId: number) => campaignApi.confirmStreet(campaign.id, streetId, null));
  const decide = useCampaignMutation((v: { id: number; approve: boolean }) =>
    campaignApi.decide(campaign.id, v.id, v.approve, null),
  );
  const mayConfirm = (streetId: number) =>
    campaign.status === 'in_review' && (campaign.canManage || (me.role === 'street' && me.region?.id === streetId));
  const pendingStreets = (reviews.data?.items ?? []).filter((r) => r.status !== 'confirmed').length;
  return (
    <>
      {campaign.status === 'in_review' && (
        <Alert
          type={pendingStreets ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            pendingStreets
              ? `还有 ${pendingStreets} 个街道（镇）未确认名单。街道核对名单（增删须填原因）后点击“确认”。`
              : '各街道（镇）均已确认，双拥办可审批并锁定名单。'
          }
        />
      )}
      <Card title="街道（镇）确认">
        <Table
          rowKey="streetId"
          size={isMobile ? 'small' : 'middle'}
          pagination={false}
          loading={reviews.isPending}
          dataSource={reviews.data?.items ?? []}
          onRow={() => ({ 'data-testid': 'review-row' }) as object}
          columns={[
            { title: '街道（镇）', dataIndex: 'streetName' },
            { title: '名单', dataIndex: 'entryCount', render: (n: number) => `${n} 条` },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) =>
                s === 'confirmed' ? <Tag color="green">已确认</Tag> : <Tag color="orange">待确认</Tag>,
            },
            { title: '确认人', dataIndex: 'confirmedByName', render: (v: string | null) => v ?? '—' },
            { title: '确认时间', dataIndex: 'confirmedAt', render: (v: string | null) => formatDateTime(v) },
            {
              title: '操作',
              key: 'actions',
              render: (_, r) =>
                r.status !== 'confirmed' && mayConfirm(r.streetId) ? (
                  <Popconfirm
                    title={`确认${r.streetName}的名单？`}
                    description="确认后提交双拥办审批；如再增删，须重新确认。"
                    okText="确认"
                    cancelText="取消"
                    okButtonProps={{ 'data-testid': 'review-confirm-ok' } as ButtonProps}
                    onConfirm={() =>
                      confirm.mutate(r.streetId, {
                        onSuccess: () => feedback.success('已确认名单'),
                        onError: feedback.error,
                      })
                    }
                  >
                    <Button type="primary" size="small" data-testid="review-confirm">
                      确认名单
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title="名单修改与修订记录" style={{ marginTop: 16 }}>
        <Table<AmendmentItem>
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, showSizeChanger: false }}
          loading={amendments.isPending}
          dataSource={amendments.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '类型',
              key: 'kind',
              render: (_, a) =>
                `${a.phase === 'review' ? '审核中' : '锁定后修订'}·${a.kind === 'add' ? '添加' : '移出'}`,
            },
            { title: '姓名', dataIndex: 'personName', render: personNameCell },
            { title: '街道（镇）', dataIndex: 'streetName' },
            { title: '标准', dataIndex: 'standardName', render: (v: string | null) => v ?? '—' },
            { title: '原因', dataIndex: 'reason' },
            {
              title: '申请人',
              key: 'by',
              render: (_, a) => `${a.requestedByName ?? ''} ${formatDateTime(a.requestedAt)}`,
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: AmendmentItem['status']) => (
                <Tag color={amendmentStatus[s].color}>{amendmentStatus[s].text}</Tag>
              ),
            },
            {
              title: '审批',
              key: 'decide',
              render: (_, a) =>
                a.status === 'pending' && campaign.canManage ? (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      icon={<CheckOutlined />}
                      onClick={() => decide.mutate({ id: a.id, approve: true }, { onError: feedback.error })}
                    >
                      批准
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<CloseOutlined />}
                      onClick={() => decide.mutate({ id: a.id, approve: false }, { onError: feedback.error })}
                    >
                      驳回
                    </Button>
                  </Space>
                ) : (
                  (a.decidedByName ?? '—')
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
