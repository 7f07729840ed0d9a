import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { errorText, isApiError } from '../api/client.ts';

/** A failed load: the server's Chinese message, the request number for support, and a retry button. */
export function QueryError({
  error,
  onRetry,
  title = '数据加载失败',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <>
          <div>{errorText(error)}</div>
          {requestId && <div style={{ fontSize: 12, opacity: 0.7, marginTop: 4 }}>请求编号：{requestId}</div>}
        </>
      }
      action={
        onRetry && (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
            重试
          </Button>
        )
      }
    />
  );
}
