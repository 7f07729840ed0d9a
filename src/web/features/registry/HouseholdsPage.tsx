import { Empty, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { HouseholdItem } from '../../../shared/api/registry.api.ts';
import { formatCount } from '../../components/format.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { FilterSearch, RegionFilter } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { HouseholdFormModal } from './HouseholdFormModal.tsx';
import { useHouseholds } from './registry.queries.ts';
import { dash } from './registry-ui.tsx';

const pageSize = 20;

/** 家庭户: households of the user's scope, searched by name, with their member counts. */
export function HouseholdsPage() {
  const filters = useUrlFilters(['q', 'regionId']);
  const isMobile = useIsMobile();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const { page } = filters;
  const q = filters.values.q ?? '';
  const households = useHouseholds({ q: q || undefined, regionId: filters.id('regionId'), page, pageSize });
  return (
    <>
      <ListPage
        title="家庭户"
        subTitle="按家庭户归集优抚对象；光荣牌和部分慰问品按户计算。"
        extra={can('registry.write') && <AddButton onClick={() => setCreating(true)}>新建家庭户</AddButton>}
        filters={
          <>
            <FilterSearch filters={filters} name="q" placeholder="户名开头，如“张三”" width={300} />
            <RegionFilter filters={filters} placeholder="街道 / 社区" width={220} />
          </>
        }
      >
        {households.isError ? (
          <QueryError error={households.error} onRetry={() => households.refetch()} />
        ) : (
          <Table<HouseholdItem>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={households.isPending || households.isPlaceholderData}
            dataSource={households.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={q ? `没有户名以“${q}”开头的家庭户` : '暂无家庭户'}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: households.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => `共 ${formatCount(n)} 户`,
              onChange: (p) => filters.set({ page: p }),
            }}
            columns={[
              {
                title: '户名',
                dataIndex: 'name',
                render: (name: string, h) => (
                  <Link to={`/registry/households/${h.id}`}>
                    <span data-script-skip="">{name}</span>
                  </Link>
                ),
              },
              { title: '所在社区', dataIndex: 'regionName', render: dash },
              { title: '地址', dataIndex: 'address', render: dash },
              { title: '成员', dataIndex: 'memberCount', render: (n: number) => `${n} 人` },
            ]}
          />
        )}
      </ListPage>
      {creating && <HouseholdFormModal household={null} onClose={() => setCreating(false)} />}
    </>
  );
}
