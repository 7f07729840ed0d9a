import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Row,
  Skeleton,
  Table,
  Tag,
  Tree,
  type TreeDataNode,
} from 'antd';
import { useMemo, useState } from 'react';
import type { RegionItem } from '../../api/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { buildRegionTree, type RegionNode, regionLevelLabel } from '../../components/region-tree.ts';
import { useCan, useMe } from '../auth/auth.queries.ts';
import { useRegions, useUnits } from './org.queries.ts';
import { RegionFormModal } from './RegionFormModal.tsx';
import { UnitNameCell } from './UnitNameCell.tsx';

const levelColors: Record<RegionItem['level'], string> = {
  province: 'purple',
  city: 'magenta',
  district: 'red',
  street: 'blue',
  town: 'cyan',
  community: 'green',
  village: 'lime',
};

function RegionTitle({ region }: { region: RegionItem }) {
  return (
    <span>
      {region.name} <span className="sy-code">{region.code}</span>{' '}
      <Tag color={levelColors[region.level]} style={{ marginInlineStart: 4 }}>
        {regionLevelLabel(region.level)}
      </Tag>
    </span>
  );
}

/** Keeps the nodes that match (name or code) and the path down to them. */
function filterTree(nodes: RegionNode[], text: string): RegionNode[] {
  if (!text) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, text);
    const hit = n.region.name.includes(text) || n.region.code.startsWith(text);
    return hit || children.length > 0
      ? [{ region: n.region, children: hit && children.length === 0 ? n.children : children }]
      : [];
  });
}

function toTreeData(nodes: RegionNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.region.id,
    title: <RegionTitle region={n.region} />,
    children: toTreeData(n.children),
  }));
}

/** 行政区划: the region tree with 统计用区划代码, and a selected region's children and units. */
export function RegionsPage() {
  const can = useCan();
  const me = useMe();
  const regions = useRegions();
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [creatingUnder, setCreatingUnder] = useState<RegionItem | null>(null);

  const tree = useMemo(() => buildRegionTree(regions.data ?? []), [regions.data]);
  const filtered = useMemo(() => filterTree(tree, search.trim()), [tree, search]);
  const treeData = useMemo(() => toTreeData(filtered), [filtered]);
  const byId = useMemo(() => new Map((regions.data ?? []).map((r) => [r.id, r])), [regions.data]);
  // Until the user picks one: their own region, else the top of the tree.
  const selected =
    (selectedId !== null ? byId.get(selectedId) : undefined) ??
    (me.region ? byId.get(me.region.id) : undefined) ??
    tree[0]?.region;
  // Top two levels open by default; everything open while searching.
  const defaultExpanded = useMemo(
    () => tree.flatMap((n) => [n.region.id, ...n.children.map((c) => c.region.id)]),
    [tree],
  );

  return (
    <>
      <PageHeader
        title="行政区划"
        subTitle="市 → 区 → 街道/镇 → 社区/村，附国家统计局统计用区划代码。仅显示您的数据范围及其上级。"
      />
      {regions.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : regions.isError ? (
        <QueryError error={regions.error} onRetry={() => regions.refetch()} />
      ) : tree.length === 0 ? (
        <Card>
          <Empty description="暂无区划数据。请联系系统管理员初始化本地区的区划。" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title={`区划树（${regions.data.length} 个）`}>
              <Input.Search
                allowClear
                placeholder="按名称或代码查找"
                onSearch={setSearch}
                onChange={(e) => !e.target.value && setSearch('')}
                style={{ marginBottom: 12 }}
              />
              {treeData.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的区划" />
              ) : (
                <div style={{ overflowX: 'auto' }}>
                  <Tree
                    key={search ? `search-${search}` : 'all'}
                    className="sy-region-tree"
                    treeData={treeData}
                    defaultExpandAll={Boolean(search)}
                    defaultExpandedKeys={search ? undefined : defaultExpanded}
                    selectedKeys={selected ? [selected.id] : []}
                    onSelect={(keys) => keys[0] !== undefined && setSelectedId(Number(keys[0]))}
                    showLine
                    blockNode
                  />
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            {selected && (
              <RegionDetail
                region={selected}
                parent={selected.parentId === null ? undefined : byId.get(selected.parentId)}
                subRegions={(regions.data ?? []).filter((r) => r.parentId === selected.id)}
                onSelect={setSelectedId}
                onCreate={can('regions.manage') ? () => setCreatingUnder(selected) : undefined}
              />
            )}
          </Col>
        </Row>
      )}
      {creatingUnder && (
        <RegionFormModal
          parent={creatingUnder}
          onClose={() => setCreatingUnder(null)}
          onCreated={(created) => setSelectedId(created.id)}
        />
      )}
    </>
  );
}

function RegionDetail({
  region,
  parent,
  subRegions,
  onSelect,
  onCreate,
}: {
  region: RegionItem;
  parent: RegionItem | undefined;
  subRegions: RegionItem[];
  onSelect: (id: number) => void;
  onCreate: (() => void) | undefined;
}) {
  const can = useCan();
  const units = useUnits(undefined, can('units.read'));
  const unitsHere = (units.data ?? []).filter((u) => u.regionId === region.id);
  return (
    <Card
      title={<RegionTitle region={region} />}
      extra={
        onCreate && (
          <Button size="small" icon={<PlusOutlined />} onClick={onCreate}>
            新增下级区划
          </Button>
        )
      }
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="名称">{region.name}</Descriptions.Item>
        <Descriptions.Item label="区划代码">
          <span className="sy-code">{region.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label="层级">{regionLevelLabel(region.level)}</Descriptions.Item>
        <Descriptions.Item label="上级">{parent ? `${parent.name}（${parent.code}）` : '—'}</Descriptions.Item>
      </Descriptions>
      <Table<RegionItem>
        size="small"
        rowKey="id"
        title={() => `下级区划（${subRegions.length}）`}
        dataSource={[...subRegions].sort((a, b) => a.code.localeCompare(b.code))}
        pagination={subRegions.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有下级区划' }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (name: string, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onSelect(r.id)}>
                {name}
              </Button>
            ),
          },
          { title: '区划代码', dataIndex: 'code', render: (code: string) => <span className="sy-code">{code}</span> },
          { title: '层级', dataIndex: 'level', render: (level: RegionItem['level']) => regionLevelLabel(level) },
        ]}
      />
      {can('units.read') && (
        <Table
          size="small"
          rowKey="id"
          style={{ marginTop: 16 }}
          title={() => `本区划的单位（${unitsHere.length}）`}
          loading={units.isPending}
          dataSource={unitsHere}
          pagination={unitsHere.length > 10 ? { pageSize: 10, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: units.isError ? '单位加载失败，请刷新重试' : '本区划下没有登记单位' }}
          columns={[{ title: '单位', key: 'name', render: (_, u) => <UnitNameCell unit={u} /> }]}
        />
      )}
    </Card>
  );
}
