/**
 * How the app shows figures: a row of headline numbers, a chart card with its table one click away, and the
 * plain table of figures under them.
 */
import type { StatisticProps, TableProps } from 'antd';
import { Card, Col, Row, Statistic, Table } from 'antd';
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { useState } from 'react';
import { ChartTableSwitch, type ChartTableView } from './ChartTableSwitch.tsx';

export type StatCard = StatisticProps & { title: string; after?: ReactNode };

/** Four headline numbers to a row on a computer, two on a phone. */
export function StatCards({ items, style }: { items: StatCard[]; style?: CSSProperties }) {
  return (
    <Row gutter={[16, 16]} style={style}>
      {items.map(({ after, ...statistic }) => (
        <Col key={statistic.title} xs={12} md={6}>
          <Card>
            <Statistic {...statistic} />
            {after}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * A card with a chart and, one click away, the same figures as a table. `keepMounted` keeps both rendered
 * (one hidden) so switching does not redraw the chart.
 */
export function ChartTableCard({
  title,
  switchTestId,
  style,
  chart,
  table,
  keepMounted,
  empty,
  children,
}: {
  title: ReactNode;
  switchTestId?: string;
  style?: CSSProperties;
  chart: ReactNode;
  table: ReactNode;
  keepMounted?: boolean;
  /** Shown instead of the chart, the table and the notes when there are no figures. */
  empty?: ReactNode;
  /** Notes under the chart or table. */
  children?: ReactNode;
}) {
  const [view, setView] = useState<ChartTableView>('chart');
  return (
    <Card
      title={title}
      style={style}
      extra={<ChartTableSwitch value={view} onChange={setView} testId={switchTestId} />}
    >
      {empty ? (
        empty
      ) : keepMounted ? (
        <>
          <div hidden={view !== 'chart'}>{chart}</div>
          <div hidden={view !== 'table'}>{table}</div>
        </>
      ) : view === 'chart' ? (
        chart
      ) : (
        table
      )}
      {!empty && children}
    </Card>
  );
}

/** A small table of figures: all rows on one page, scrolling sideways on a phone; each row has `rowTestId`. */
export function FigureTable<T extends object>({ rowTestId, ...props }: TableProps<T> & { rowTestId?: string }) {
  return (
    <Table<T>
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={rowTestId ? () => ({ 'data-testid': rowTestId }) as HTMLAttributes<HTMLElement> : undefined}
      {...props}
    />
  );
}
