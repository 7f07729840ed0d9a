import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIsMobile } from '../../components/responsive.ts';
import { NotificationPanel } from './NotificationPanel.tsx';
import { useUnreadCount } from './notifications.queries.ts';

/** The bell in the header: unread count as a badge, the notification centre in a drawer. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const isMobile = useIsMobile();
  const unread = useUnreadCount();
  const count = unread.data?.unread ?? 0;
  return (
    <>
      <Badge count={count} overflowCount={99} size="small" offset={[-4, 6]}>
        <Button
          type="text"
          data-testid="notification-bell"
          data-unread={count}
          aria-label={count ? `站内消息，${count} 条未读` : '站内消息'}
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        title="站内消息"
        open={open}
        onClose={() => setOpen(false)}
        size={isMobile ? '100%' : 420}
        destroyOnHidden
        footer={
          <Link to="/notifications" onClick={() => setOpen(false)}>
            查看全部消息
          </Link>
        }
      >
        <NotificationPanel onNavigate={() => setOpen(false)} />
      </Drawer>
    </>
  );
}
