import { Button, Result } from 'antd';
import { Link, Navigate, Outlet } from 'react-router';
import type { Capability } from '../../shared/permissions.ts';
import { useMe } from '../features/auth/auth.queries.ts';
import { mayOpen, visibleNavigation } from '../navigation.tsx';

/** A page the user's role may not use answers 403 — except the home page, which sends them to their first page. */
export function RequireCapability({ anyOf, home = false }: { anyOf: readonly Capability[]; home?: boolean }) {
  const me = useMe();
  if (mayOpen(me.capabilities, { anyOf })) return <Outlet />;
  if (home) {
    const first = visibleNavigation(me)
      .flatMap((e) => ('children' in e ? e.children : [e]))
      .find((leaf) => leaf.path !== '/');
    if (first) return <Navigate to={first.path} replace />;
  }
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={`您的角色（${me.roleLabel}）没有使用此功能的权限。如需开通，请联系系统管理员。`}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
