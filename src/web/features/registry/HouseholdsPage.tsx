import { Card, Col, Empty, Input, Row, Table } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { HouseholdItem } from '../../../shared/api/registry.api.ts';
import { formatCount } from '../../components/format.ts';
import { AddButton } from '../../components/ListPage.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useCan } from '../auth/auth.queries.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { HouseholdFormModal } from './HouseholdFormModal.tsx';
import { useHouseholds } from './registry.queries.ts';
import { dash } from './registry-ui.tsx';

const pageSize = 20;

/** 家庭户: households of the user's scope, searched by name, with their member counts. */
export function HouseholdsPage() {
  const [params, setParams] = useSearchParams();
  const isMobile = useIsMobile();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? '';
  const regionId = params.get('regionId') ? Number(params.get('regionId')) : undefined;
  const households = useHouseholds({ q: q || undefined, regionId, page, pageSize });
  const set = (key: 'q' | 'regionId' | 'page', value: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="家庭户"
        subTitle="按家庭户归集优抚对象；光荣牌和部分慰问品按户计算。"
        extra={can('registry.write') && <AddButton onClick={() => setCreating(true)}>新建家庭户</AddButton>}
      />
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={10} lg={8}>
            <Input.Search
              key={q}
              defaultValue={q}
              allowClear
              enterButton="查询"
              placeholder="户名开头，如“张三”"
              onSearch={(v) => set('q', v.trim())}
            />
          </Col>
          <Col xs={24} md={8} lg={6}>
            <RegionSelect placeholder="街道 / 社区" value={regionId ?? null} onChange={(v) => set('regionId', v)} />
          </Col>
        </Row>
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
              onChange: (p) => set('page', p),
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
      </Card>
      {creating && <HouseholdFormModal household={null} onClose={() => setCreating(false)} />}
    </>
  );
}
