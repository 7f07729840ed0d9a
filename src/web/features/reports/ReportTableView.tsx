import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import type { ReportCell, ReportColumn, ReportRow, ReportTable } from '../../../shared/api/reports.api.ts';
import { changeText, drillDownHref, figureText, unitLabel } from './stats-format.ts';

function Value({ cell, column }: { cell: ReportCell | undefined; column: ReportColumn }) {
  const text = figureText(cell?.value, column.unit);
  return cell?.drillDown ? <Link to={drillDownHref(cell.drillDown)}>{text}</Link> : text;
}

const cellAttrs = (column: string, part: 'value' | 'previous' | 'change') =>
  ({ 'data-col': column, 'data-part': part }) as HTMLAttributes<HTMLElement>;

/** Columns of one report table: its row headers, then each figure (with 去年同期 and 增减 when comparing). */
function columnsOf(table: ReportTable, compare: boolean): ColumnsType<ReportRow> {
  const headers: ColumnsType<ReportRow> = table.rowHeaders.map((title, i) => ({
    title,
    key: `h${i}`,
    fixed: i === 0 ? ('left' as const) : undefined,
    render: (_: unknown, r: ReportRow) => r.labels[i] ?? '',
  }));
  const figures: ColumnsType<ReportRow> = table.columns.map((c) => {
    const title = `${c.title}${c.unit === 'cents' || c.unit === 'percent' ? `（${unitLabel(c.unit)}）` : ''}`;
    const value = {
      key: c.key,
      align: 'right' as const,
      onCell: () => cellAttrs(c.key, 'value'),
      render: (_: unknown, r: ReportRow) => <Value cell={r.cells[c.key]} column={c} />,
    };
    if (!compare || !c.comparable) return { ...value, title };
    return {
      title,
      key: `${c.key}.group`,
      children: [
        { ...value, title: '本期' },
        {
          title: '去年同期',
          key: `${c.key}.previous`,
          align: 'right' as const,
          onCell: () => cellAttrs(c.key, 'previous'),
          render: (_: unknown, r: ReportRow) => figureText(r.cells[c.key]?.previous, c.unit),
        },
        {
          title: '增减',
          key: `${c.key}.change`,
          align: 'right' as const,
          onCell: () => cellAttrs(c.key, 'change'),
          render: (_: unknown, r: ReportRow) => changeText(r.cells[c.key]?.change, c.unit),
        },
      ],
    };
  });
  return [...headers, ...figures];
}

/** The 合计 row, cell for cell under the columns above (row headers span one cell; Summary.Cell keeps no data-*). */
function TotalsRow({ table, compare }: { table: ReportTable; compare: boolean }) {
  const cells: ReactNode[] = [
    <Table.Summary.Cell key="label" index={0} colSpan={Math.max(1, table.rowHeaders.length)}>
      <strong>合计</strong>
    </Table.Summary.Cell>,
  ];
  let index = Math.max(1, table.rowHeaders.length);
  for (const c of table.columns) {
    const cell = table.totals.cells[c.key];
    cells.push(
      <Table.Summary.Cell key={c.key} index={index++} align="right">
        <strong {...cellAttrs(c.key, 'value')}>
          <Value cell={cell} column={c} />
        </strong>
      </Table.Summary.Cell>,
    );
    if (compare && c.comparable) {
      cells.push(
        <Table.Summary.Cell key={`${c.key}.p`} index={index++} align="right">
          <span {...cellAttrs(c.key, 'previous')}>{figureText(cell?.previous, c.unit)}</span>
        </Table.Summary.Cell>,
        <Table.Summary.Cell key={`${c.key}.c`} index={index++} align="right">
          <span {...cellAttrs(c.key, 'change')}>{changeText(cell?.change, c.unit)}</span>
        </Table.Summary.Cell>,
      );
    }
  }
  return <Table.Summary.Row data-testid="report-total-row">{cells}</Table.Summary.Row>;
}

/** One table of a report, as printed: row headers, figures, 合计, notes. */
export function ReportTableView({
  table,
  compare,
  showTitle,
}: {
  table: ReportTable;
  compare: boolean;
  showTitle: boolean;
}) {
  return (
    <div data-testid={`report-table-${table.key}`} style={{ marginBottom: 24 }}>
      {showTitle && <Typography.Title level={5}>{table.title}</Typography.Title>}
      <Table<ReportRow>
        size="small"
        bordered
        rowKey="key"
        dataSource={table.rows}
        columns={columnsOf(table, compare)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': 'report-row', 'data-key': r.key }) as HTMLAttributes<HTMLElement>}
        summary={() => (
          <Table.Summary>
            <TotalsRow table={table} compare={compare} />
          </Table.Summary>
        )}
        locale={{ emptyText: '本期没有可统计的记录。' }}
      />
      {table.notes.map((n) => (
        <Typography.Paragraph key={n} type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
          注：{n}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
