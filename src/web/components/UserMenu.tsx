import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/auth/auth.queries.ts';
import { useIsMobile } from './responsive.ts';

/** Name and role in the header; the menu has 修改密码 and 退出登录. */
export function UserMenu() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const logout = useLogout();
  const scope = me.region?.name ?? me.unit?.name;

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.6 }}>
          <div style={{ color: 'rgba(0,0,0,0.88)', fontWeight: 600 }}>{me.displayName}</div>
          <div>
            {me.roleLabel}
            {scope ? ` · ${scope}` : ''}
          </div>
          <div>账号：{me.username}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    if (key === 'logout') logout.mutate();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="sy-user-button" data-testid="user-menu" aria-label={`用户菜单：${me.displayName}`}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#ffd54f', color: '#8e1010' }} />
        {!isMobile && (
          <span className="sy-user-name">
            <span>{me.displayName}</span>
            <span className="sy-user-role">{me.roleLabel}</span>
          </span>
        )}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
