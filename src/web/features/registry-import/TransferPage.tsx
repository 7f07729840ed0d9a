import { Button, Card, Empty, Table, Tabs, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { type ImportItem, importStatusLabels } from '../../../shared/api/registry-import.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useCan } from '../auth/auth.queries.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import { useImports } from './registry-import.queries.ts';

const statusColors: Record<string, string> = {
  validated: 'processing',
  committed: 'success',
  failed: 'error',
  validating: 'default',
  committing: 'processing',
};

function History({ onOpen }: { onOpen: (id: number) => void }) {
  const imports = useImports();
  if (imports.isError) return <QueryError error={imports.error} onRetry={() => imports.refetch()} />;
  return (
    <Card>
      <Table<ImportItem>
        rowKey="id"
        size="small"
        loading={imports.isPending}
        dataSource={imports.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有上传过名册" /> }}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          { title: '文件', dataIndex: 'fileName' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (v: ImportItem['status']) => <Tag color={statusColors[v]}>{importStatusLabels[v]}</Tag>,
          },
          {
            title: '结果',
            width: 240,
            render: (_: unknown, r: ImportItem) =>
              r.status === 'failed' && r.counts.rows === 0
                ? r.message
                : `${r.counts.rows} 行：可导入 ${r.counts.accepted}，有错误 ${r.counts.refused}`,
          },
          {
            title: '',
            width: 80,
            render: (_: unknown, r: ImportItem) => (
              <Button type="link" size="small" onClick={() => onOpen(r.id)}>
                查看
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 导入导出: the import wizard, the export, and the user's recent imports. */
export function TransferPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (can('registry.write') ? 'import' : 'export');
  const go = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };
  const items = [
    ...(can('registry.write')
      ? [
          { key: 'import', label: '导入名册', children: <ImportWizard /> },
          {
            key: 'history',
            label: '导入记录',
            children: <History onOpen={(id) => go({ tab: 'import', import: String(id) })} />,
          },
        ]
      : []),
    { key: 'export', label: '导出名单', children: <ExportPanel /> },
  ];
  return (
    <>
      <PageHeader
        title="导入导出"
        subTitle="按各单位现用的 Excel 花名册批量导入（先校验、后确认，全部成功或全部不写入）；名单导出为 xlsx（脱敏、带水印）。"
      />
      <Tabs activeKey={tab} onChange={(key) => go({ tab: key })} items={items} />
    </>
  );
}
