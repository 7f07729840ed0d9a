import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** What a crashed page or a failed code download shows instead of a blank screen. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A failed chunk download usually means the system was updated since this page was opened.
  const stale =
    error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? '页面不存在' : stale ? '系统已更新' : '页面出错了'}
      subTitle={
        notFound
          ? '您访问的地址不存在，请返回首页。'
          : stale
            ? '系统刚刚更新，请刷新页面后继续。'
            : '页面遇到意外错误。请刷新页面重试；如仍出现，请联系系统管理员并说明操作步骤。'
      }
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>
          返回首页
        </Button>,
      ]}
    />
  );
}
