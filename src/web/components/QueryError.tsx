import { ClearOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { errorText, isApiError } from '../api/client.ts';

/** A failed load: the server's Chinese message, the request number for support, and a retry button. */
export function QueryError({
  error,
  onRetry,
  onClearFilters,
  title = '数据加载失败',
}: {
  error: unknown;
  onRetry?: () => void;
  /** Offered instead of a retry when the list refused its filters (a link edited by hand or from an old page). */
  onClearFilters?: () => void;
  title?: string;
}) {
  const badFilters = onClearFilters !== undefined && isApiError(error, 'VALIDATION_FAILED');
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      title={badFilters ? '筛选条件无效，请清除筛选后重新选择' : title}
      description={
        <>
          <div>{errorText(error)}</div>
          {requestId && <div style={{ fontSize: 12, opacity: 0.7, marginTop: 4 }}>请求编号：{requestId}</div>}
        </>
      }
      action={
        badFilters ? (
          <Button size="small" icon={<ClearOutlined />} onClick={onClearFilters}>
            清除筛选
          </Button>
        ) : (
          onRetry && (
            <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
              重试
            </Button>
          )
        )
      }
    />
  );
}
