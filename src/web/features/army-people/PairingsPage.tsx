import { Badge, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PairingListItem } from '../../../shared/api/army-people.api.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { PagedTable, pageSize } from '../../components/PagedTable.tsx';
import { FilterSearch, FilterSelect, FilterSwitch } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useLookupList } from '../troops/troops.queries.ts';
import { ProgrammeFilter, ProgrammeTags, UnitLabel } from '../troops/troops-ui.tsx';
import { usePairings } from './army-people.queries.ts';
import { PairingFormModal } from './PairingFormModal.tsx';

const filterKeys = ['q', 'category', 'programmeId', 'militaryUnitId', 'overdue', 'active'] as const;

/** When the next contact is due, with a badge once it is late. */
export function DueCell({ p }: { p: Pick<PairingListItem, 'active' | 'nextDueOn' | 'overdue' | 'daysOverdue'> }) {
  if (!p.active || !p.nextDueOn) return <span className="sy-code">已结束</span>;
  if (p.overdue)
    return (
      <Badge
        status="error"
        text={
          <span style={{ color: '#cf1322' }}>
            逾期 {p.daysOverdue} 天（{p.nextDueOn}）
          </span>
        }
      />
    );
  return <Badge status="success" text={p.nextDueOn} />;
}

/** 结对帮扶: the pairings in view, late ones first. */
export function PairingsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const mayKeep = me.role === 'troop' || me.role === 'office' || me.role === 'admin';
  const [creating, setCreating] = useState(false);
  const filters = useUrlFilters(filterKeys);
  const overdueOnly = filters.values.overdue === 'true';
  const categories = useLookupList('pairing_category');
  const list = usePairings({
    overdue: overdueOnly ? 'true' : undefined,
    category: filters.values.category,
    programmeId: filters.id('programmeId'),
    militaryUnitId: filters.id('militaryUnitId'),
    active: filters.values.active,
    q: filters.values.q,
    page: filters.page,
    pageSize,
  });
  const overdue = usePairings({ overdue: 'true', page: 1, pageSize: 1 });

  return (
    <>
      <ListPage
        title="结对帮扶"
        subTitle="驻区部队与孤老、独居老人、困境儿童、贫困学生家庭等结对：按计划频次联系，逾期未联系的会标出。"
        extra={mayKeep && <AddButton onClick={() => setCreating(true)}>登记结对</AddButton>}
        filters={
          <>
            <FilterSearch filters={filters} name="q" placeholder="结对对象姓名" width={200} />
            <FilterSelect
              filters={filters}
              name="category"
              placeholder="全部类别"
              options={categories.options}
              style={{ width: 150 }}
            />
            <ProgrammeFilter filters={filters} width={170} />
            <FilterSwitch filters={filters} name="overdue">
              只看逾期未联系
              {(overdue.data?.total ?? 0) > 0 && <Tag color="red">{overdue.data?.total}</Tag>}
            </FilterSwitch>
          </>
        }
      >
        <PagedTable<PairingListItem>
          list={list}
          filters={filters}
          unit="对"
          empty={
            overdueOnly
              ? '没有逾期未联系的结对，继续保持。'
              : mayKeep
                ? '还没有结对。点“登记结对”开始。'
                : '您的范围内还没有结对。'
          }
          mobileWidth={820}
          rowClassName={(p) => (p.overdue ? 'sy-row-overdue' : '')}
          onRow={(p) => ({ onDoubleClick: () => navigate(`/army-people/pairings/${p.id}`) })}
          columns={[
            {
              title: '结对对象',
              render: (_, p) => (
                <div>
                  <Link to={`/army-people/pairings/${p.id}`}>{p.beneficiaryName}</Link>
                  <div>
                    <Tag>{p.categoryName}</Tag>
                    <ProgrammeTags ids={p.programmeIds} />
                  </div>
                </div>
              ),
            },
            { title: '部队', width: 180, render: (_, p) => <UnitLabel unit={p.militaryUnit} compact /> },
            { title: '所在区域', width: 120, render: (_, p) => p.regionName ?? '—' },
            { title: '频次', width: 80, render: (_, p) => `${p.cadenceDays} 天` },
            {
              title: '上次联系',
              width: 110,
              render: (_, p) => p.lastContactOn ?? <span className="sy-code">尚未联系</span>,
            },
            { title: '下次应联系', width: 200, render: (_, p) => <DueCell p={p} /> },
            { title: '帮扶次数', width: 90, dataIndex: 'contactCount' },
          ]}
        />
      </ListPage>
      {creating && (
        <PairingFormModal
          pairing={null}
          onClose={() => setCreating(false)}
          onSaved={(p) => navigate(`/army-people/pairings/${p.id}`)}
        />
      )}
    </>
  );
}
