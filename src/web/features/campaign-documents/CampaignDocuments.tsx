import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Progress,
  Segmented,
  Select,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import {
  type DocumentJobResult,
  type DocumentKind,
  type DocumentOverview,
  documentKindLabels,
  type UnprintableChar,
  unprintableHeader,
} from '../../../shared/api/campaign-documents.api.ts';
import type { JobItem } from '../../../shared/api/jobs.api.ts';
import { formatYuan } from '../../../shared/domain/money.ts';
import { api, errorText } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';

const filenameOf = (disposition: string | null, fallback: string) => {
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
};

/** Downloads a generated PDF of the campaign; returns the characters that no font could print. */
async function download(url: string, kind: DocumentKind): Promise<UnprintableChar[]> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `下载失败（HTTP ${response.status}），请稍后重试。`);
  }
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = filenameOf(response.headers.get('content-disposition'), `${documentKindLabels[kind]}.pdf`);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  const header = response.headers.get(unprintableHeader);
  return header ? (JSON.parse(decodeURIComponent(header)) as UnprintableChar[]) : [];
}

function UnprintableList({ chars }: { chars: UnprintableChar[] }) {
  if (chars.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={`有 ${chars.length} 个字现有字体无法打印，PDF 中印为“〓”，请打印后手工补写，或核对登记的姓名`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {chars.map((c) => (
            <li key={c.codePoint}>
              <Typography.Text strong>{c.char}</Typography.Text>（{c.codePoint}，{c.count} 处）：{c.samples.join('；')}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * 文书打印 for one campaign, for embedding in the campaign pages: pick a street and community (street staff see only
 * their own), letters per entry or per household, then download 慰问信, 签收表 or 发放汇总表 as PDF.
 */
/** The document job: a progress bar while it runs, then the download button, or the job's Chinese error. */
function JobPanel({
  job,
  kind,
  onDownload,
}: {
  job: JobItem;
  kind: DocumentKind;
  onDownload: (url: string) => Promise<void>;
}) {
  const [downloading, setDownloading] = useState(false);
  if (job.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        title={`${documentKindLabels[kind]}未能生成`}
        description={job.message}
        data-testid="document-job-error"
      />
    );
  }
  if (job.status === 'succeeded') {
    const result = job.result as DocumentJobResult;
    return (
      <Alert
        type="success"
        showIcon
        title={`${documentKindLabels[kind]}已生成：${result.count} ${kind === 'letters' ? '封' : '人'}，${result.pages} 页`}
        description={`文件保留至 ${new Date(result.expiresAt).toLocaleString('zh-CN')}，过期后请重新生成。`}
        action={
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={downloading}
            data-testid="document-download"
            onClick={() => {
              setDownloading(true);
              void onDownload(result.downloadUrl).finally(() => setDownloading(false));
            }}
          >
            下载
          </Button>
        }
      />
    );
  }
  return (
    <div data-testid="document-job-progress">
      <Typography.Text>{job.message ?? '正在生成'}</Typography.Text>
      <Progress percent={job.total > 0 ? Math.floor((job.progress / job.total) * 100) : 0} status="active" />
    </div>
  );
}

export function CampaignDocuments({ campaignId }: { campaignId: number }) {
  const feedback = useFeedback();
  const [streetId, setStreetId] = useState<number | null>(null);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [per, setPer] = useState<'entry' | 'household'>('entry');
  const [date, setDate] = useState('');
  const [starting, setStarting] = useState<DocumentKind | null>(null);
  const [job, setJob] = useState<{ kind: DocumentKind; jobId: number } | null>(null);
  const [allowUnprintable, setAllowUnprintable] = useState(false);
  const [unprintable, setUnprintable] = useState<UnprintableChar[] | null>(null);
  const overview = useQuery({
    queryKey: ['campaign-documents', campaignId, 'overview'],
    queryFn: ({ signal }) =>
      api.get<DocumentOverview>(`/api/campaign-documents/${campaignId}/overview`, undefined, signal),
  });
  const o = overview.data;
  const jobState = useQuery({
    queryKey: ['jobs', job?.jobId],
    queryFn: ({ signal }) => api.get<JobItem>(`/api/jobs/${job!.jobId}`, undefined, signal),
    enabled: job !== null,
    refetchInterval: (q) => (q.state.data?.status === 'succeeded' || q.state.data?.status === 'failed' ? false : 600),
  });
  const communities = useMemo(
    () => (o?.communities ?? []).filter((c) => streetId === null || c.streetId === streetId),
    [o, streetId],
  );
  const selected = communityId
    ? (communities.find((c) => c.id === communityId)?.entries ?? 0)
    : communities.reduce((n, c) => n + c.entries, 0);

  /** Starts the document as a job; its progress and download button show below. */
  const run = async (kind: DocumentKind) => {
    setStarting(kind);
    try {
      const started = await api.post<{ jobId: number }>(`/api/campaign-documents/${campaignId}/jobs`, {
        kind,
        ...(streetId && { streetId }),
        ...(communityId && { communityId }),
        ...(kind === 'letters' && { per, ...(date && { date }) }),
        allowUnprintable,
      });
      setJob({ kind, jobId: started.jobId });
    } catch (error) {
      feedback.message.error(errorText(error), 6);
    } finally {
      setStarting(null);
    }
  };
  const running = job !== null && jobState.data?.status !== 'succeeded' && jobState.data?.status !== 'failed';

  if (overview.isError) return <QueryError error={overview.error} onRetry={() => overview.refetch()} />;
  return (
    <Card
      title={
        <>
          <FilePdfOutlined /> 文书打印
        </>
      }
      loading={overview.isPending}
    >
      {o && (
        <Flex vertical gap={12}>
          <Space wrap size="large">
            <Statistic title="名单条目" value={o.entries} />
            <Statistic title="户数" value={o.households} />
            <Statistic title="慰问信" value={o.letters} suffix="封" />
            <Statistic title="慰问金（元）" value={formatYuan(o.cashCents)} />
            <Statistic title="慰问品（元）" value={formatYuan(o.goodsCents)} />
          </Space>
          <Flex gap={8} wrap>
            <Select
              style={{ minWidth: 180 }}
              value={streetId}
              onChange={(v) => {
                setStreetId(v);
                setCommunityId(null);
              }}
              options={[
                { value: null, label: '全部街道（镇）' },
                ...o.streets.map((s) => ({ value: s.id, label: s.name })),
              ]}
              aria-label="街道（镇）"
            />
            <Select
              style={{ minWidth: 180 }}
              value={communityId}
              onChange={setCommunityId}
              options={[
                { value: null, label: '全部社区（村）' },
                ...communities.map((c) => ({ value: c.id, label: `${c.name}（${c.entries}）` })),
              ]}
              aria-label="社区（村）"
            />
            <Segmented<'entry' | 'household'>
              value={per}
              onChange={setPer}
              options={[
                { value: 'entry', label: '每人一封' },
                { value: 'household', label: '每户一封' },
              ]}
            />
            <Input
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              style={{ width: 170 }}
              aria-label="落款日期"
            />
          </Flex>
          <Typography.Text type="secondary">
            已选 {selected}{' '}
            条名单条目。落款日期不填则为活动开始日（小年）。文件在后台生成，完成后点击“下载”；生成和下载均记入审计日志。
          </Typography.Text>
          <Space wrap>
            {(['letters', 'sign-off-sheets', 'disbursement-summary'] as const).map((kind) => (
              <Button
                key={kind}
                type={kind === 'letters' ? 'primary' : 'default'}
                icon={<DownloadOutlined />}
                loading={starting === kind || (running && job?.kind === kind)}
                disabled={starting !== null || running || selected === 0}
                onClick={() => run(kind)}
                data-testid={`download-${kind}`}
              >
                生成{documentKindLabels[kind]}
              </Button>
            ))}
          </Space>
          {o.unprintable.length > 0 && (
            <Checkbox checked={allowUnprintable} onChange={(e) => setAllowUnprintable(e.target.checked)}>
              缺字以“〓”标出（打印后手工补写）；不勾选时，遇到无法打印的字会停止生成并提示
            </Checkbox>
          )}
          {job && jobState.data && (
            <JobPanel
              job={jobState.data}
              kind={job.kind}
              onDownload={async (url) => {
                try {
                  setUnprintable(await download(url, job.kind));
                } catch (error) {
                  feedback.message.error(error instanceof Error ? error.message : errorText(error), 6);
                }
              }}
            />
          )}
          <UnprintableList chars={unprintable ?? o.unprintable} />
        </Flex>
      )}
    </Card>
  );
}
