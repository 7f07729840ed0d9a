import { FilePdfOutlined, FileWordOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Input, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { SummaryResponse } from '../../../shared/api/briefings.api.ts';
import { formatMoney, formatPercent } from '../../../shared/domain/briefings/summary-text.ts';
import { isApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { downloadSummary, useSaveSummary, useSummary } from './briefings.queries.ts';

/**
 * 工作总结 on the campaign page: the figures, the draft (or the saved edit) in an editor, 重新生成 from today's
 * figures (asks first, and leaves the saved version alone until saved again), save, and Word / PDF downloads.
 */
export function CampaignSummaryPanel({ campaignId }: { campaignId: number }) {
  const query = useSummary(campaignId);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return <SummaryEditor key={query.data.saved?.version ?? 0} data={query.data} campaignId={campaignId} />;
}

function Figures({ f }: { f: SummaryResponse['figures'] }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered>
      <Descriptions.Item label="已走访 / 应访">
        {f.delivered} / {f.planned} 人（{formatPercent(f.delivered, f.planned)}）
      </Descriptions.Item>
      <Descriptions.Item label="其中上门">{f.byMode.home} 人</Descriptions.Item>
      <Descriptions.Item label="慰问金">{formatMoney(f.cashCents)}</Descriptions.Item>
      <Descriptions.Item label="慰问品">
        {f.goods.map((g) => `${g.name}${g.quantity}${g.unit}`).join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label="慰问信">{f.letters} 封</Descriptions.Item>
      <Descriptions.Item label="光荣牌 / 喜报">
        {f.plaquesHung ?? '—'} 户 / {f.meritsDelivered ?? '—'} 份
      </Descriptions.Item>
      <Descriptions.Item label="回访抽查">
        抽 {f.verification.drawn}，回访 {f.verification.checked}，问题 {f.verification.problems}
      </Descriptions.Item>
      <Descriptions.Item label="上年">
        {f.previous ? `${f.previous.name}：${f.previous.delivered} 人` : '无'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function SummaryEditor({ data, campaignId }: { data: SummaryResponse; campaignId: number }) {
  const feedback = useFeedback();
  const save = useSaveSummary(campaignId);
  const initial = data.saved ?? data.draft;
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [busy, setBusy] = useState<string | null>(null);
  // The editor starts from the saved text (or the draft) and keeps the user's edits across refetches: only a new
  // saved version (the panel is keyed by it) or 重新生成 replaces them.
  const dirty = title !== initial.title || body !== initial.body;

  const regenerate = () =>
    feedback.modal.confirm({
      title: '按当前数据重新生成？',
      content: data.saved
        ? '编辑框中的内容将被新生成的草稿替换；已保存的版本不会改变，直到您再次点击“保存”。'
        : '编辑框中的内容将被新生成的草稿替换。',
      okText: '重新生成',
      cancelText: '取消',
      onOk: () => {
        setTitle(data.draft.title);
        setBody(data.draft.body);
      },
    });

  const onSave = async () => {
    try {
      await save.mutateAsync({ title, body, version: data.saved?.version ?? 0 });
      feedback.success('工作总结已保存，下载的 Word / PDF 将使用已保存的版本');
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) {
        feedback.modal.warning({ title: '他人已保存了新版本', content: (e as Error).message });
      } else feedback.error(e);
    }
  };

  const download = async (format: 'docx' | 'pdf') => {
    setBusy(format);
    try {
      await downloadSummary(campaignId, format, data.saved ? 'saved' : 'draft');
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={16}>
      {!data.wholeCampaign && (
        <Alert type="info" showIcon title="以下数据和草稿只含您辖区内的名单条目；双拥办保存的全区总结不在此显示。" />
      )}
      <Figures f={data.figures} />
      <Card
        size="small"
        title="工作总结"
        extra={
          data.saved && (
            <Typography.Text type="secondary">
              已保存：{data.saved.savedByName ?? ''} {data.saved.savedAt.slice(0, 16).replace('T', ' ')}
            </Typography.Text>
          )
        }
      >
        <Flex vertical gap={12}>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} aria-label="标题" />
          <Input.TextArea
            value={body}
            onChange={(e) => setBody(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 30 }}
            aria-label="正文"
            data-testid="summary-body"
          />
          <Typography.Text type="secondary">每行一段；数字来自系统记录，修改后请核对。</Typography.Text>
          {dirty && data.saved && (
            <Alert type="warning" showIcon title="有未保存的修改：下载的仍是上次保存的版本，请先保存。" />
          )}
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={regenerate}>
              重新生成
            </Button>
            {data.canEdit && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={save.isPending}
                disabled={!dirty && !!data.saved}
                onClick={onSave}
              >
                保存
              </Button>
            )}
            <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => download('docx')}>
              下载 Word
            </Button>
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => download('pdf')}>
              下载 PDF
            </Button>
          </Space>
          {!data.saved && (
            <Typography.Text type="secondary">
              尚未保存：下载的是按当前数据自动生成的草稿{data.canEdit ? '，修改后请先保存' : ''}。
            </Typography.Text>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
