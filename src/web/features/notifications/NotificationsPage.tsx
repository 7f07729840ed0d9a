import { Card } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NotificationPanel } from './NotificationPanel.tsx';

export function NotificationsPage() {
  return (
    <>
      <PageHeader title="站内消息" subTitle="任务指派、办理提醒与逾期告警；点击一条消息即标为已读并打开相关页面。" />
      <Card>
        <NotificationPanel pageSize={20} />
      </Card>
    </>
  );
}
