import { Card, Empty, Skeleton } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { NotificationRow, useOpenNotification } from '../notifications/NotificationPanel.tsx';
import { useNotifications } from '../notifications/notifications.queries.ts';

/** The latest few 站内消息 on the home page. */
export function RecentNotifications() {
  const list = useNotifications({ page: 1, pageSize: 5 });
  const open = useOpenNotification();
  return (
    <Card
      title={`最新消息${list.data?.unread ? `（${list.data.unread} 条未读）` : ''}`}
      extra={<Link to="/notifications">全部消息</Link>}
      styles={{ body: { paddingTop: 8 } }}
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="暂无消息。任务指派、办理提醒和逾期告警会出现在这里。"
        />
      ) : (
        list.data.items.map((item) => <NotificationRow key={item.id} item={item} onOpen={open} />)
      )}
    </Card>
  );
}
