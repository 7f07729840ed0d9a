import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Result } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigation } from 'react-router';
import { errorText, isApiError } from '../api/client.ts';
import { MeContext, useLogout, useMe, useMeQuery } from '../features/auth/auth.queries.ts';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { leafForPath } from '../navigation.tsx';
import { ScriptSwitch } from '../script/ScriptSwitch.tsx';
import { AppMenu } from './AppMenu.tsx';
import { FullPageSpin } from './FullPageSpin.tsx';
import { useIsMobile } from './responsive.ts';
import { UserMenu } from './UserMenu.tsx';

const siderKey = 'shuangyong.siderCollapsed';

function Brand() {
  return (
    <Link to="/" className="sy-brand">
      <img src="/favicon.svg" alt="" />
      <span>双拥工作平台</span>
    </Link>
  );
}

/** Signed-in frame: loads the user, then header + menu (a drawer on phones) + the page. */
export function AppLayout() {
  const me = useMeQuery();
  const location = useLocation();

  if (me.isPending) return <FullPageSpin />;
  // A refetch that cannot reach the server keeps the user signed in (offline work goes on); others count.
  const offlineRefetch = me.data !== undefined && isApiError(me.error, 'NETWORK_ERROR');
  if (me.isError && !offlineRefetch) {
    if (isApiError(me.error, 'NOT_AUTHENTICATED')) {
      const here = location.pathname + location.search;
      return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
    }
    return (
      <Result
        status="error"
        title="无法加载用户信息"
        subTitle={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (me.data.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return (
    <MeContext.Provider value={me.data}>
      {me.data.mustChangePassword ? <ForcedPasswordChange /> : <Shell />}
    </MeContext.Provider>
  );
}

/** First login with an initial password: nothing else is reachable until it is changed. */
function ForcedPasswordChange() {
  const logout = useLogout();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="sy-header">
        <Brand />
        <div className="sy-header-actions">
          <ScriptSwitch />
          <Button type="text" icon={<LogoutOutlined />} onClick={() => logout.mutate()}>
            退出登录
          </Button>
        </div>
      </Layout.Header>
      <Layout.Content className="sy-content">
        <ChangePasswordPage />
      </Layout.Content>
    </Layout>
  );
}

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(siderKey) === '1';
  } catch {
    return false;
  }
}

function Shell() {
  const isMobile = useIsMobile();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);
  const { pathname } = useLocation();

  useEffect(() => {
    const page = pathname === '/change-password' ? '修改密码' : leafForPath(pathname)?.label;
    document.title = page ? `${page} · 双拥工作平台` : '双拥工作平台';
  }, [pathname]);

  const onCollapse = (value: boolean) => {
    setCollapsed(value);
    try {
      localStorage.setItem(siderKey, value ? '1' : '0');
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {navigation.state === 'loading' && (
        <div className="sy-nav-progress" role="progressbar" aria-label="正在打开页面" />
      )}
      <Layout.Header className="sy-header">
        {isMobile && (
          <Button
            type="text"
            aria-label="打开菜单"
            data-testid="menu-toggle"
            icon={<MenuOutlined style={{ fontSize: 18 }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Brand />
        <div className="sy-header-actions">
          <ScriptSwitch />
          <NotificationBellIfAllowed />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout hasSider={!isMobile}>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={closeDrawer}
            size={272}
            title="功能菜单"
            styles={{ body: { padding: 0 } }}
          >
            <AppMenu onNavigate={closeDrawer} />
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={224}
            collapsible
            collapsed={collapsed}
            onCollapse={onCollapse}
            className="sy-sider"
            style={{ position: 'sticky', top: 56, height: 'calc(100vh - 56px)' }}
          >
            <AppMenu collapsed={collapsed} />
          </Layout.Sider>
        )}
        <Layout.Content className={isMobile ? 'sy-content sy-content-mobile' : 'sy-content'}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function NotificationBellIfAllowed() {
  const me = useMe();
  return me.capabilities.includes('notifications.read') ? <NotificationBell /> : null;
}
