import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  List,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { FieldChange } from '../../../shared/api/registry.api.ts';
import type { ImportItem, ImportRowItem } from '../../../shared/api/registry-import.api.ts';
import { errorText, uploadBytes } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { JobProgress } from './JobProgress.tsx';
import {
  downloadFile,
  importKeys,
  importTooLarge,
  maxUploadBytes,
  useImport,
  useImportActions,
  useImportRows,
} from './registry-import.queries.ts';

const pageSize = 50;

const filters = [
  { value: 'refused', label: '有错误' },
  { value: 'warnings', label: '有提示' },
  { value: 'create', label: '新增' },
  { value: 'merge', label: '更新（合并预览）' },
  { value: 'unchanged', label: '无变化' },
  { value: 'skipped', label: '非人员行' },
  { value: 'all', label: '全部' },
] as const;

/** Checks in the browser what can be checked before sending 20 MB over a slow line. */
function checkFile(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) {
    return '这是旧版 Excel 97-2003 格式（.xls）的文件。请用 Excel 或 WPS 打开它，选择“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再上传新文件。';
  }
  if (!/\.(xlsx|csv)$/.test(name)) return '请上传 Excel 工作簿（.xlsx）或 .csv 文件。';
  if (file.size === 0) return '文件是空的，请检查是否选错了文件。';
  if (file.size > maxUploadBytes) {
    return '文件超过 20 MB，无法导入。请删除多余的工作表、图片和空行，或把名单拆成几个文件分别导入。';
  }
  return null;
}

function RowResult({ row }: { row: ImportRowItem }) {
  if (row.status === 'skipped') return <Tag>跳过</Tag>;
  if (row.status === 'refused') return <Tag color="error">不导入</Tag>;
  if (row.action === 'merge') return <Tag color="processing">更新</Tag>;
  if (row.action === 'unchanged') return <Tag>已登记，无变化</Tag>;
  return <Tag color="success">新增</Tag>;
}

function Changes({ changes }: { changes: FieldChange[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {changes.map((c) => (
        <li key={c.field}>
          <Typography.Text strong>{c.label}</Typography.Text>：
          <Typography.Text delete type="secondary">
            {c.before ?? '（空）'}
          </Typography.Text>{' '}
          → {c.after ?? '（空）'}
        </li>
      ))}
    </ul>
  );
}

function RowDetail({ row }: { row: ImportRowItem }) {
  return (
    <Space direction="vertical" size={2}>
      {row.issues.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {row.issues.map((i) => (
            <li key={`${i.code}-${i.column}-${i.message}`}>
              <Typography.Text type={i.severity === 'error' ? 'danger' : 'warning'}>
                {i.columnLetter ? `${i.columnLetter} 列` : ''}“{i.column}”：{i.message}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {row.changes && row.changes.length > 0 && <Changes changes={row.changes} />}
      {row.status === 'skipped' && <Typography.Text type="secondary">{row.label}，不是人员</Typography.Text>}
    </Space>
  );
}

function Report({ imp }: { imp: ImportItem }) {
  const isMobile = useIsMobile();
  const feedback = useFeedback();
  const actions = useImportActions();
  const [filter, setFilter] = useState<string>(imp.counts.refused > 0 ? 'refused' : 'all');
  const [page, setPage] = useState(1);
  const rows = useImportRows(imp.id, filter, page, pageSize);
  const c = imp.counts;
  const toWrite = c.create + c.merge;

  const download = () =>
    downloadFile(`/api/registry/imports/${imp.id}/error-sheet`, '错误说明.xlsx').catch((e) => feedback.error(e));
  const commit = () => actions.commit.mutate(imp.id, { onError: (e) => feedback.error(e) });
  const discard = () => actions.discard.mutate(imp.id, { onError: (e) => feedback.error(e) });

  const columns = [
    { title: '行号', dataIndex: 'row', width: 70 },
    {
      title: '姓名',
      dataIndex: 'label',
      width: 110,
      render: (v: string | null, r: ImportRowItem) => (r.status === 'skipped' ? '—' : (v ?? '—')),
    },
    { title: '结果', width: 130, render: (_: unknown, r: ImportRowItem) => <RowResult row={r} /> },
    { title: '说明（列与问题 / 将要更新的内容）', render: (_: unknown, r: ImportRowItem) => <RowDetail row={r} /> },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        文件“{imp.fileName}”，工作表“{imp.sheetName}”，表头在第 {imp.headerRow} 行。识别的列：
        {imp.columns
          .filter((col) => col.field)
          .map((col) => `${col.letter}“${col.header}”`)
          .join('、')}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}>
          <Statistic title="数据行" value={c.rows} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="新增" value={c.create} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="更新已登记人员" value={c.merge} valueStyle={{ color: '#0958d9' }} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="已登记无变化" value={c.unchanged} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title="有错误（不导入）"
            value={c.refused}
            valueStyle={{ color: c.refused ? '#cf1322' : undefined }}
          />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="非人员行（跳过）" value={c.skipped} />
        </Col>
      </Row>
      {c.refused > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${c.refused} 行存在错误，不会导入。`}
          description="可下载“错误说明”：它是您上传的原表格，多了一列“错误说明”，出错的单元格标成红色。按说明修改后重新上传即可；已登记的人员再次导入只会更新，不会重复。"
        />
      )}
      <Space wrap>
        <Popconfirm
          title="确认导入"
          description={
            <div style={{ maxWidth: 320 }}>
              将导入 {toWrite} 行（新增 {c.create} 人，更新 {c.merge} 人）
              {c.refused > 0 ? `，有错误的 ${c.refused} 行不导入` : ''}。导入一次完成：全部成功或全部不写入。
            </div>
          }
          okText="导入"
          cancelText="再看看"
          onConfirm={commit}
          disabled={toWrite === 0}
        >
          <Button type="primary" disabled={toWrite === 0} loading={actions.commit.isPending}>
            确认导入 {toWrite} 行
          </Button>
        </Popconfirm>
        {(c.refused > 0 || c.warnings > 0) && (
          <Button icon={<DownloadOutlined />} onClick={download}>
            下载错误说明
          </Button>
        )}
        <Popconfirm
          title="放弃这次导入？上传的文件和校验结果将被删除。"
          okText="放弃"
          cancelText="取消"
          onConfirm={discard}
        >
          <Button danger loading={actions.discard.isPending}>
            放弃，重新上传
          </Button>
        </Popconfirm>
      </Space>
      {toWrite === 0 && (
        <Typography.Text type="secondary">
          {c.unchanged > 0 && c.refused === 0 ? '名单中的人员均已登记且信息没有变化，无需导入。' : '没有可以导入的行。'}
        </Typography.Text>
      )}
      <Segmented
        options={filters.map((f) => ({ ...f }))}
        value={filter}
        onChange={(v) => {
          setFilter(String(v));
          setPage(1);
        }}
        style={{ flexWrap: 'wrap' }}
      />
      {rows.isError ? (
        <QueryError error={rows.error} onRetry={() => rows.refetch()} />
      ) : isMobile ? (
        <List<ImportRowItem>
          loading={rows.isPending}
          dataSource={rows.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有这一类的行" /> }}
          pagination={{ current: page, pageSize, total: rows.data?.total ?? 0, size: 'small', onChange: setPage }}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Space>
                  <Typography.Text strong>第 {r.row} 行</Typography.Text>
                  {r.label && r.status !== 'skipped' && <span>{r.label}</span>}
                  <RowResult row={r} />
                </Space>
                <RowDetail row={r} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<ImportRowItem>
          rowKey="row"
          size="small"
          loading={rows.isPending || rows.isPlaceholderData}
          columns={columns}
          dataSource={rows.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有这一类的行" /> }}
          pagination={{
            current: page,
            pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 行`,
            onChange: setPage,
          }}
          scroll={{ x: 720 }}
        />
      )}
    </Space>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (importId: number) => void }) {
  const me = useMe();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Upload.Dragger
        accept=".xlsx,.csv,.xls"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          const checked = checkFile(file);
          setProblem(checked);
          if (checked) return false;
          setBusy(true);
          uploadBytes<{ importId: number; jobId: number }>(
            `/api/registry/imports?fileName=${encodeURIComponent(file.name)}`,
            file,
            me.csrfToken,
            { tooLarge: importTooLarge },
          )
            .then((started) => onUploaded(started.importId))
            .catch((e) => setProblem(errorText(e)))
            .finally(() => setBusy(false));
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在上传…' : '点击或拖入名册文件（.xlsx 或 .csv，20 MB 以内）'}</p>
        <p className="ant-upload-hint">
          按各单位现用的花名册上传即可：标题行、序号列、合并表头、全角字符、“1950.03”“1950年3月”等日期写法都能识别。
          需要有“姓名”“身份证号”“优抚类别”列；“街道”“社区”列说明人员所属辖区。
        </p>
      </Upload.Dragger>
      {problem && <Alert type="error" showIcon title={problem} />}
      <Typography.Text type="secondary">
        上传后先逐行校验，不会直接写入登记库；确认校验报告后再导入。身份证号被 Excel 存成数字（显示为 3.10107E+17
        或末尾变成 000）的行会被拒绝，请把该列设为“文本”后按证件重新录入。
      </Typography.Text>
    </Space>
  );
}

const stepOf = (imp: ImportItem | undefined): number => {
  if (!imp) return 0;
  switch (imp.status) {
    case 'validating':
      return 1;
    case 'validated':
      return 2;
    case 'committing':
      return 3;
    case 'committed':
      return 3;
    default:
      return 0;
  }
};

/** The import wizard: upload → validation (progress) → report → confirm → import (progress) → done. */
export function ImportWizard() {
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const importId = params.get('import') ? Number(params.get('import')) : null;
  const imp = useImport(importId);
  const select = useCallback(
    (id: number | null) => {
      const next = new URLSearchParams(params);
      if (id === null) next.delete('import');
      else next.set('import', String(id));
      setParams(next, { replace: false });
    },
    [params, setParams],
  );
  const refresh = useCallback(() => {
    queryClient.invalidateQueries({ queryKey: importKeys.all });
    queryClient.invalidateQueries({ queryKey: ['registry'] });
  }, [queryClient]);

  const item = importId === null ? undefined : imp.data;
  const current = stepOf(item);
  let body: ReactNode;
  if (importId !== null && imp.isError) body = <QueryError error={imp.error} onRetry={() => imp.refetch()} />;
  else if (importId !== null && !item) body = <Card loading />;
  else if (!item || item.status === 'discarded') body = <UploadStep onUploaded={(id) => select(id)} />;
  else if (item.status === 'validating' && item.validateJobId) {
    body = <JobProgress jobId={item.validateJobId} label="正在校验名单" onDone={refresh} />;
  } else if (item.status === 'validated') body = <Report imp={item} />;
  else if (item.status === 'committing' && item.commitJobId) {
    body = <JobProgress jobId={item.commitJobId} label="正在导入（全部成功或全部不写入）" onDone={refresh} />;
  } else if (item.status === 'committed') {
    body = (
      <Result
        status="success"
        title="导入完成"
        subTitle={`新增 ${item.counts.create} 人，更新 ${item.counts.merge} 人${item.counts.refused ? `；有错误的 ${item.counts.refused} 行未导入，可下载错误说明修改后再导入` : ''}。`}
        extra={[
          <Link key="list" to="/registry/persons">
            <Button type="primary">查看对象名册</Button>
          </Link>,
          item.counts.refused > 0 && (
            <Button
              key="errors"
              icon={<DownloadOutlined />}
              onClick={() => downloadFile(`/api/registry/imports/${item.id}/error-sheet`, '错误说明.xlsx')}
            >
              下载错误说明
            </Button>
          ),
          <Button key="again" icon={<ReloadOutlined />} onClick={() => select(null)}>
            继续导入其他名单
          </Button>,
        ]}
      />
    );
  } else {
    body = (
      <Result
        status="error"
        title={item.status === 'failed' ? '未能导入' : '该导入已结束'}
        subTitle={item.message ?? '请修改后重新上传。'}
        extra={
          <Button type="primary" icon={<ReloadOutlined />} onClick={() => select(null)}>
            重新上传
          </Button>
        }
      />
    );
  }

  return (
    <Card>
      <Steps
        current={current}
        status={item?.status === 'failed' ? 'error' : undefined}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: '上传名册' }, { title: '逐行校验' }, { title: '查看报告' }, { title: '确认导入' }]}
      />
      {body}
    </Card>
  );
}
