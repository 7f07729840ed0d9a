import { CheckOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, InputNumber, Progress, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { confirmationResultLabels } from '../../../shared/api/registry.api.ts';
import { formatCount } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { FilterSearch, FilterSelect, RegionFilter } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { ConfirmationModal } from './PersonDialogs.tsx';
import { type ConfirmationList, useConfirmations } from './registry.queries.ts';
import { CategoryTags, dash } from './registry-ui.tsx';

const pageSize = 20;
type ConfirmationRow = ConfirmationList['items'][number];

/** 年度确认: who on periodic payments still needs this year's confirmation, and recording it person by person. */
export function ConfirmationsPage() {
  const filters = useUrlFilters(['year', 'status', 'q', 'regionId'], { status: 'pending' });
  const isMobile = useIsMobile();
  const can = useCan();
  const thisYear = new Date().getFullYear();
  const year = filters.id('year') ?? thisYear;
  const status = filters.values.status ?? 'all';
  const { page } = filters;
  const list = useConfirmations({
    year,
    status,
    q: filters.values.q,
    regionId: filters.id('regionId'),
    page,
    pageSize,
  });
  const [confirming, setConfirming] = useState<ConfirmationRow | null>(null);
  const counts = list.data?.counts;
  return (
    <>
      <PageHeader title="年度确认" subTitle="享受定期抚恤补助的优抚对象，每年确认一次是否继续发放。" />
      <Card style={{ marginBottom: 12 }}>
        <Row gutter={[12, 12]} align="middle">
          <Col xs={12} md={4}>
            <InputNumber
              aria-label="年度"
              min={2000}
              max={thisYear}
              value={year}
              onChange={(v) => filters.set({ year: v === thisYear ? null : v })}
              addonAfter="年度"
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={4}>
            <FilterSelect
              filters={filters}
              name="status"
              label="确认状态"
              fallback="all"
              style={{ width: '100%' }}
              options={[
                { value: 'pending', label: '待确认' },
                { value: 'done', label: '已确认' },
                { value: 'all', label: '全部' },
              ]}
            />
          </Col>
          <Col xs={24} md={6}>
            <RegionFilter filters={filters} placeholder="街道 / 社区" width="100%" />
          </Col>
          <Col xs={24} md={6}>
            <FilterSearch filters={filters} name="q" placeholder="姓名、拼音首字母或证号后 4 位" width="100%" />
          </Col>
          {counts && counts.total > 0 && (
            <Col xs={24} md={4}>
              <Progress
                percent={Math.round((counts.done / counts.total) * 100)}
                format={() => `${counts.done}/${counts.total}`}
                size="small"
              />
            </Col>
          )}
        </Row>
      </Card>
      <Card>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ConfirmationRow>
            rowKey={(r) => r.person.id}
            size={isMobile ? 'small' : 'middle'}
            loading={list.isPending || list.isPlaceholderData}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={status === 'pending' ? `${year} 年度已全部确认，或没有需要确认的人员` : '没有记录'}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => `共 ${formatCount(n)} 人`,
              onChange: (p) => filters.set({ page: p }),
            }}
            columns={[
              { title: '姓名', key: 'name', render: (_, r) => <PersonName name={r.person.name} id={r.person.id} /> },
              { title: '身份证号', key: 'id', render: (_, r) => <span className="sy-code">{r.person.idNumber}</span> },
              {
                title: '优抚类别',
                key: 'categories',
                render: (_, r) => <CategoryTags categories={r.person.categories} />,
              },
              { title: '居住地', key: 'residence', render: (_, r) => dash(r.person.residenceRegionName) },
              {
                title: `${year} 年度`,
                key: 'confirmation',
                render: (_, r) =>
                  r.confirmation ? (
                    <Tag color={r.confirmation.result === 'confirmed' ? 'success' : 'warning'}>
                      {confirmationResultLabels[r.confirmation.result]}（{r.confirmation.confirmedOn}）
                    </Tag>
                  ) : (
                    <Tag color="default">待确认</Tag>
                  ),
              },
              { title: '状态', key: 'alive', render: (_, r) => (r.person.alive ? '在世' : <Tag>已故</Tag>) },
              ...(can('registry.write')
                ? [
                    {
                      title: '操作',
                      key: 'action',
                      render: (_: unknown, r: ConfirmationRow) => (
                        <Button size="small" icon={<CheckOutlined />} onClick={() => setConfirming(r)}>
                          {r.confirmation ? '更正' : '确认'}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {confirming && (
        <ConfirmationModal
          personId={confirming.person.id}
          personName={confirming.person.name}
          year={year}
          alive={confirming.person.alive}
          onClose={() => setConfirming(null)}
        />
      )}
    </>
  );
}
