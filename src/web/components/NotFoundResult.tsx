import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import { QueryError } from './QueryError.tsx';

export interface NotFoundProps {
  /** 未找到该… */
  title: string;
  /** Why, and what to do next. */
  subTitle: string;
  /** Where the one button goes, and its text (返回…). */
  back: string;
  backText: string;
}

/** The "not found" view of a page: a record that does not exist or is outside the user's scope, or a bad address. */
export function NotFoundResult({ title, subTitle, back, backText }: NotFoundProps) {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={title}
      subTitle={subTitle}
      extra={
        <Button type="primary" onClick={() => navigate(back)}>
          {backText}
        </Button>
      }
    />
  );
}

/** A record page whose load failed: NOT_FOUND as the "not found" view, any other error with a retry. */
export function RecordLoadError({
  query,
  notFound,
}: {
  query: { error: unknown; refetch: () => unknown };
  notFound: NotFoundProps;
}) {
  if (isApiError(query.error, 'NOT_FOUND')) return <NotFoundResult {...notFound} />;
  return <QueryError error={query.error} onRetry={() => query.refetch()} />;
}
