import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { LedgerItem, LedgerRecord } from '../../../shared/api/briefings.api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { downloadLedger, useLedger } from './briefings.queries.ts';

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

const columns = [
  { title: '类别', dataIndex: 'kind', width: 110 },
  {
    title: '名称',
    dataIndex: 'title',
    render: (title: string, r: LedgerRecord) => <Link to={r.link}>{title}</Link>,
  },
  { title: '日期', dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—' },
  { title: '说明', dataIndex: 'note', responsive: ['md' as const], render: (n: string | null) => n ?? '' },
];

function ItemBody({ item }: { item: LedgerItem }) {
  if (!item.available) return <Alert type="info" showIcon title="您的角色无权查看本项记录，请由双拥办导出完整台账。" />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">考评要点：{item.basis}</Typography.Text>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        {item.figures.map((f) => (
          <Descriptions.Item key={f.label} label={f.label}>
            {f.value}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Table<LedgerRecord>
        size="small"
        rowKey={(r) => `${r.kind}-${r.link}-${r.title}-${r.date}`}
        columns={columns}
        dataSource={item.records}
        pagination={item.records.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description="本年度没有相关记录，请先在对应模块登记" /> }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

/**
 * 创建台账: the year's evidence for the 双拥模范城（县） evaluation, item by item, with the figures and the source
 * records (each opens the record), and the xlsx the office hands to the evaluators.
 */
export function LedgerPage() {
  const feedback = useFeedback();
  const [year, setYear] = useState(thisYear);
  const [exporting, setExporting] = useState(false);
  const query = useLedger(year);
  const exportYear = async () => {
    setExporting(true);
    try {
      await downloadLedger(year);
    } catch (e) {
      feedback.error(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <>
      <PageHeader
        title="创建台账"
        subTitle="双拥模范城（县）创建考评的佐证材料，按项目汇总本年度系统内已有的记录"
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              aria-label="年度"
              style={{ width: 110 }}
            />
            <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={exportYear}>
              导出 xlsx
            </Button>
          </Space>
        }
      />
      {query.isPending && <Skeleton active />}
      {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} />}
      {query.data && (
        <Collapse
          defaultActiveKey={query.data.items
            .filter((i) => i.available)
            .map((i) => i.key)
            .slice(0, 1)}
          items={query.data.items.map((item, n) => ({
            key: item.key,
            label: (
              <Space wrap>
                <span>
                  {n + 1}. {item.title}
                </span>
                {item.available ? <Tag>{item.records.length} 条记录</Tag> : <Tag color="default">无权查看</Tag>}
              </Space>
            ),
            children: <ItemBody item={item} />,
          }))}
        />
      )}
    </>
  );
}
