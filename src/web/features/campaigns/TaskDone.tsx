import { useQueryClient } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { useState } from 'react';
import type { CompleteTasksRequest, TaskItem } from '../../../shared/api/campaign-tasks.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { campaignKeys, useCampaignMutation } from './campaigns.queries.ts';
import { enqueueVisit, syncQueue } from './offline-queue.ts';
import { taskApi } from './tasks.queries.ts';

type Values = { doneOn: string; familySigner?: string };

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Records one task done on its own (no cash/goods visit): date, and the family's signer for a plaque. On the
 * phone (`viaQueue`) the submission is kept on the device first and synced, so it survives a lost network and is
 * counted once however often it is sent (same clientKey).
 */
export function CompleteModal({
  campaignId,
  task,
  viaQueue = false,
  onClose,
}: {
  campaignId: number;
  task: TaskItem;
  viaQueue?: boolean;
  onClose: () => void;
}) {
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [clientKey] = useState(() => crypto.randomUUID());
  const bodyOf = (v: Values): CompleteTasksRequest => ({
    clientKey,
    doneOn: v.doneOn,
    taskIds: [task.id],
    familySigner: v.familySigner?.trim() || null,
  });
  const complete = useCampaignMutation((v: Values) => taskApi.complete(campaignId, bodyOf(v)));
  /** On the phone: kept on the device, then synced; says itself what became of it. */
  const queue = async (v: Values): Promise<null> => {
    await enqueueVisit({
      clientKey,
      campaignId,
      entryId: null,
      personName: `${task.subjectName}（${task.label}）`,
      body: { ...bodyOf(v), recordedOffline: !navigator.onLine },
    });
    const r = navigator.onLine ? await syncQueue() : { sent: 0, refused: 0 };
    if (r.sent) feedback.success(`已登记 ${task.subjectName} 的任务完成`);
    else if (!r.refused) feedback.message.info('网络不可用，已保存在手机上，联网后自动同步。');
    void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    return null;
  };
  return (
    <FormModal
      title={`登记完成：${task.label}`}
      okText="确认完成"
      initialValues={{ doneOn: today() }}
      submit={(v: Values) => (viaQueue ? queue(v) : complete.mutateAsync(v))}
      success={(r) =>
        r === null ? null : r.done.length ? `已登记 ${task.subjectName} 的任务完成` : '该任务此前已登记完成。'
      }
      onClose={onClose}
    >
      <p>
        {task.subjectName}（{task.communityName}）
        {task.kind !== 'couplets' &&
          `：确认后同时写入${task.kind === 'plaque' ? '光荣牌登记簿。' : '立功喜报登记簿。'}`}
      </p>
      <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请选择日期' }]}>
        <Input type="date" />
      </Form.Item>
      {task.kind === 'plaque' && task.plaqueAction !== 'restore' && (
        <Form.Item name="familySigner" label="家属签字人" rules={[{ required: true, message: '请填写家属签字人姓名' }]}>
          <Input />
        </Form.Item>
      )}
    </FormModal>
  );
}
