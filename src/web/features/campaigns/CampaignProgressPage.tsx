import { Card, Empty, Select, Skeleton } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useCampaign, useCampaigns } from './campaigns.queries.ts';
import { ProgressPanel } from './ProgressPanel.tsx';

/** 进度 (menu): pick a campaign, see its progress within the viewer's scope. */
export function CampaignProgressPage() {
  const campaigns = useCampaigns();
  const [params, setParams] = useSearchParams();
  const started = (campaigns.data?.items ?? []).filter((c) => c.status !== 'draft');
  const chosen = Number(params.get('campaign')) || started[0]?.id || 0;
  return (
    <>
      <PageHeader
        title="走访进度"
        subTitle="按街道、社区、类别、标准统计已走访与金额；逾期、漏访、名单内已故人员清单。"
      />
      {campaigns.isError && <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 280 }}
          value={chosen || undefined}
          placeholder="选择活动"
          onChange={(v) => setParams({ campaign: String(v) }, { replace: true })}
          options={started.map((c) => ({ value: c.id, label: `${c.name}（${c.statusLabel}）` }))}
        />
      </Card>
      {chosen ? (
        <Chosen id={chosen} />
      ) : (
        !campaigns.isPending && (
          <Empty description="暂无已生成名单的慰问活动。在“走访慰问 → 慰问活动”中设定标准并生成名单后，这里按街道、社区统计走访进度。" />
        )
      )}
    </>
  );
}

function Chosen({ id }: { id: number }) {
  const campaign = useCampaign(id);
  if (campaign.isPending) return <Skeleton active />;
  if (campaign.isError) return <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />;
  return <ProgressPanel campaign={campaign.data} />;
}
