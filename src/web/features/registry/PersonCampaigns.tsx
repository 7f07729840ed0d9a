import { Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type PersonCampaignItem, visitModeLabels } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignStatus } from '../../../shared/domain/campaign/campaign-window.ts';
import { goodsText } from '../../../shared/domain/campaign/standard-texts.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { StatusTag, yuanText } from '../campaigns/campaign-format.tsx';
import { usePersonCampaigns } from './registry.queries.ts';
import { dash } from './registry-ui.tsx';

const entryStatus: Record<PersonCampaignItem['status'], { text: string; color: string }> = {
  delivered: { text: '已走访发放', color: 'success' },
  pending: { text: '待走访', color: 'warning' },
  removed: { text: '已移出名单', color: 'default' },
};

/** 走访慰问记录 on the person page: each campaign's roster entry (standard, package, status) and its visit. */
export function PersonCampaigns({ personId, enabled }: { personId: number; enabled: boolean }) {
  const history = usePersonCampaigns(personId, enabled);
  if (history.isError) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  if (history.isPending) return <Skeleton active />;
  if (history.data.items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该对象尚未列入走访慰问名单" />;
  }
  return (
    <List
      dataSource={history.data.items}
      rowKey="entryId"
      renderItem={(e) => {
        const v = e.visit;
        const status = entryStatus[e.status];
        return (
          <List.Item data-testid="campaign-entry">
            <div style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Link to={`/campaigns/${e.campaignId}`}>
                  <Typography.Text strong>{e.campaignName}</Typography.Text>
                </Link>
                <Tag>{e.year} 年</Tag>
                <StatusTag status={e.campaignStatus as CampaignStatus} />
                <Tag color={status.color}>{status.text}</Tag>
              </Space>
              <div>
                标准：{e.standardName}（{e.categoryName}）· 慰问金 {yuanText(e.plannedCashCents)} · 物品{' '}
                {goodsText(e.plannedGoods) || '无'}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                走访单位：{e.streetName} / {e.communityName}
              </Typography.Text>
              {e.removedReason && <div>移出原因：{e.removedReason}</div>}
              {v && (
                <div style={{ marginTop: 6, paddingLeft: 8, borderLeft: '3px solid #d9d9d9' }}>
                  <div>
                    {v.visitedOn} · {visitModeLabels[v.mode]} · 发放慰问金 {yuanText(v.cashCents)} · 物品{' '}
                    {goodsText(v.goods) || '无'}
                  </div>
                  <div>
                    签收：
                    {v.receiverKind === 'proxy'
                      ? `代领人 ${v.receiverName}（${dash(v.proxyRelation)}）`
                      : `本人 ${v.receiverName}`}
                    {' · '}
                    {v.hasSignature ? '有签名' : '无签名'}，{v.hasPhoto ? '有照片' : '无照片'}
                  </div>
                  {v.needs && <div>诉求：{v.needs}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    走访人：{dash(v.recordedByName)}
                    {v.recordedOffline ? ' · 离线登记后同步' : ''}
                  </Typography.Text>
                </div>
              )}
            </div>
          </List.Item>
        );
      }}
    />
  );
}
