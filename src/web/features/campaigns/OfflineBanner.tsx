import { Alert } from 'antd';

/** What happens next with the network as it is: tells the visitor whether to keep working and when visits sync. */
export function OfflineBanner({
  online,
  pending,
  syncing = false,
  where = 'list',
}: {
  online: boolean;
  pending: number;
  syncing?: boolean;
  where?: 'list' | 'form';
}) {
  if (!online) {
    const kept = pending > 0 ? `本机已保存 ${pending} 条待同步。` : '';
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="offline-banner"
        title="当前没有网络，可以继续登记走访"
        description={
          where === 'form'
            ? `提交后记录先保存在本机，联网后自动同步，不会重复登记。${kept}`
            : `${kept}记录先保存在本机，联网后自动同步，不会重复登记；清单为上次联网时保存的内容。同步完成前请不要清除浏览器数据或退出登录。`
        }
      />
    );
  }
  if (pending === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="offline-banner"
      title={syncing ? `已联网，正在同步 ${pending} 条离线记录…` : `已联网，有 ${pending} 条离线记录待同步`}
      description={syncing ? '同步完成后清单自动刷新。' : '将自动同步；也可点“立即同步”。'}
    />
  );
}
