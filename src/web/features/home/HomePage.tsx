import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { isGroup, visibleNavigation } from '../../navigation.tsx';
import { useMe } from '../auth/auth.queries.ts';
import { RecentNotifications } from './RecentNotifications.tsx';
import { RegistryOverview } from './RegistryOverview.tsx';
import { UnitCard } from './UnitHome.tsx';

function greeting(now = new Date()): string {
  const h = now.getHours();
  if (h < 6) return '您好';
  if (h < 12) return '上午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

/** 首页: registry counts for those who may read the registry; the own unit and messages for liaisons. */
export function HomePage() {
  const me = useMe();
  const registry = me.capabilities.includes('registry.read');
  const notifications = me.capabilities.includes('notifications.read');
  const scopeName = me.region?.name ?? me.unit?.name ?? '全部';
  // A leader's work is reading the figures: the dashboard is his home page.
  if (me.role === 'leader' && me.capabilities.includes('dashboard.read'))
    return <Navigate to="/reports/dashboard" replace />;

  return (
    <>
      <PageHeader
        title={`${me.displayName}，${greeting()}`}
        subTitle={
          <>
            {me.roleLabel}
            {me.region && ` · 数据范围：${me.region.name}（${me.region.code}）`}
            {!me.region && me.unit && ` · ${me.unit.name}`}
          </>
        }
      />
      {registry ? (
        <>
          <RegistryOverview scopeName={scopeName} />
          {notifications && (
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} xl={13}>
                <RecentNotifications />
              </Col>
              <Col xs={24} xl={11}>
                <Shortcuts />
              </Col>
            </Row>
          )}
        </>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <UnitCard me={me} />
            {notifications && (
              <div style={{ marginTop: 16 }}>
                <RecentNotifications />
              </div>
            )}
          </Col>
          <Col xs={24} xl={12}>
            <Shortcuts />
          </Col>
        </Row>
      )}
    </>
  );
}

/** The user's own menu as tiles: what this role can do here. */
function Shortcuts() {
  const me = useMe();
  const groups = visibleNavigation(me).filter(isGroup);
  return (
    <Card title="常用功能">
      <Row gutter={[12, 12]}>
        {groups.map((g) => (
          <Col xs={24} sm={12} key={g.key}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {g.icon} {g.label}
            </Typography.Text>
            <div>
              {g.children.map((leaf) => (
                <div key={leaf.path}>
                  <Link to={leaf.path}>
                    {leaf.label} <RightOutlined style={{ fontSize: 10 }} />
                  </Link>
                </div>
              ))}
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
