import { Button, Card, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CompleteTasksRequest, MyTaskItem } from '../../../shared/api/campaign-tasks.api.ts';
import type { QueuedVisit } from './offline-queue.ts';
import { CompleteModal } from './TaskDone.tsx';

const cacheKey = 'shuangyong.visits.tasks.';

/**
 * The visitor's tasks with no visit form to tick them on (a 喜报 or 光荣牌 for a family not being visited, or a
 * task given to them on its own): each done from the phone, kept on the device until synced.
 */
export function PhoneTasks({
  tasks,
  failed,
  cacheAs,
  queue,
}: {
  tasks: MyTaskItem[] | undefined;
  /** The list could not be loaded: show the last one seen. */
  failed: boolean;
  /** Where to keep the list for offline use (scope.status), or null not to keep it (a search). */
  cacheAs: string | null;
  queue: QueuedVisit[];
}) {
  const [doing, setDoing] = useState<MyTaskItem | null>(null);
  useEffect(() => {
    if (!tasks || cacheAs === null) return;
    try {
      localStorage.setItem(cacheKey + cacheAs, JSON.stringify(tasks));
    } catch {
      // Storage full or disabled: the server's list is still right.
    }
  }, [tasks, cacheAs]);
  let shown = tasks ?? [];
  if (failed && cacheAs !== null) {
    try {
      shown = JSON.parse(localStorage.getItem(cacheKey + cacheAs) ?? '[]') as MyTaskItem[];
    } catch {
      shown = [];
    }
  }
  const queued = new Set(
    queue.filter((v) => v.entryId === null).flatMap((v) => (v.body as CompleteTasksRequest).taskIds),
  );
  if (shown.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        其他任务（{shown.length}）
      </Typography.Title>
      {shown.map((t) => (
        <Card key={t.id} size="small" style={{ marginBottom: 8 }} data-testid="phone-task">
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t.subjectName}
              </Typography.Text>
              <div style={{ fontSize: 13 }}>{t.label}</div>
              <div style={{ fontSize: 13, opacity: 0.8 }}>
                {t.communityName} · {t.campaignName}
              </div>
            </div>
            {queued.has(t.id) ? (
              <Tag color="orange">待同步</Tag>
            ) : t.status === 'done' ? (
              <Tag color="green">已完成</Tag>
            ) : (
              <Button type="primary" onClick={() => setDoing(t)} data-testid="phone-task-done">
                登记完成
              </Button>
            )}
          </Space>
        </Card>
      ))}
      {doing && <CompleteModal campaignId={doing.campaignId} task={doing} viaQueue onClose={() => setDoing(null)} />}
    </>
  );
}
