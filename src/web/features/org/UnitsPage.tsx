import { EditOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { type UnitKind, unitKindLabels, unitKinds } from '../../../shared/api/units.api.ts';
import type { UnitItem } from '../../api/types.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { choices, FilterSearch, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { useUnits } from './org.queries.ts';
import { UnitFormModal } from './UnitFormModal.tsx';
import { UnitNameCell } from './UnitNameCell.tsx';

const kindColors: Record<UnitKind, string> = {
  office: 'red',
  department: 'blue',
  street_office: 'geekblue',
  service_station: 'cyan',
  enterprise: 'gold',
  social_org: 'purple',
  volunteer_team: 'green',
  military: 'volcano',
};

/** The capability that lets the user create or edit units of a kind. */
export const manageCapability = (kind: UnitKind) => (kind === 'military' ? 'militaryUnits.manage' : 'units.manage');

interface UnitsPageProps {
  /** Shows only this kind (the 驻区部队 page), without the kind filter. */
  fixedKind?: UnitKind;
  title?: string;
  subTitle?: string;
}

/** 单位名录: org units filterable by kind; military units show the 番号 only to cleared roles. */
export function UnitsPage({
  fixedKind,
  title = '单位名录',
  subTitle = '政府部门、街道/镇、退役军人服务站、企业、社会组织、志愿服务队和驻区部队。',
}: UnitsPageProps) {
  const can = useCan();
  const isMobile = useIsMobile();
  const filters = useUrlFilters(['kind', 'q']);
  const kindFilter = filters.values.kind as UnitKind | undefined;
  const q = filters.values.q ?? '';
  const [editing, setEditing] = useState<UnitItem | 'new' | null>(null);
  const kind = fixedKind ?? kindFilter;
  const units = useUnits(kind);

  const manageableKinds = unitKinds.filter((k) => can(manageCapability(k)) && (!fixedKind || k === fixedKind));
  const rows = useMemo(() => {
    if (!q) return units.data ?? [];
    return (units.data ?? []).filter(
      (u) =>
        u.name.includes(q) ||
        (u.designation ?? '').includes(q) ||
        (u.regionName ?? '').includes(q) ||
        (u.contactName ?? '').includes(q),
    );
  }, [units.data, q]);

  return (
    <>
      <ListPage
        title={title}
        subTitle={subTitle}
        extra={
          manageableKinds.length > 0 && (
            <AddButton onClick={() => setEditing('new')}>
              新增{fixedKind ? unitKindLabels[fixedKind] : '单位'}
            </AddButton>
          )
        }
        filters={
          <>
            {!fixedKind && (
              <FilterSelect
                filters={filters}
                name="kind"
                fallback="all"
                label="按类别筛选"
                options={[{ value: 'all', label: '全部类别' }, ...choices(unitKindLabels)]}
                style={{ width: isMobile ? '100%' : 200 }}
              />
            )}
            <FilterSearch filters={filters} name="q" placeholder="按名称、区划、联系人查找" width={280} />
          </>
        }
      >
        {units.isError ? (
          <QueryError error={units.error} onRetry={() => units.refetch()} />
        ) : (
          <Table<UnitItem>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={units.isPending}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: filters.page,
              onChange: (page) => filters.set({ page }),
              pageSize: 20,
              showSizeChanger: false,
              showTotal: (n) => `共 ${n} 个单位`,
              hideOnSinglePage: true,
            }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={q || kind ? '没有符合条件的单位' : '尚未登记单位'}
                />
              ),
            }}
            columns={[
              {
                title: '名称',
                key: 'name',
                render: (_, u) => <UnitNameCell unit={u} />,
                fixed: isMobile ? undefined : 'left',
              },
              ...(fixedKind
                ? []
                : [
                    {
                      title: '类别',
                      dataIndex: 'kind',
                      render: (k: UnitKind) => <Tag color={kindColors[k]}>{unitKindLabels[k]}</Tag>,
                    },
                  ]),
              { title: '所在区划', dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
              { title: '联系人', dataIndex: 'contactName', render: (v: string | null) => v ?? '—' },
              { title: '联系电话', dataIndex: 'contactPhone', render: (v: string | null) => v ?? '—' },
              { title: '地址', dataIndex: 'address', render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                dataIndex: 'active',
                render: (active: boolean) => (active ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
              },
              ...(manageableKinds.length > 0
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, u: UnitItem) =>
                        can(manageCapability(u.kind)) ? (
                          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                            编辑
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </ListPage>
      {editing && (
        <UnitFormModal
          unit={editing === 'new' ? null : editing}
          kinds={manageableKinds}
          defaultKind={fixedKind ?? kindFilter}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
