import { CloudSyncOutlined, DisconnectOutlined, RightOutlined } from '@ant-design/icons';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { MyVisitItem } from '../../../shared/api/campaign-visits.api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FilterSearch } from '../../components/UrlFilterInputs.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { yuanText } from './campaign-format.tsx';
import { campaignKeys, useMyVisits } from './campaigns.queries.ts';
import { OfflineBanner } from './OfflineBanner.tsx';
import { dropVisit, useOfflineQueue } from './offline-queue.ts';
import { PhoneTasks } from './PhoneTasks.tsx';
import { useDictionary } from './StandardForm.tsx';
import { useVisitFormOptions } from './VisitLinkSections.tsx';

const cachePrefix = 'shuangyong.visits.';

/** The last lists seen, so the phone still shows them when the network drops. */
export function cachedVisits(key = 'region.pending'): MyVisitItem[] {
  try {
    return JSON.parse(localStorage.getItem(cachePrefix + key) ?? '[]') as MyVisitItem[];
  } catch {
    return [];
  }
}

/** After a visit is recorded (or queued): every list kept on the phone shows the entry as visited. */
export function markVisited(queryClient: QueryClient, entryId: number): void {
  const mark = (items: MyVisitItem[]) =>
    items.map((i) =>
      i.entryId === entryId ? { ...i, visitStatus: 'delivered' as const, deliveredAt: new Date().toISOString() } : i,
    );
  queryClient.setQueriesData<{ items: MyVisitItem[]; total: number }>(
    { queryKey: ['campaigns', 'visits', 'mine'] },
    (old) =>
      old
        ? { ...old, items: mark(old.items).filter((i) => i.entryId !== entryId || i.visitStatus !== 'pending') }
        : old,
  );
  for (const key of ['mine.pending', 'region.pending']) {
    try {
      localStorage.setItem(cachePrefix + key, JSON.stringify(cachedVisits(key).filter((i) => i.entryId !== entryId)));
    } catch {
      // Storage full or disabled: the server's list is still right.
    }
  }
}

/** 走访登记 on a phone: my entries (or my region's), the offline queue, and a tap into the visit form. */
export function VisitsPage() {
  const navigate = useNavigate();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const filters = useUrlFilters(['scope', 'status', 'q']);
  const scope = filters.values.scope === 'region' ? 'region' : 'mine';
  const status = filters.values.status === 'delivered' ? 'delivered' : 'pending';
  const q = filters.values.q ?? '';
  const list = useMyVisits({ scope, status, q: q || undefined });
  const onSynced = useCallback(
    (r: { sent: number; refused: number }) => {
      if (r.sent) feedback.success(`已同步 ${r.sent} 条离线走访记录`);
      if (r.refused) feedback.message.warning(`有 ${r.refused} 条离线记录未被接受，请查看原因`);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
    [feedback, queryClient],
  );
  const { queue, online, busy, sync } = useOfflineQueue(onSynced);
  // Loaded with the list, so the form has its choices even when it is first opened without network.
  useVisitFormOptions();
  useDictionary();
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && status === 'pending' && !q) {
      try {
        localStorage.setItem(`${cachePrefix}${scope}.pending`, JSON.stringify(list.data.items));
      } catch {
        // Storage full or disabled.
      }
    }
  }, [list.data, list.isPlaceholderData, scope, status, q]);
  const items = list.isError && status === 'pending' ? cachedVisits(`${scope}.pending`) : (list.data?.items ?? []);
  const queued = new Set(queue.map((v) => v.entryId));
  const waiting = queue.filter((v) => !v.error).length;

  return (
    <>
      <PageHeader
        title="走访登记"
        subTitle="点开一户登记走访，其他任务（送喜报、挂光荣牌等）点“登记完成”；没有网络时记录保存在手机上，联网后自动同步。"
      />
      <OfflineBanner online={online} pending={waiting} syncing={busy} />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="offline-bar">
        <Space wrap>
          {online ? (
            <Tag color="green">在线</Tag>
          ) : (
            <Tag icon={<DisconnectOutlined />} color="orange">
              离线
            </Tag>
          )}
          <span data-testid="offline-count" data-value={waiting}>
            待同步 {waiting} 条
          </span>
          <Button
            size="small"
            icon={<CloudSyncOutlined />}
            loading={busy}
            disabled={!online || queue.length === 0}
            onClick={() => void sync()}
          >
            立即同步
          </Button>
        </Space>
        {queue
          .filter((v) => v.error)
          .map((v) => (
            <Alert
              key={v.clientKey}
              style={{ marginTop: 8 }}
              type="error"
              showIcon
              title={`${v.personName}：未同步`}
              description={v.error}
              action={
                <Button size="small" onClick={() => void dropVisit(v.clientKey)}>
                  删除此条
                </Button>
              }
            />
          ))}
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={scope}
          onChange={(v) => filters.set({ scope: v })}
          options={[
            { value: 'mine', label: '分派给我' },
            { value: 'region', label: '本辖区全部' },
          ]}
        />
        <Segmented
          value={status}
          onChange={(v) => filters.set({ status: v })}
          options={[
            { value: 'pending', label: '待走访' },
            { value: 'delivered', label: '已走访' },
          ]}
        />
        <FilterSearch filters={filters} name="q" placeholder="姓名" width={140} />
      </Space>
      {list.isError && items.length === 0 && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      {list.isError && items.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="网络不可用，显示的是上次加载的清单。" />
      )}
      <List
        loading={list.isPending}
        dataSource={items}
        locale={{
          emptyText: (
            <Empty
              description={scope === 'mine' ? '暂无分派给您的走访任务；可切换“本辖区全部”。' : '本辖区暂无走访任务。'}
            />
          ),
        }}
        renderItem={(item) => (
          <Card
            size="small"
            style={{ marginBottom: 8, cursor: 'pointer' }}
            data-testid="visit-item"
            onClick={() => navigate(`/campaigns/visits/${item.campaignId}/${item.entryId}`, { state: item })}
          >
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <div>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  <PersonName name={item.personName} />
                </Typography.Text>
                {item.age !== null && <span style={{ marginLeft: 6, opacity: 0.7 }}>{item.age} 岁</span>}
                {!item.alive && <Tag style={{ marginLeft: 6 }}>已故</Tag>}
                <div style={{ fontSize: 13, opacity: 0.8 }}>
                  {item.communityName} · {item.address ?? '地址未登记'}
                </div>
                <div style={{ fontSize: 13 }}>
                  {item.standardName}：慰问金 {yuanText(item.cashCents)}
                  {item.goods.length > 0 && `，${item.goods.map((g) => `${g.name}${g.quantity}${g.unit}`).join('、')}`}
                </div>
                {item.phoneMasked && <div style={{ fontSize: 13, opacity: 0.7 }}>电话 {item.phoneMasked}</div>}
              </div>
              <Space direction="vertical" align="end">
                {queued.has(item.entryId) ? (
                  <Tag color="orange">待同步</Tag>
                ) : item.visitStatus === 'delivered' ? (
                  <Tag color="green">已走访</Tag>
                ) : (
                  <Tag>待走访</Tag>
                )}
                <RightOutlined />
              </Space>
            </Space>
          </Card>
        )}
      />
      <PhoneTasks
        tasks={list.isPlaceholderData ? undefined : list.data?.tasks}
        failed={list.isError}
        cacheAs={q ? null : `${scope}.${status}`}
        queue={queue}
      />
    </>
  );
}
