import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { Alert, Button, Card, Descriptions, Popconfirm, Progress, Skeleton, Space, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import type { CampaignStatus } from '../../../shared/domain/campaign/campaign-window.ts';
import { dedupPolicyLabels } from '../../../shared/domain/campaign/roster.ts';
import { formatCount } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { CampaignSummaryPanel } from '../briefings/CampaignSummaryPanel.tsx';
import { CampaignDocuments } from '../campaign-documents/CampaignDocuments.tsx';
import { CampaignProgrammes } from './CampaignProgrammes.tsx';
import { StatusTag, yuanText } from './campaign-format.tsx';
import { campaignApi, campaignKeys, useCampaign, useCampaignMutation, useRosterJob } from './campaigns.queries.ts';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { ExclusionsPanel, RosterPanel, rosterFilterKeys } from './RosterPanel.tsx';
import { StandardsPanel } from './StandardsPanel.tsx';
import { TasksPanel } from './TasksPanel.tsx';
import { TrialPanel } from './TrialPanel.tsx';
import { VerificationPanel } from './VerificationPanel.tsx';

/** One campaign: its status and next step, and a tab per stage (standards → trial → roster → review → progress). */
export function CampaignDetailPage() {
  const id = Number(useParams().id);
  const campaign = useCampaign(id);
  const [params, setParams] = useSearchParams();
  const status = campaign.data?.status;
  const tab =
    params.get('tab') ??
    // A link to entries (from 统计分析/统计报表) carries the roster's filters: open the roster.
    (rosterFilterKeys.some((k) => params.has(k))
      ? 'roster'
      : status === 'draft'
        ? 'standards'
        : status === 'in_progress'
          ? 'progress'
          : 'roster');
  // Pin the tab in the URL, so filters chosen inside a tab (a street, a list) never switch tabs.
  useEffect(() => {
    if (status && !params.get('tab')) {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('tab', tab);
          return next;
        },
        { replace: true },
      );
    }
  }, [status, params, tab, setParams]);
  if (campaign.isPending) return <Skeleton active />;
  if (campaign.isError) return <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />;
  const c = campaign.data;
  const setTab = (key: string) => setParams({ tab: key }, { replace: true });
  const items = [
    { key: 'standards', label: '慰问标准', children: <StandardsPanel campaign={c} /> },
    ...(c.canManage ? [{ key: 'trial', label: '试算', children: <TrialPanel campaign={c} /> }] : []),
    { key: 'roster', label: '慰问名单', children: <RosterPanel campaign={c} /> },
    { key: 'exclusions', label: '未入选人员', children: <ExclusionsPanel campaign={c} /> },
    { key: 'review', label: '审核与修订', children: <ReviewPanel campaign={c} /> },
    ...(c.status !== 'draft' || c.canManage
      ? [{ key: 'tasks', label: '任务', children: <TasksPanel campaign={c} /> }]
      : []),
    { key: 'progress', label: '走访进度', children: <ProgressPanel campaign={c} /> },
    { key: 'cases', label: '抽查与跟进', children: <VerificationPanel campaign={c} /> },
    { key: 'documents', label: '慰问信与签收表', children: <CampaignDocuments campaignId={c.id} /> },
    { key: 'summary', label: '工作总结', children: <CampaignSummaryPanel campaignId={c.id} /> },
  ];
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <Link to="/campaigns" aria-label="返回活动列表">
              <ArrowLeftOutlined />
            </Link>
            {c.name}
            <span data-testid="campaign-status">
              <StatusTag status={c.status} />
            </span>
          </Space>
        }
        subTitle={`${c.regionName} · ${c.windowStart} 至 ${c.windowEnd} · 走访截止 ${c.dueDate}`}
        extra={c.canManage && <StatusActions campaign={c} />}
      />
      <RosterJobBanner campaign={c} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label="春节">{c.springFestival}</Descriptions.Item>
          <Descriptions.Item label="年龄计算日">{c.refDate}</Descriptions.Item>
          <Descriptions.Item label="发放方式">{dedupPolicyLabels[c.dedupPolicy]}</Descriptions.Item>
          <Descriptions.Item label="预算">{c.budgetCents > 0 ? yuanText(c.budgetCents) : '未设'}</Descriptions.Item>
          <Descriptions.Item label="名单（本辖区）">{formatCount(c.entryCount)} 条</Descriptions.Item>
          <Descriptions.Item label="已走访">{formatCount(c.deliveredCount)} 条</Descriptions.Item>
          <Descriptions.Item label="落款单位">{c.signatory ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="专项活动">
            <CampaignProgrammes campaign={c} />
          </Descriptions.Item>
          <Descriptions.Item label="锁定">
            {c.lockedAt ? `${c.lockedByName ?? ''} ${c.lockedAt.slice(0, 10)}` : '未锁定'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
    </>
  );
}

const nextSteps: Record<CampaignStatus, { to: CampaignStatus; label: string; confirm?: string; primary?: boolean }[]> =
  {
    draft: [],
    roster_generated: [
      {
        to: 'in_review',
        label: '下发街道审核',
        primary: true,
        confirm: '各街道（镇）将收到通知，核对并确认本辖区名单。',
      },
      { to: 'draft', label: '作废名单，退回草稿', confirm: '已生成的名单将作废，可修改标准后重新生成。' },
    ],
    in_review: [
      {
        to: 'locked',
        label: '审批并锁定名单',
        primary: true,
        confirm: '锁定后即可开始走访；之后的增删须提交修订并经审批。',
      },
      { to: 'roster_generated', label: '退回重新生成', confirm: '各街道的确认将清空。' },
    ],
    locked: [{ to: 'in_progress', label: '开始执行', primary: true }],
    in_progress: [{ to: 'closed', label: '结束活动', confirm: '结束后不能再登记走访。' }],
    closed: [],
  };

function StatusActions({ campaign }: { campaign: CampaignDetail }) {
  const feedback = useFeedback();
  const move = useCampaignMutation((to: CampaignStatus) => campaignApi.transition(campaign.id, to));
  const generate = useCampaignMutation(() => campaignApi.generate(campaign.id));
  const canGenerate = campaign.status === 'draft' || campaign.status === 'roster_generated';
  return (
    <Space wrap>
      {canGenerate && (
        <Button
          type={campaign.status === 'draft' ? 'primary' : 'default'}
          loading={generate.isPending}
          data-testid="roster-generate"
          onClick={() =>
            generate.mutate(undefined, {
              onSuccess: () => feedback.success('已开始生成名单，请稍候。'),
              onError: feedback.error,
            })
          }
        >
          {campaign.status === 'draft' ? '生成名单' : '重新生成名单'}
        </Button>
      )}
      {nextSteps[campaign.status].map((step) => {
        const run = () =>
          move.mutate(step.to, {
            onSuccess: () => feedback.success(`已${step.label}`),
            onError: feedback.error,
          });
        const button = (
          <Button
            key={step.to}
            type={step.primary ? 'primary' : 'default'}
            loading={move.isPending}
            data-testid={`status-${step.to}`}
            onClick={step.confirm ? undefined : run}
          >
            {step.label}
          </Button>
        );
        return step.confirm ? (
          <Popconfirm
            key={step.to}
            title={`${step.label}？`}
            description={step.confirm}
            okText="确定"
            cancelText="取消"
            onConfirm={run}
            okButtonProps={{ 'data-testid': `confirm-${step.to}` } as ButtonProps}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        );
      })}
    </Space>
  );
}

/** The roster job's progress bar while it runs; refreshes the campaign when it ends. */
function RosterJobBanner({ campaign }: { campaign: CampaignDetail }) {
  const [watching, setWatching] = useState(false);
  const job = useRosterJob(campaign.id, campaign.rosterJobId !== null);
  const queryClient = useQueryClient();
  const running = job.data !== undefined && (job.data.status === 'queued' || job.data.status === 'running');
  const settled = job.data !== undefined && !running;
  useEffect(() => {
    if (running) setWatching(true);
    else if (watching && settled) {
      setWatching(false);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    }
  }, [running, settled, watching, queryClient]);
  if (!job.data) return null;
  if (running) {
    return (
      <Alert
        style={{ marginBottom: 16 }}
        type="info"
        showIcon
        title={job.data.message ?? '正在生成名单'}
        description={
          <Progress
            percent={Math.floor((job.data.progress / Math.max(job.data.total, 1)) * 100)}
            data-testid="roster-progress"
          />
        }
      />
    );
  }
  if (job.data.status === 'failed' && campaign.status === 'draft') {
    return (
      <Alert style={{ marginBottom: 16 }} type="error" showIcon title="名单生成失败" description={job.data.message} />
    );
  }
  return null;
}
