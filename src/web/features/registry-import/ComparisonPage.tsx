import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type ComparisonItem,
  comparisonSources,
  type MatchItem,
  matchReviewLabels,
} from '../../../shared/api/registry-import.api.ts';
import { errorText } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useCan, useMe } from '../auth/auth.queries.ts';
import { JobProgress } from './JobProgress.tsx';
import {
  importKeys,
  maxUploadBytes,
  uploadFile,
  useComparison,
  useComparisons,
  useMatchActions,
  useMatches,
} from './registry-import.queries.ts';

const pageSize = 20;

const statusColors: Record<MatchItem['reportedStatus'], string> = {
  deceased: 'default',
  moved_out: 'orange',
  imprisoned: 'red',
  other: 'blue',
};
const statusLabels: Record<MatchItem['reportedStatus'], string> = {
  deceased: '死亡',
  moved_out: '户籍迁出',
  imprisoned: '服刑',
  other: '其他',
};
const effects: Record<MatchItem['reportedStatus'], string> = {
  deceased: '确认后，此人将标记为已故（死亡日期以名单或您填写的为准），不再出现在在世名单中。',
  moved_out: '确认后，此人的户籍地将清空并注明“户籍已迁出”，居住地保持不变。',
  imprisoned: '确认后，将在此人的备注中记下服刑情况及来源，供发放待遇时核查。',
  other: '确认后，将在此人的备注中记下名单报告的情况及来源。',
};

function Reported({ m }: { m: MatchItem }) {
  return (
    <Space direction="vertical" size={0}>
      <Space size={4} wrap>
        <Tag color={statusColors[m.reportedStatus]}>{statusLabels[m.reportedStatus]}</Tag>
        {m.reportedText !== statusLabels[m.reportedStatus] && <span>{m.reportedText}</span>}
        {m.eventDate && <Typography.Text type="secondary">{m.eventDate}</Typography.Text>}
      </Space>
      {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.source} · {m.fileName} 第 {m.row} 行
      </Typography.Text>
    </Space>
  );
}

function Review({ m }: { m: MatchItem }) {
  if (m.review === 'pending') return <Tag color="warning">待核实</Tag>;
  return (
    <Space direction="vertical" size={0}>
      <Tag color={m.review === 'confirmed' ? 'success' : 'default'}>{matchReviewLabels[m.review]}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.reviewedByName} {formatDateTime(m.reviewedAt)}
      </Typography.Text>
      {m.reviewNote && <Typography.Text type="secondary">{m.reviewNote}</Typography.Text>}
    </Space>
  );
}

function ConfirmModal({ match, onClose }: { match: MatchItem; onClose: () => void }) {
  const feedback = useFeedback();
  const { confirm } = useMatchActions();
  const [form] = Form.useForm<{ eventDate?: Dayjs; note?: string }>();
  const needsDate =
    match.reportedStatus === 'deceased' && !(match.eventDate && /^\d{4}-\d{2}-\d{2}$/.test(match.eventDate));
  return (
    <Modal
      open
      title={`确认：${match.person.name}${statusLabels[match.reportedStatus]}`}
      okText="确认并更新人员信息"
      cancelText="取消"
      confirmLoading={confirm.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          confirm.mutate(
            {
              id: match.id,
              eventDate: v.eventDate ? v.eventDate.format('YYYY-MM-DD') : null,
              note: v.note?.trim() || null,
            },
            {
              onSuccess: () => {
                feedback.success('已确认，人员信息已更新并注明来源');
                onClose();
              },
              onError: (e) => feedback.error(e),
            },
          ),
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={effects[match.reportedStatus]} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="eventDate"
            label={match.reportedStatus === 'deceased' ? '死亡日期' : '发生日期（可不填）'}
            rules={needsDate ? [{ required: true, message: '名单中没有具体的死亡日期，请填写' }] : []}
            extra={match.eventDate ? `名单中的日期：${match.eventDate}` : undefined}
          >
            <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
          </Form.Item>
          <Form.Item name="note" label="核实说明（可不填）">
            <Input maxLength={200} placeholder="如：已电话联系家属核实" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

function DismissModal({ match, onClose }: { match: MatchItem; onClose: () => void }) {
  const feedback = useFeedback();
  const { dismiss } = useMatchActions();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <Modal
      open
      title={`排除：${match.person.name}`}
      okText="排除"
      cancelText="取消"
      confirmLoading={dismiss.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          dismiss.mutate(
            { id: match.id, note: v.note.trim() },
            {
              onSuccess: () => {
                feedback.success('已排除，人员信息未改动');
                onClose();
              },
              onError: (e) => feedback.error(e),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label="排除理由"
          rules={[{ required: true, whitespace: true, message: '请说明排除的理由，如“经入户核实本人健在”' }]}
        >
          <Input.TextArea maxLength={200} rows={3} placeholder="如：经入户核实本人健在，名单有误" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UploadCard() {
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
              uploadFile<{ comparisonId: number; jobId: number }>(
                `/api/registry/comparisons?source=${encodeURIComponent(source)}&fileName=${encodeURIComponent(file.name)}`,
                file,
                me.csrfToken,
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

function ComparisonIssues({ id }: { id: number }) {
  const detail = useComparison(id);
  if (!detail.data || detail.data.issues.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`名单中有 ${detail.data.issues.filter((i) => i.severity === 'error').length} 行无法比对`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {detail.data.issues.slice(0, 20).map((i) => (
            <li key={`${i.row}-${i.code}`}>
              第 {i.row} 行“{i.column}”：{i.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** 比对: other departments' lists matched against the registry; matches reviewed one by one. */
export function ComparisonPage() {
  const can = useCan();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const comparisons = useComparisons();
  const comparisonId = params.get('comparison') ? Number(params.get('comparison')) : undefined;
  const review = params.get('review') ?? 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const matches = useMatches({ comparisonId, review, page, pageSize });
  const [confirming, setConfirming] = useState<MatchItem | null>(null);
  const [dismissing, setDismissing] = useState<MatchItem | null>(null);
  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const writer = can('registry.write');

  const actions = (m: MatchItem) =>
    writer && m.review === 'pending' ? (
      <Space>
        <Button size="small" type="primary" onClick={() => setConfirming(m)}>
          确认
        </Button>
        <Button size="small" onClick={() => setDismissing(m)}>
          排除
        </Button>
      </Space>
    ) : null;

  return (
    <>
      <PageHeader
        title="数据比对"
        subTitle="与公安、民政、医保等部门的名单比对，发现已故、户籍迁出、服刑等情况；逐条核实后更新登记信息，并注明来源。"
      />
      {writer && <UploadCard />}
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
                    <Button type="link" size="small" onClick={() => set('comparison', undefined)}>
                      显示全部
                    </Button>
                  ) : (
                    <Button type="link" size="small" onClick={() => set('comparison', c.id)}>
                      只看此名单
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Card title="比对结果">
        {comparisonId !== undefined && <ComparisonIssues id={comparisonId} />}
        <Segmented
          style={{ marginBottom: 12 }}
          value={review}
          onChange={(v) => set('review', String(v))}
          options={[
            { value: 'pending', label: '待核实' },
            { value: 'confirmed', label: '已确认' },
            { value: 'dismissed', label: '已排除' },
            { value: 'all', label: '全部' },
          ]}
        />
        {matches.isError ? (
          <QueryError error={matches.error} onRetry={() => matches.refetch()} />
        ) : isMobile ? (
          <List<MatchItem>
            loading={matches.isPending}
            dataSource={matches.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有比对结果" /> }}
            pagination={{
              current: page,
              pageSize,
              total: matches.data?.total ?? 0,
              size: 'small',
              onChange: (p) => set('page', p),
            }}
            renderItem={(m) => (
              <List.Item actions={actions(m) ? [actions(m)] : []}>
                <Space direction="vertical" size={2}>
                  <Space>
                    <Link to={`/registry/persons/${m.person.id}`}>{m.person.name}</Link>
                    <Typography.Text className="sy-code">{m.person.idNumber}</Typography.Text>
                  </Space>
                  <Reported m={m} />
                  <Review m={m} />
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<MatchItem>
            rowKey="id"
            size="small"
            loading={matches.isPending || matches.isPlaceholderData}
            dataSource={matches.data?.items ?? []}
            scroll={{ x: 860 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有比对结果" /> }}
            pagination={{
              current: page,
              pageSize,
              total: matches.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => `共 ${n} 条`,
              onChange: (p) => set('page', p),
            }}
            columns={[
              {
                title: '人员',
                width: 200,
                render: (_: unknown, m: MatchItem) => (
                  <Space direction="vertical" size={0}>
                    <Space size={4}>
                      <Link to={`/registry/persons/${m.person.id}`}>{m.person.name}</Link>
                      {!m.person.alive && <Tag>已故</Tag>}
                    </Space>
                    <Typography.Text className="sy-code" type="secondary">
                      {m.person.idNumber}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: '所在',
                width: 160,
                render: (_: unknown, m: MatchItem) =>
                  [m.person.streetName, m.person.regionName !== m.person.streetName ? m.person.regionName : null]
                    .filter(Boolean)
                    .join(' / ') || '—',
              },
              { title: '名单报告', render: (_: unknown, m: MatchItem) => <Reported m={m} /> },
              { title: '核实', width: 170, render: (_: unknown, m: MatchItem) => <Review m={m} /> },
              { title: '', width: 130, render: (_: unknown, m: MatchItem) => actions(m) },
            ]}
          />
        )}
      </Card>
      {confirming && <ConfirmModal match={confirming} onClose={() => setConfirming(null)} />}
      {dismissing && <DismissModal match={dismissing} onClose={() => setDismissing(null)} />}
    </>
  );
}
