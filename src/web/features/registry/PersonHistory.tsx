import { Empty, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { versionActionLabels } from '../../../shared/api/registry.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { usePersonHistory } from './registry.queries.ts';
import { dash } from './registry-ui.tsx';

// Values as registered: names and addresses are not converted to 繁體.
const asRegistered = (x: string | null) => <span data-script-skip="">{dash(x)}</span>;

/** 修改历史 on the person page: every version with who changed what, loaded when the tab is first opened. */
export function PersonHistory({ personId, enabled }: { personId: number; enabled: boolean }) {
  const history = usePersonHistory(personId, enabled);
  if (history.isError) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  if (history.isPending) return <Skeleton active />;
  if (history.data.items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该记录在系统启用前登记，暂无修改历史" />;
  }
  return (
    <Timeline
      items={history.data.items.map((v) => ({
        key: v.version,
        children: (
          <div data-testid="history-entry">
            <Space wrap size={4}>
              <Typography.Text strong>第 {v.version} 版</Typography.Text>
              <Tag>{versionActionLabels[v.action]}</Tag>
              <Typography.Text type="secondary">
                {formatDateTime(v.at)} · {dash(v.actorName)}
                {v.source ? ` · 来源：${v.source}` : ''}
              </Typography.Text>
            </Space>
            <Table
              rowKey="field"
              size="small"
              pagination={false}
              style={{ marginTop: 6 }}
              scroll={{ x: 'max-content' }}
              dataSource={v.changes}
              columns={[
                { title: '项目', dataIndex: 'label' },
                { title: '修改前', dataIndex: 'before', render: asRegistered },
                { title: '修改后', dataIndex: 'after', render: asRegistered },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}
