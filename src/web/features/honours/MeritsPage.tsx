import { Button, Segmented, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { MeritItem } from '../../../shared/api/honours.api.ts';
import { type MeritDueState, meritAwardLabels, meritDueStateLabels } from '../../../shared/domain/honours/honours.ts';
import { formatYuan } from '../../../shared/domain/money.ts';
import { LinkedFilters } from '../../components/LinkedFilters.tsx';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { RegionFilter } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { useMerits } from './honours.queries.ts';
import { RegisterTable } from './honours-ui.tsx';
import { CreateMeritModal, DeliverMeritModal } from './MeritModals.tsx';

type State = 'open' | 'overdue' | 'delivered' | 'all';
const dueColors: Record<MeritDueState, string> = {
  pending: 'blue',
  dueToday: 'orange',
  overdue: 'red',
  deliveredOnTime: 'green',
  deliveredLate: 'volcano',
};

/** 立功喜报登记簿: registered on arrival, delivered to the family within two working days. */
export function MeritsPage() {
  const can = useCan();
  const filters = useUrlFilters(['state', 'regionId', 'from', 'to'], { state: 'open' });
  const state = (filters.values.state ?? 'all') as State;
  const { from, to } = filters.values;
  const regionId = filters.id('regionId') ?? null;
  const page = filters.page;
  const [creating, setCreating] = useState(false);
  const [delivering, setDelivering] = useState<MeritItem | null>(null);
  const list = useMerits({ state: state === 'all' ? undefined : state, regionId, from, to, page, pageSize: 20 });
  const counts = list.data?.counts;
  const writable = can('registry.write');

  return (
    <>
      <ListPage
        title="立功喜报"
        subTitle="收到喜报后 2 个工作日内送达家属（节假日、调休按国务院安排计算）。军人姓名、所在部队和事迹属保密信息，仅有权限的人员可见。"
        extra={writable && <AddButton onClick={() => setCreating(true)}>登记喜报</AddButton>}
        filters={
          <>
            <Segmented<State>
              value={state}
              onChange={(v) => filters.set({ state: v })}
              options={[
                { value: 'open', label: `待送达 ${counts?.open ?? ''}` },
                { value: 'overdue', label: `已逾期 ${counts?.overdue ?? ''}` },
                { value: 'delivered', label: `已送达 ${counts?.delivered ?? ''}` },
                { value: 'all', label: '全部' },
              ]}
            />
            <RegionFilter filters={filters} />
            <LinkedFilters filters={filters} labels={{ from: '登记日期', to: '登记日期' }} />
          </>
        }
      >
        <RegisterTable
          list={list}
          filters={filters}
          unit="份"
          empty="没有喜报"
          rowKey="id"
          columns={[
            {
              title: '奖励',
              key: 'award',
              render: (_, m) => (m.award === 'honorary_title' ? m.honoraryTitle : meritAwardLabels[m.award]),
            },
            {
              title: '立功军人',
              key: 'serviceman',
              render: (_, m) => (
                <>
                  {m.servicemanName}
                  {m.masked && (
                    <Tooltip title="安全保密：您无权查看军人全名和部队番号">
                      <Tag style={{ marginLeft: 4 }}>保密</Tag>
                    </Tooltip>
                  )}
                </>
              ),
            },
            {
              title: '部队',
              key: 'unit',
              render: (_, m) => (m.militaryUnit ? (m.militaryUnit.designation ?? m.militaryUnit.name) : '—'),
            },
            {
              title: '家属',
              key: 'family',
              render: (_, m) =>
                `${m.family.name}${m.family.relation ? `（${m.family.relation}）` : ''} · ${m.family.regionName ?? '—'}`,
            },
            { title: '收到', dataIndex: 'receivedOn' },
            {
              title: '送达期限',
              key: 'due',
              render: (_, m) => (
                <>
                  {m.dueOn} <Tag color={dueColors[m.dueState]}>{meritDueStateLabels[m.dueState]}</Tag>
                </>
              ),
            },
            {
              title: '送达',
              key: 'delivered',
              render: (_, m) =>
                m.deliveredOn
                  ? `${m.deliveredOn} · ${m.deliveredBy ?? ''}${m.rewardCents ? ` · 奖励金 ${formatYuan(m.rewardCents)} 元` : ''}`
                  : '—',
            },
            ...(writable
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, m: MeritItem) =>
                      m.deliveredOn ? null : (
                        <Button size="small" onClick={() => setDelivering(m)}>
                          登记送达
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </ListPage>
      {creating && <CreateMeritModal onClose={() => setCreating(false)} />}
      {delivering && <DeliverMeritModal merit={delivering} onClose={() => setDelivering(null)} />}
    </>
  );
}
