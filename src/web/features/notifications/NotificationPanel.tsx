import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Pagination, Segmented, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationItem } from '../../api/types.ts';
import { formatRelative } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { notificationKind } from './notification-kinds.ts';
import { useMarkRead, useNotifications } from './notifications.queries.ts';

/** One message row: a button, so it works by keyboard; unread ones are bold with a dot. */
export function NotificationRow({
  item,
  onOpen,
}: {
  item: NotificationItem;
  onOpen: (item: NotificationItem) => void;
}) {
  const kind = notificationKind(item.kind);
  return (
    <button
      type="button"
      className={`sy-notification-item${item.read ? '' : ' sy-notification-item-unread'}`}
      data-testid="notification-item"
      onClick={() => onOpen(item)}
    >
      <div className="sy-notification-title">
        {!item.read && <Badge status="error" aria-label="未读" />}
        <Tag color={kind.color} style={{ marginInlineEnd: 0 }}>
          {kind.label}
        </Tag>
        <span>{item.title}</span>
      </div>
      {item.body && <div className="sy-notification-body">{item.body}</div>}
      <div className="sy-notification-meta">
        {formatRelative(item.createdAt)}
        {item.link ? ' · 点击查看' : ''}
      </div>
    </button>
  );
}

/** Opening a message: mark it read, then follow its in-app link. */
export function useOpenNotification(afterNavigate?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const feedback = useFeedback();
  return (item: NotificationItem) => {
    if (!item.read) markRead.mutate([item.id], { onError: feedback.error });
    // Only in-app paths are followed: a message never sends anyone off-site.
    if (item.link?.startsWith('/') && !item.link.startsWith('//')) {
      navigate(item.link);
      afterNavigate?.();
    }
  };
}

/** The notification centre: 全部/未读, the messages, paging, 全部已读. Used by the header drawer and the page. */
export function NotificationPanel({ pageSize = 10, onNavigate }: { pageSize?: number; onNavigate?: () => void }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unreadOnly, page, pageSize });
  const markRead = useMarkRead();
  const feedback = useFeedback();
  const open = useOpenNotification(onNavigate);
  const unread = list.data?.unread ?? 0;

  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPage(1);
          }}
          options={[
            { label: '全部', value: 'all' },
            { label: `未读${unread ? ` ${unread}` : ''}`, value: 'unread' },
          ]}
        />
        <Button
          size="small"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={markRead.isPending}
          onClick={() =>
            markRead.mutate('all', { onSuccess: () => feedback.success('已全部标记为已读'), onError: feedback.error })
          }
        >
          全部已读
        </Button>
      </Flex>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unreadOnly ? '没有未读消息' : '暂无消息'} />
      ) : (
        <>
          <div>
            {list.data.items.map((item) => (
              <NotificationRow key={item.id} item={item} onOpen={open} />
            ))}
          </div>
          {list.data.total > pageSize && (
            <Pagination
              simple
              size="small"
              style={{ marginTop: 12, textAlign: 'center' }}
              current={page}
              pageSize={pageSize}
              total={list.data.total}
              onChange={setPage}
            />
          )}
        </>
      )}
    </div>
  );
}
