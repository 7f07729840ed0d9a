/** The summary part of 数据比对: the upload of a list to compare, and the lists compared so far. */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { type ComparisonItem, comparisonSources } from '../../../shared/api/registry-import.api.ts';
import { errorText, uploadBytes } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useMe } from '../auth/auth.queries.ts';
import { JobProgress } from './JobProgress.tsx';
import { importKeys, importTooLarge, maxUploadBytes, useComparisons } from './registry-import.queries.ts';

/** 上传比对名单: a source, then the file; the comparison runs as a job whose progress is shown. */
export function UploadCard() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [source, setSource] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const done = useCallback(() => {
    queryClient.invalidateQueries({ queryKey: importKeys.all });
  }, [queryClient]);
  return (
    <Card title="上传比对名单" style={{ marginBottom: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          其他部门提供的名单（.xlsx 或 .csv），需有“身份证号”列和“状态”列（如 死亡、户籍迁出、服刑），可带日期和备注。
          系统按身份证号与您辖区内的登记人员比对，匹配到的人员列为“待核实”；未登记人员的证号不会保存。
        </Typography.Text>
        <Space wrap>
          <Select
            style={{ width: 160 }}
            placeholder="名单来源"
            aria-label="名单来源"
            value={source}
            onChange={setSource}
            options={comparisonSources.map((s) => ({ value: s, label: s }))}
          />
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            disabled={!source || busy}
            beforeUpload={(file) => {
              setProblem(null);
              if (!source) return false;
              if (file.name.toLowerCase().endsWith('.xls')) {
                setProblem('这是旧版 .xls 文件：请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再上传。');
                return false;
              }
              if (file.size > maxUploadBytes) {
                setProblem('文件超过 20 MB，请拆分后分别上传。');
                return false;
              }
              setBusy(true);
              uploadBytes<{ comparisonId: number; jobId: number }>(
                `/api/registry/comparisons?source=${encodeURIComponent(source)}&fileName=${encodeURIComponent(file.name)}`,
                file,
                me.csrfToken,
                { tooLarge: importTooLarge },
              )
                .then((started) => setJobId(started.jobId))
                .catch((e) => setProblem(errorText(e)))
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} type="primary" disabled={!source} loading={busy}>
              {source ? '选择文件并比对' : '请先选择来源'}
            </Button>
          </Upload>
        </Space>
        {problem && <Alert type="error" showIcon title={problem} />}
        {jobId !== null && <JobProgress jobId={jobId} label="正在比对" onDone={done} />}
      </Space>
    </Card>
  );
}

/** The lists compared so far; one may be picked to see only its matches. */
export function ComparisonList({
  comparisonId,
  onPick,
}: {
  comparisonId: number | undefined;
  onPick: (id: number | undefined) => void;
}) {
  const comparisons = useComparisons();
  return (
    <Card title="比对名单" style={{ marginBottom: 12 }}>
      {comparisons.isError ? (
        <QueryError error={comparisons.error} onRetry={() => comparisons.refetch()} />
      ) : (
        <Table<ComparisonItem>
          rowKey="id"
          size="small"
          loading={comparisons.isPending}
          dataSource={comparisons.data?.items ?? []}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有比对名单" /> }}
          rowClassName={(r) => (r.id === comparisonId ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '上传时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
            { title: '来源', dataIndex: 'source', width: 70 },
            { title: '文件', dataIndex: 'fileName' },
            {
              title: '比对结果',
              width: 260,
              render: (_: unknown, c: ComparisonItem) =>
                c.status === 'failed' ? (
                  <Typography.Text type="danger">{c.message}</Typography.Text>
                ) : c.status === 'running' ? (
                  '正在比对…'
                ) : (
                  `${c.counts.rows} 行，匹配 ${c.counts.matched} 人，未登记 ${c.counts.unmatched}${c.counts.refused ? `，无法比对 ${c.counts.refused}` : ''}`
                ),
            },
            {
              title: '本辖区待核实',
              width: 110,
              render: (_: unknown, c: ComparisonItem) =>
                c.review.pending ? <Tag color="warning">{c.review.pending}</Tag> : '—',
            },
            {
              title: '',
              width: 90,
              render: (_: unknown, c: ComparisonItem) =>
                c.id === comparisonId ? (
                  <Button type="link" size="small" onClick={() => onPick(undefined)}>
                    显示全部
                  </Button>
                ) : (
                  <Button type="link" size="small" onClick={() => onPick(c.id)}>
                    只看此名单
                  </Button>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
