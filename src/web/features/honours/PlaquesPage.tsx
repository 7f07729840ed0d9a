import { Button, Descriptions, Drawer, Empty, Segmented, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import type { PlaqueItem } from '../../../shared/api/honours.api.ts';
import {
  type PlaqueAction,
  type PlaqueStatus,
  plaqueActionLabels,
  plaqueReasonLabels,
  plaqueStatusLabels,
} from '../../../shared/domain/honours/honours.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FilterSearch, RegionFilter } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { usePlaque, usePlaques } from './honours.queries.ts';
import { RegisterTable } from './honours-ui.tsx';
import { PlaqueActionModal } from './PlaqueActionModal.tsx';

type Filter = PlaqueStatus | 'all' | 'ineligible';
const statusColors: Record<PlaqueStatus, string> = { due: 'orange', hung: 'green', withdrawn: 'default' };

/** 光荣牌登记簿: every eligible household (one plaque however many reasons) and its plaque's life. */
export function PlaquesPage() {
  const can = useCan();
  const filters = useUrlFilters(['status', 'regionId', 'q', 'open'], { status: 'due' });
  const filter = (filters.values.status ?? 'all') as Filter;
  const regionId = filters.id('regionId') ?? null;
  const q = filters.values.q ?? '';
  const page = filters.page;
  const [acting, setActing] = useState<{ plaque: PlaqueItem; action: PlaqueAction } | null>(null);
  // The household's drawer is part of the list's URL; opening adds a history entry so Back closes it.
  const open = filters.id('open') ?? null;
  const setOpen = (id: number | null) => filters.set({ open: id, page: filters.page }, { push: id !== null });
  const list = usePlaques({
    status: filter === 'all' || filter === 'ineligible' ? undefined : filter,
    ineligible: filter === 'ineligible' ? '1' : undefined,
    regionId,
    q,
    page,
    pageSize: 20,
  });
  const counts = list.data?.counts;
  const writable = can('registry.write');

  return (
    <>
      <ListPage
        title="光荣牌"
        subTitle="按户悬挂（国办发〔2018〕72号）：烈士遗属、因公牺牲军人遗属、病故军人遗属、现役军人家庭、退役军人家庭，每户一块。应挂名单由优抚对象信息自动计算。"
        filters={
          <>
            <Segmented<Filter>
              value={filter}
              onChange={(v) => filters.set({ status: v })}
              options={[
                {
                  value: 'due',
                  label: `应挂 ${counts?.due ?? ''}`,
                },
                { value: 'hung', label: `已挂 ${counts?.hung ?? ''}` },
                { value: 'withdrawn', label: `已收回 ${counts?.withdrawn ?? ''}` },
                { value: 'ineligible', label: `已挂但不再符合 ${counts?.ineligibleHung ?? ''}` },
                { value: 'all', label: '全部' },
              ]}
            />
            <RegionFilter filters={filters} />
            <FilterSearch filters={filters} name="q" placeholder="按户名查找" width={220} />
          </>
        }
      >
        <RegisterTable
          list={list}
          filters={filters}
          unit="户"
          empty="没有符合条件的家庭"
          rowKey="householdId"
          onRow={(p) => ({ onDoubleClick: () => setOpen(p.householdId) })}
          columns={[
            {
              title: '家庭户',
              key: 'name',
              render: (_, p) => (
                <Button type="link" size="small" onClick={() => setOpen(p.householdId)}>
                  {p.householdName}
                </Button>
              ),
            },
            { title: '社区', dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
            {
              title: '悬挂依据',
              key: 'reasons',
              render: (_, p) =>
                p.reasons.length ? (
                  p.reasons.map((r) => <Tag key={r}>{plaqueReasonLabels[r]}</Tag>)
                ) : (
                  <Tag color="red">已不符合条件</Tag>
                ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: PlaqueStatus) => <Tag color={statusColors[s]}>{plaqueStatusLabels[s]}</Tag>,
            },
            {
              title: '悬挂',
              key: 'hung',
              render: (_, p) => (p.hungOn ? `${p.hungOn} · ${p.hungBy ?? ''} · 家属 ${p.familySigner ?? '—'}` : '—'),
            },
            ...(writable
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, p: PlaqueItem) => (
                      <Space size={4} wrap>
                        {p.actions.map((a) => (
                          <Button key={a} size="small" onClick={() => setActing({ plaque: p, action: a })}>
                            {plaqueActionLabels[a]}
                          </Button>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </ListPage>
      {acting && <PlaqueActionModal {...acting} onClose={() => setActing(null)} />}
      <PlaqueDrawer householdId={open} onClose={() => setOpen(null)} />
    </>
  );
}

function PlaqueDrawer({ householdId, onClose }: { householdId: number | null; onClose: () => void }) {
  const detail = usePlaque(householdId);
  const d = detail.data;
  return (
    <Drawer
      open={householdId !== null}
      onClose={onClose}
      title={d ? `${d.householdName} · 光荣牌` : '光荣牌'}
      size="large"
    >
      {detail.isError && <QueryError error={detail.error} onRetry={() => detail.refetch()} />}
      {d && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">{plaqueStatusLabels[d.status]}</Descriptions.Item>
            <Descriptions.Item label="悬挂依据">
              {d.reasons.map((r) => plaqueReasonLabels[r]).join('、') || '已不符合条件'}
            </Descriptions.Item>
            <Descriptions.Item label="社区">{d.regionName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="地址">{d.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="家庭成员">
              {d.members.map((m) => `${m.name}${m.alive ? '' : '（已故）'}`).join('、')}
            </Descriptions.Item>
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>历次记录</h3>
          {d.events.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未悬挂" />
          ) : (
            <Timeline
              items={d.events.map((e) => ({
                key: e.id,
                children: (
                  <>
                    <strong>
                      {e.date} {plaqueActionLabels[e.action]}
                    </strong>
                    ：{plaqueStatusLabels[e.fromStatus]} → {plaqueStatusLabels[e.toStatus]}
                    {e.performedBy && `，经办 ${e.performedBy}`}
                    {e.familySigner && `，家属 ${e.familySigner} 签字${e.hasSignature ? '（手写）' : ''}`}
                    {e.reason && `，原因：${e.reason}`}
                    <div style={{ opacity: 0.6, fontSize: 12 }}>登记：{e.recordedByName ?? '—'}</div>
                  </>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
