import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DashboardPanel, PanelRow } from '../../../shared/api/reports.api.ts';
import { ChartTableSwitch, type ChartTableView } from '../../components/ChartTableSwitch.tsx';
import { type ChartClick, EChart } from '../../components/EChart.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useScript } from '../../script/script-context.ts';
import { additiveUnits, clickedSeriesKey, panelOption } from './panel-chart.ts';
import { drillDownHref, figureText, figureUnitOf, unitLabel } from './stats-format.ts';

type Series = DashboardPanel['series'][number];

/** What to do so that an empty panel fills (said after the server's own empty message). */
const nextSteps: Partial<Record<DashboardPanel['key'], string>> = {
  registryByCategory: '在“优抚对象 → 对象名册”登记或导入名册后自动统计。',
  registryByStreet: '在“优抚对象 → 对象名册”登记或导入名册后自动统计。',
  campaignByStreet: '在“走访慰问 → 慰问活动”创建活动并生成名单后，这里显示走访进度；也可选择其他年度。',
  campaignByCategory: '在“走访慰问 → 慰问活动”创建活动并生成名单后，这里显示走访进度；也可选择其他年度。',
  campaignMoneyByStreet: '生成慰问名单并登记走访后，这里显示慰问金、慰问品发放情况。',
  requestsByDepartment: '部队在“拥军 → 部队诉求”提出诉求并交办后，这里按承办部门统计。',
  activitiesByMonth: '在“拥政爱民 → 双拥活动”登记活动后自动统计；也可选择其他年度。',
  activitiesByType: '在“拥政爱民 → 双拥活动”登记活动后自动统计；也可选择其他年度。',
  noticeTasksByUnit: '在“通知与任务”发布通知并分派任务后，这里按承办单位统计落实情况。',
};

/** A figure, as a link to the list behind it when there is one. */
function Figure({ row, series }: { row: PanelRow; series: Series }) {
  const text = figureText(row.values[series.key], series.unit);
  const target = row.drillDown[series.key];
  return target ? (
    <Link to={drillDownHref(target)} data-testid="drill-link">
      {text}
    </Link>
  ) : (
    text
  );
}

const total = (rows: PanelRow[], key: string) => rows.reduce((sum, r) => sum + (r.values[key] ?? 0), 0);

/** The panel's figures as a table, with a 合计 row for the figures that add up. */
export function PanelTable({ panel }: { panel: DashboardPanel }) {
  const sums = panel.rows.length > 1 && panel.series.some((s) => additiveUnits.has(s.unit));
  return (
    <Table<PanelRow>
      size="small"
      rowKey="key"
      dataSource={panel.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(r) => ({ 'data-testid': `panel-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '名称', dataIndex: 'label', fixed: 'left' },
        ...panel.series.map((s) => ({
          title: `${s.name}（${unitLabel(s.unit)}）`,
          key: s.key,
          align: 'right' as const,
          onCell: () => ({ 'data-series': s.key }) as HTMLAttributes<HTMLElement>,
          sorter: (a: PanelRow, b: PanelRow) => (a.values[s.key] ?? -1) - (b.values[s.key] ?? -1),
          render: (_: unknown, r: PanelRow) => <Figure row={r} series={s} />,
        })),
      ]}
      summary={
        sums
          ? () => (
              <Table.Summary.Row data-testid="panel-total-row">
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                {panel.series.map((s, i) => (
                  <Table.Summary.Cell key={s.key} index={i + 1} align="right">
                    {additiveUnits.has(s.unit) ? figureText(total(panel.rows, s.key), s.unit) : '—'}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}

/** A `figures` panel: each series of each row as a statistic; a click opens the list behind it. */
function Figures({ panel }: { panel: DashboardPanel }) {
  const single = panel.series.length === 1;
  return (
    <Row gutter={[16, 16]}>
      {panel.rows.flatMap((row) =>
        panel.series
          .filter((s) => row.values[s.key] !== undefined)
          .map((s) => {
            const unit = figureUnitOf(row.label, s);
            const labelled = /（[^（）]+）$/.test(row.label);
            return (
              <Col xs={12} md={8} xl={6} key={`${row.key}.${s.key}`}>
                <Statistic
                  title={single ? row.label : `${row.label} · ${s.name}`}
                  valueRender={() => (
                    <span data-testid={`figure-${row.key}-${s.key}`}>
                      <Figure row={row} series={{ ...s, unit }} />
                    </span>
                  )}
                  suffix={single && labelled ? undefined : unitLabel(unit)}
                />
              </Col>
            );
          }),
      )}
    </Row>
  );
}

/** One dashboard panel: the chart, its table one click away (图表/表格), and a click through to the list. */
export function PanelCard({ panel, extra }: { panel: DashboardPanel; extra?: React.ReactNode }) {
  const [view, setView] = useState<ChartTableView>('chart');
  const navigate = useNavigate();
  const { convert } = useScript();
  const narrow = useIsMobile();
  const chart = panel.kind !== 'figures' && panel.kind !== 'table';
  const option = useMemo(
    () => (chart ? panelOption(panel, { convert, narrow }) : null),
    [panel, convert, narrow, chart],
  );
  const onClick = useCallback(
    (e: ChartClick) => {
      const row = panel.rows[e.dataIndex];
      const key = clickedSeriesKey(panel, e.seriesIndex);
      const target = row && key ? row.drillDown[key] : undefined;
      if (target) navigate(drillDownHref(target));
    },
    [panel, navigate],
  );
  const clickable = panel.rows.some((r) => Object.keys(r.drillDown).length > 0);

  let body: React.ReactNode;
  // A chart of nothing but zeros says no more than an empty panel, and less about what to do.
  const blank = panel.rows.every((r) => panel.series.every((sr) => !r.values[sr.key]));
  if (panel.empty || panel.rows.length === 0 || (chart && blank)) {
    const said = panel.empty ?? (panel.rows.length === 0 ? '暂无数据' : '本期数值均为 0');
    const next = nextSteps[panel.key];
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${said.replace(/[。.]$/, '')}。${next ?? ''}`} />;
  } else if (panel.kind === 'figures') {
    body = <Figures panel={panel} />;
  } else if (!option || view === 'table') {
    body = <PanelTable panel={panel} />;
  } else {
    const height = narrow
      ? 260
      : Math.max(300, panel.kind !== 'line' && panel.rows.length > 8 ? panel.rows.length * 28 : 0);
    body = <EChart option={option} height={height} label={panel.title} onClick={clickable ? onClick : undefined} />;
  }

  return (
    <Card
      title={panel.title}
      data-testid={`panel-${panel.key}`}
      style={{ height: '100%' }}
      extra={
        <>
          {extra}
          {chart && !panel.empty && panel.rows.length > 0 && !blank && (
            <ChartTableSwitch value={view} onChange={setView} testId={`panel-${panel.key}-switch`} />
          )}
        </>
      }
    >
      {body}
      {(panel.note || (chart && clickable && view === 'chart')) && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {panel.note}
          {chart && clickable && view === 'chart' && `${panel.note ? '　' : ''}点击柱形或扇区可查看对应名单。`}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
