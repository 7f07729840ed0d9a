import { Card, Empty, Form, InputNumber, Radio, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CampaignItem, CreateCampaignRequest } from '../../../shared/api/campaigns.api.ts';
import { defaultCampaignWindow } from '../../../shared/domain/campaign/campaign-window.ts';
import { dedupPolicyLabels } from '../../../shared/domain/campaign/roster.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatCount } from '../../components/format.ts';
import { AddButton } from '../../components/ListPage.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useCan, useMe } from '../auth/auth.queries.ts';
import { rate, StatusTag, toCents, yuanText } from './campaign-format.tsx';
import { campaignApi, useCampaignMutation, useCampaigns, usePresets } from './campaigns.queries.ts';

/** 慰问活动: the campaigns in the viewer's scope; the office creates one from a preset or last year's. */
export function CampaignsPage({ rosterView = false }: { rosterView?: boolean }) {
  const campaigns = useCampaigns();
  const can = useCan();
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={rosterView ? '慰问名单' : '慰问活动'}
        subTitle={
          rosterView
            ? '选择活动查看名单、入选依据与审核进度；街道（镇）在此核对并确认本辖区名单。'
            : '春节走访慰问的组织：时间窗口（默认小年至元宵）、预算、慰问标准、试算、名单与进度。'
        }
        extra={
          !rosterView &&
          can('campaign.manage') && (
            <AddButton onClick={() => setCreating(true)} testId="campaign-create">
              新建活动
            </AddButton>
          )
        }
      />
      <Card>
        {campaigns.isError ? (
          <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />
        ) : (
          <Table<CampaignItem>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={campaigns.isPending}
            dataSource={campaigns.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={false}
            onRow={() => ({ 'data-testid': 'campaign-row' }) as object}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    can('campaign.manage') ? '还没有慰问活动，点击“新建活动”开始。' : '暂无本辖区的慰问活动。'
                  }
                />
              ),
            }}
            columns={[
              {
                title: '活动',
                dataIndex: 'name',
                render: (name: string, c) => (
                  <Link to={`/campaigns/${c.id}${rosterView ? '?tab=roster' : ''}`}>{name}</Link>
                ),
              },
              { title: '状态', dataIndex: 'status', render: (s: CampaignItem['status']) => <StatusTag status={s} /> },
              { title: '组织单位', dataIndex: 'regionName' },
              { title: '时间窗口', key: 'window', render: (_, c) => `${c.windowStart} 至 ${c.windowEnd}` },
              { title: '名单（本辖区）', dataIndex: 'entryCount', render: (n: number) => `${formatCount(n)} 条` },
              {
                title: '已走访',
                key: 'delivered',
                render: (_, c) => `${formatCount(c.deliveredCount)} 条（${rate(c.deliveredCount, c.entryCount)}）`,
              },
              { title: '预算', dataIndex: 'budgetCents', render: (v: number) => (v > 0 ? yuanText(v) : '未设') },
            ]}
          />
        )}
      </Card>
      {creating && <CreateCampaignModal existing={campaigns.data?.items ?? []} onClose={() => setCreating(false)} />}
    </>
  );
}

interface FormValues {
  year: number;
  presetKey: 'putuo' | 'karamay' | 'none';
  copyFromCampaignId: number | null;
  littleNewYearDay: '23' | '24';
  budgetYuan: number | null;
  dedupPolicy: 'person' | 'household' | 'auto';
}

function CreateCampaignModal({ existing, onClose }: { existing: CampaignItem[]; onClose: () => void }) {
  const me = useMe();
  const presets = usePresets();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const create = useCampaignMutation((input: CreateCampaignRequest) => campaignApi.create(input));
  const now = new Date();
  const defaultYear = now.getMonth() >= 2 ? now.getFullYear() + 1 : now.getFullYear();
  const regionCode = me.region?.code ?? '';
  const defaultPreset = regionCode.startsWith('650200')
    ? 'karamay'
    : regionCode.startsWith('310107')
      ? 'putuo'
      : 'none';
  const year = Form.useWatch('year', form) ?? defaultYear;
  const lny = Form.useWatch('littleNewYearDay', form) ?? '23';
  const window = useMemo(() => {
    try {
      return defaultCampaignWindow(year, { littleNewYearDay: lny });
    } catch {
      return null;
    }
  }, [year, lny]);

  const submit = (v: FormValues) =>
    create.mutateAsync({
      year: v.year,
      littleNewYearDay: v.littleNewYearDay,
      budgetCents: toCents(v.budgetYuan),
      presetKey: v.copyFromCampaignId ? null : v.presetKey === 'none' ? null : v.presetKey,
      copyFromCampaignId: v.copyFromCampaignId ?? null,
      ...(v.dedupPolicy !== 'auto' && { dedupPolicy: v.dedupPolicy }),
    });

  return (
    <FormModal
      form={form}
      title="新建慰问活动"
      okText="新建"
      okTestId="campaign-submit"
      initialValues={{
        year: defaultYear,
        presetKey: defaultPreset,
        copyFromCampaignId: null,
        littleNewYearDay: regionCode.startsWith('31') ? '24' : '23',
        budgetYuan: null,
        dedupPolicy: 'auto',
      }}
      submit={submit}
      success={(c) => `已新建“${c.name}”，请核对慰问标准并设置金额。`}
      onSaved={(c) => void navigate(`/campaigns/${c.id}?tab=standards`)}
      onClose={onClose}
    >
      <Form.Item name="year" label="春节年份" rules={[{ required: true, message: '请填写年份' }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="campaign-year" />
      </Form.Item>
      <Form.Item name="littleNewYearDay" label="小年">
        <Radio.Group
          options={[
            { value: '23', label: '腊月廿三（北方）' },
            { value: '24', label: '腊月廿四（南方）' },
          ]}
        />
      </Form.Item>
      {window && (
        <Typography.Paragraph type="secondary">
          时间窗口：{window.start}（小年）至 {window.end}（元宵），春节 {window.springFestival}；创建后可调整。
        </Typography.Paragraph>
      )}
      <Form.Item
        name="presetKey"
        label="慰问标准来源"
        extra="预设按通知列出慰问对象与条件，金额为占位，须由双拥办设定。"
      >
        <Select
          data-testid="campaign-preset"
          options={[
            ...(presets.data?.items ?? []).map((p) => ({ value: p.key, label: p.name })),
            { value: 'none', label: '不使用预设（自行添加标准）' },
          ]}
        />
      </Form.Item>
      <Form.Item name="copyFromCampaignId" label="或复制往年活动的标准（含金额）">
        <Select
          allowClear
          placeholder="不复制"
          options={existing.map((c) => ({ value: c.id, label: `${c.name}（${c.regionName}）` }))}
        />
      </Form.Item>
      <Form.Item name="dedupPolicy" label="发放方式">
        <Select
          options={[
            { value: 'auto', label: '按预设（普陀区按户，克拉玛依市按人）' },
            { value: 'person', label: dedupPolicyLabels.person },
            { value: 'household', label: dedupPolicyLabels.household },
          ]}
        />
      </Form.Item>
      <Form.Item name="budgetYuan" label="预算（元）">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="可稍后填写" />
      </Form.Item>
    </FormModal>
  );
}

/** 慰问名单 (menu): the same list, opening each campaign on its roster. */
export function RostersPage() {
  return <CampaignsPage rosterView />;
}
