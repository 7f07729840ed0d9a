import { Alert, Progress, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { JobItem } from '../../../shared/api/jobs.api.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useJob } from './registry-import.queries.ts';

/**
 * A job's progress bar, polled from GET /api/jobs/:id until it ends; `onDone` is called once with the final
 * state (succeeded or failed).
 */
export function JobProgress({
  jobId,
  label,
  onDone,
}: {
  jobId: number;
  label: string;
  onDone: (job: JobItem) => void;
}) {
  const job = useJob(jobId);
  const reported = useRef<number | null>(null);
  const data = job.data;
  useEffect(() => {
    if (!data || reported.current === data.id) return;
    if (data.status === 'succeeded' || data.status === 'failed') {
      reported.current = data.id;
      onDone(data);
    }
  }, [data, onDone]);

  if (job.isError) return <QueryError error={job.error} onRetry={() => job.refetch()} />;
  const percent =
    data && data.total > 0
      ? Math.min(100, Math.floor((data.progress / data.total) * 100))
      : data?.status === 'succeeded'
        ? 100
        : 0;
  const status = data?.status === 'failed' ? 'exception' : data?.status === 'succeeded' ? 'success' : 'active';
  return (
    <Space direction="vertical" style={{ width: '100%' }} aria-live="polite">
      <Typography.Text strong>{label}</Typography.Text>
      <Progress percent={percent} status={status} aria-label={label} />
      <Typography.Text type="secondary">
        {data?.message ?? '正在排队'}
        {data && data.total > 0 && data.status === 'running' && `（${data.progress} / ${data.total}）`}
      </Typography.Text>
      {data?.status === 'failed' && <Alert type="error" showIcon title={data.message ?? '任务失败，请重试。'} />}
    </Space>
  );
}
