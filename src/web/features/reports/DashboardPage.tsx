import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { DashboardPanel } from '../../../shared/api/reports.api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { useCampaigns } from '../campaigns/campaigns.queries.ts';
import { PanelCard } from './PanelCard.tsx';
import { useDashboard, useReportCatalogue } from './reports.queries.ts';

const filterKeys = ['regionId', 'year', 'campaignId'] as const;
const wide = new Set<DashboardPanel['key']>(['overview']);

/** Years to offer: those with data (newest first), always including this year. */
export function yearOptions(years: readonly number[], now = new Date()): { value: number; label: string }[] {
  const all = [...new Set([now.getFullYear(), ...years])].sort((a, b) => b - a);
  return all.map((y) => ({ value: y, label: `${y}年` }));
}

/** 统计分析: the panels of the viewer's role and scope; a click on a bar opens the list behind it. */
export function DashboardPage() {
  const can = useCan();
  const filters = useUrlFilters(filterKeys);
  const { values } = filters;
  const dashboard = useDashboard(values);
  const catalogue = useReportCatalogue();
  const campaigns = useCampaigns();
  const data = dashboard.data;
  const year = data?.scope.year ?? (Number(values.year) || new Date().getFullYear());
  const hasCampaignPanels = data?.panels.some((p) => p.key.startsWith('campaign')) ?? false;
  const campaignOptions = (campaigns.data?.items ?? [])
    .filter((c) => c.status !== 'draft')
    .map((c) => ({ value: c.id, label: c.name }));
  const regions = [
    ...(catalogue.data
      ? [catalogue.data.region]
      : data
        ? [{ id: data.scope.regionId, name: data.scope.regionName }]
        : []),
    ...(data?.regions ?? catalogue.data?.regions ?? []),
  ].filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i);

  const reportLink = (panel: DashboardPanel) =>
    panel.reportKey ? (
      <Link
        to={`/reports/tables?${new URLSearchParams({
          report: panel.reportKey,
          year: String(year),
          ...(values.regionId ? { regionId: values.regionId } : {}),
        }).toString()}`}
        style={{ marginRight: 12, fontSize: 13 }}
      >
        报表
      </Link>
    ) : null;

  return (
    <>
      <PageHeader
        title="统计分析"
        subTitle={
          data
            ? `${data.scope.regionName} · ${data.scope.periodLabel}${
                data.scope.campaign ? ` · ${data.scope.campaign.name}` : ''
              } · 在册数据截至 ${data.scope.asOf}`
            : '本人数据范围内的统计图表，点击图形可查看对应名单。'
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => dashboard.refetch()} loading={dashboard.isFetching}>
            刷新
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            style={{ minWidth: 160 }}
            aria-label="统计区域"
            data-testid="dashboard-region"
            value={values.regionId ? Number(values.regionId) : (catalogue.data?.region.id ?? data?.scope.regionId)}
            onChange={(v) => filters.set({ regionId: v === catalogue.data?.region.id ? null : v })}
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
            loading={catalogue.isPending && dashboard.isPending}
          />
          <Select
            style={{ width: 110 }}
            aria-label="年度"
            value={year}
            onChange={(v) => filters.set({ year: v, campaignId: null })}
            options={yearOptions(catalogue.data?.years ?? [])}
          />
          {hasCampaignPanels && can('campaign.read') && campaignOptions.length > 0 && (
            <Select
              allowClear
              style={{ minWidth: 220 }}
              aria-label="慰问活动"
              placeholder={`${year}年的慰问活动`}
              value={values.campaignId ? Number(values.campaignId) : undefined}
              onChange={(v) => filters.set({ campaignId: v })}
              options={campaignOptions}
            />
          )}
        </Space>
      </Card>
      {dashboard.isError ? (
        <QueryError title="统计数据加载失败" error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : !data ? (
        <Row gutter={[16, 16]}>
          {[0, 1, 2, 3].map((i) => (
            <Col xs={24} xl={12} key={i}>
              <Card>
                <Skeleton active paragraph={{ rows: 6 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : data.panels.length === 0 ? (
        <Card>
          <Empty description="您的角色在此范围内没有可显示的统计。如需查看，请联系双拥办开通相应权限。" />
        </Card>
      ) : (
        <>
          {data.panels.every((p) => p.empty || p.rows.length === 0) && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${data.scope.regionName}${data.scope.periodLabel}暂无统计数据`}
              description="登记优抚对象、生成慰问名单或录入部队诉求、双拥活动后，这里会自动出现图表；也可以换一个年度或区域看看。"
            />
          )}
          <Row gutter={[16, 16]} data-testid="dashboard">
            {data.panels.map((panel) => (
              <Col key={panel.key} xs={24} xl={wide.has(panel.key) ? 24 : 12}>
                <PanelCard panel={panel} extra={reportLink(panel)} />
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
            统计均在您的数据范围内计算；名单类数字点击即可打开对应的筛选列表。
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
