import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { type ReportKey, reportKeys, reportTitles } from '../../../shared/api/reports.api.ts';
import type { QueryParams } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCampaigns } from '../campaigns/campaigns.queries.ts';
import { downloadFile } from '../registry-import/registry-import.queries.ts';
import { yearOptions } from './DashboardPage.tsx';
import { ReportTableView } from './ReportTableView.tsx';
import { useReport, useReportCatalogue } from './reports.queries.ts';

const filterKeys = ['report', 'regionId', 'year', 'month', 'campaignId', 'compare'] as const;
const months = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));
const isReportKey = (k: string | undefined): k is ReportKey => reportKeys.includes(k as ReportKey);

/** A download button that shows it is working and says what went wrong. */
function DownloadButton({
  url,
  name,
  icon,
  label,
  testId,
}: Record<'url' | 'name' | 'label' | 'testId', string> & { icon: React.ReactNode }) {
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={icon}
      loading={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        downloadFile(url, name)
          .catch((e) => feedback.error(e))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}

/** 统计报表: pick a report, the region, the year (or month, or campaign), compare with last year; download or print. */
export function ReportsPage() {
  const filters = useUrlFilters(filterKeys);
  const { values } = filters;
  const catalogue = useReportCatalogue();
  const campaigns = useCampaigns();
  const items = catalogue.data?.items ?? [];
  const info = items.find((i) => i.key === values.report) ?? items[0];
  const key = isReportKey(info?.key) ? info.key : undefined;
  const applies = (p: string) => info?.params.includes(p as never) ?? false;
  const query: QueryParams = {
    regionId: values.regionId,
    year: values.year,
    month: applies('month') ? values.month : undefined,
    campaignId: applies('campaignId') ? values.campaignId : undefined,
    compare: applies('compare') && values.compare === 'true' ? 'true' : undefined,
  };
  const report = useReport(key, query);
  const data = report.data;
  const regions = catalogue.data ? [catalogue.data.region, ...catalogue.data.regions] : [];
  const year = data?.scope.year ?? (Number(values.year) || new Date().getFullYear());
  const fileBase = data ? `${data.heading.regionName}${data.heading.periodLabel}${data.title}` : '报表';

  return (
    <>
      <PageHeader
        title="统计报表"
        subTitle="按区域汇总的统计表，可与去年同期比较；下载的 xlsx 和 PDF 带打印人、打印时间水印。"
        extra={
          data && (
            <Space wrap>
              <DownloadButton
                url={data.downloads.xlsx}
                name={`${fileBase}.xlsx`}
                icon={<DownloadOutlined />}
                label="下载 xlsx"
                testId="report-xlsx"
              />
              <DownloadButton
                url={data.downloads.pdf}
                name={`${fileBase}.pdf`}
                icon={<PrinterOutlined />}
                label="打印 PDF"
                testId="report-pdf"
              />
            </Space>
          )
        }
      />
      {catalogue.isError && <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={12} lg={7}>
            <Select
              style={{ width: '100%' }}
              aria-label="报表"
              data-testid="report-select"
              loading={catalogue.isPending}
              value={key}
              onChange={(v) => filters.set({ report: v })}
              options={items.map((i) => ({ value: i.key, label: i.title || reportTitles[i.key] }))}
            />
          </Col>
          <Col xs={12} md={6} lg={4}>
            <Select
              style={{ width: '100%' }}
              aria-label="区域"
              value={values.regionId ? Number(values.regionId) : catalogue.data?.region.id}
              onChange={(v) => filters.set({ regionId: v === catalogue.data?.region.id ? null : v })}
              options={regions.map((r) => ({ value: r.id, label: r.name }))}
            />
          </Col>
          <Col xs={12} md={6} lg={3}>
            <Select
              style={{ width: '100%' }}
              aria-label="年度"
              value={year}
              onChange={(v) => filters.set({ year: v, campaignId: null })}
              options={yearOptions(catalogue.data?.years ?? [])}
            />
          </Col>
          {applies('month') && (
            <Col xs={12} md={6} lg={3}>
              <Select
                allowClear
                style={{ width: '100%' }}
                aria-label="月份"
                placeholder="全年"
                value={values.month ? Number(values.month) : undefined}
                onChange={(v) => filters.set({ month: v })}
                options={months}
              />
            </Col>
          )}
          {applies('campaignId') && (
            <Col xs={24} md={12} lg={5}>
              <Select
                allowClear
                style={{ width: '100%' }}
                aria-label="慰问活动"
                placeholder={`${year}年的慰问活动`}
                value={values.campaignId ? Number(values.campaignId) : undefined}
                onChange={(v) => filters.set({ campaignId: v })}
                options={(campaigns.data?.items ?? [])
                  .filter((c) => c.status !== 'draft')
                  .map((c) => ({ value: c.id, label: c.name }))}
              />
            </Col>
          )}
          {applies('compare') && (
            <Col>
              <Space>
                <Switch
                  data-testid="report-compare"
                  checked={values.compare === 'true'}
                  onChange={(v) => filters.set({ compare: v })}
                />
                与去年同期比较
              </Space>
            </Col>
          )}
        </Row>
        {info && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {info.description}
          </Typography.Paragraph>
        )}
      </Card>
      <Card loading={report.isFetching && !data}>
        {!catalogue.isPending && items.length === 0 ? (
          <Empty description="您的角色没有可查看的报表。如工作需要，请联系双拥办开通权限。" />
        ) : report.isError ? (
          <QueryError title="报表加载失败" error={report.error} onRetry={() => report.refetch()} />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <div data-testid="report" style={{ opacity: report.isPlaceholderData ? 0.5 : 1 }}>
            <Typography.Title level={4} style={{ textAlign: 'center', marginBottom: 4 }}>
              {data.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {data.heading.regionName} · {data.heading.periodLabel}
              {data.compare && data.previousScope && ` · 对比 ${data.previousScope.periodLabel}`}
              {data.scope.campaign && ` · ${data.scope.campaign.name}`}
            </Typography.Paragraph>
            {data.tables.map((t) => (
              <ReportTableView key={t.key} table={t} compare={data.compare} showTitle={data.tables.length > 1} />
            ))}
          </div>
        )}
      </Card>
    </>
  );
}
