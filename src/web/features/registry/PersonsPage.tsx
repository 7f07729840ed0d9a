import { Button, Card, Col, Empty, List, Row, Space, Table, Typography } from 'antd';
import { type HTMLAttributes, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PersonListItem } from '../../../shared/api/registry.api.ts';
import type { QueryParams } from '../../api/client.ts';
import { formatCount } from '../../components/format.ts';
import { AddButton } from '../../components/ListPage.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import {
  choices,
  FilterSearch,
  FilterSelect,
  type FilterSelectProps,
  RegionFilter,
} from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { ExportButton } from '../registry-import/ExportPanel.tsx';
import { useDictionary, usePersons } from './registry.queries.ts';
import { ageText, CategoryTags, dash, HukouTag, SituationTags, StatusTag, sexText } from './registry-ui.tsx';

const pageSize = 20;
const filterKeys = ['q', 'category', 'regionId', 'regionBasis', 'livingSituation', 'status', 'hukouLocal'] as const;
type FilterKey = (typeof filterKeys)[number];

function Residence({ p }: { p: PersonListItem }) {
  return (
    <span>
      {dash(p.residenceRegionName)}
      {p.hukouStreetName && p.hukouStreetName !== p.residenceStreetName && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          户籍：{p.hukouStreetName}
        </Typography.Text>
      )}
    </span>
  );
}

/** 对象名册: search by name (简/繁), pinyin, ID fragment or phone; filters; always within the user's scope. */
export function PersonsPage() {
  const filters = useUrlFilters(filterKeys);
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const can = useCan();
  const dictionary = useDictionary();
  const { page, values } = filters;
  const query = useMemo<QueryParams>(() => ({ ...values, page, pageSize }), [values, page]);
  const persons = usePersons(query);

  const filtered = filters.active(['status']);

  // The filters after the search box, in order; 街道 / 社区 is a region picker.
  const selects: Omit<FilterSelectProps<FilterKey>, 'filters'>[] = [
    {
      name: 'category',
      placeholder: '优抚类别',
      label: '优抚类别',
      options: (dictionary.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name })),
      popupMatchSelectWidth: false,
    },
    { name: 'regionId', options: [] },
    {
      name: 'regionBasis',
      label: '按户籍或居住地',
      fallback: 'any',
      options: choices({
        any: '户籍或居住在此',
        hukou: '按户籍地',
        residence: '按居住地',
        residenceOnly: '居住在此、户籍在外',
      }),
    },
    {
      name: 'livingSituation',
      placeholder: '生活状况',
      label: '生活状况',
      options: (dictionary.data?.livingSituations ?? []).map((s) => ({ value: s, label: s })),
    },
    {
      name: 'status',
      label: '在世状态',
      fallback: 'alive',
      options: choices({ alive: '在世', deceased: '已故', all: '全部（含已故）' }),
    },
    {
      name: 'hukouLocal',
      placeholder: '户籍',
      label: '户籍',
      options: choices({ yes: '本区户籍', no: '非本区户籍' }),
    },
  ];

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        filtered
          ? `没有符合条件的优抚对象。可换用拼音首字母（如 zs）、身份证号后 4 位${
              (values.status ?? 'alive') === 'alive' ? '，或把状态改为“全部（含已故）”' : ''
            }，或清除筛选条件后再试。`
          : '您的辖区内还没有登记优抚对象。'
      }
    />
  );

  // The phone list and the desktop table page alike.
  const loading = persons.isPending || persons.isPlaceholderData;
  const pagination = {
    current: page,
    pageSize,
    total: persons.data?.total ?? 0,
    showTotal: (n: number) => `共 ${formatCount(n)} 人`,
    onChange: (p: number) => filters.set({ page: p }),
  };

  return (
    <>
      <PageHeader
        title="对象名册"
        subTitle="本人辖区内的优抚对象。身份证号、电话在列表中一律脱敏显示。"
        extra={
          <Space wrap>
            <ExportButton
              filters={Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'page' && k !== 'pageSize'))}
            />
            {can('registry.write') && (
              <AddButton onClick={() => navigate('/registry/persons/new')}>登记优抚对象</AddButton>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 12 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} lg={8}>
            <FilterSearch
              filters={filters}
              name="q"
              placeholder="姓名、拼音首字母（如 zs）、证号后 4/6 位或电话"
              label="查询优抚对象"
              width="100%"
            />
          </Col>
          {selects.map((f) => (
            <Col key={f.name} xs={12} md={6} lg={4}>
              {f.name === 'regionId' ? (
                <RegionFilter filters={filters} placeholder="街道 / 社区" width="100%" />
              ) : (
                <FilterSelect filters={filters} style={{ width: '100%' }} {...f} />
              )}
            </Col>
          ))}
          {filtered && (
            <Col xs={24} md={6} lg={4}>
              <Button onClick={filters.clear}>清除筛选</Button>
            </Col>
          )}
        </Row>
      </Card>
      <Card>
        {persons.isError ? (
          <QueryError error={persons.error} onRetry={() => persons.refetch()} />
        ) : isMobile ? (
          <List<PersonListItem>
            loading={loading}
            dataSource={persons.data?.items ?? []}
            locale={{ emptyText: empty }}
            pagination={{ ...pagination, size: 'small' }}
            renderItem={(p) => (
              <List.Item>
                <Link to={`/registry/persons/${p.id}`} style={{ width: '100%', color: 'inherit' }}>
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap size={4}>
                      <PersonName name={p.name} strong />
                      <Typography.Text type="secondary">
                        {sexText(p.sex)} {ageText(p.birthDate)}
                      </Typography.Text>
                      {!p.alive && <StatusTag alive={p.alive} deathDate={p.deathDate} />}
                    </Space>
                    <Typography.Text className="sy-code">{p.idNumber}</Typography.Text>
                    <div>
                      <CategoryTags categories={p.categories} />
                      <SituationTags situations={p.livingSituations} />
                    </div>
                    <Typography.Text type="secondary">{dash(p.residenceRegionName)}</Typography.Text>
                  </Space>
                </Link>
              </List.Item>
            )}
          />
        ) : (
          <Table<PersonListItem>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={persons.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty }}
            onRow={(p) => ({ 'data-testid': `person-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
            pagination={{ ...pagination, showSizeChanger: false }}
            columns={[
              {
                title: '姓名',
                key: 'name',
                fixed: 'left',
                render: (_, p) => <PersonName name={p.name} id={p.id} />,
              },
              { title: '性别', dataIndex: 'sex', render: (s: 'M' | 'F') => sexText(s) },
              { title: '年龄', dataIndex: 'birthDate', render: (d: string) => ageText(d) },
              {
                title: '身份证号',
                dataIndex: 'idNumber',
                render: (v: string) => <span className="sy-code">{v}</span>,
              },
              { title: '优抚类别', key: 'categories', render: (_, p) => <CategoryTags categories={p.categories} /> },
              { title: '居住地', key: 'residence', render: (_, p) => <Residence p={p} /> },
              {
                title: '户籍',
                key: 'hukou',
                render: (_, p) => <HukouTag local={p.hukouLocal} />,
              },
              {
                title: '生活状况',
                dataIndex: 'livingSituations',
                render: (list: string[]) => (list.length ? <SituationTags situations={list} /> : '—'),
              },
              {
                title: '电话',
                dataIndex: 'phone',
                render: (v: string | null) => <span className="sy-code">{dash(v)}</span>,
              },
              { title: '状态', key: 'status', render: (_, p) => <StatusTag alive={p.alive} deathDate={p.deathDate} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
