import { Alert, Checkbox, Space, Tag } from 'antd';
import { useFamilyTasks } from './tasks.queries.ts';

/**
 * The family's other campaign tasks on the visit form (送立功喜报, 挂光荣牌, 贴春联年画): ticked ones are recorded
 * with the visit, in its transaction; a plaque is signed for by the visit's receiver. A Form control (value =
 * the ticked task ids).
 */
export function VisitTasks({
  campaignId,
  entryId,
  value,
  onChange,
}: {
  campaignId: number;
  entryId: number;
  value?: number[];
  onChange?: (ids: number[]) => void;
}) {
  const tasks = useFamilyTasks(campaignId, entryId);
  if (tasks.isPending) return null;
  if (tasks.isError) {
    return (
      <Alert
        type="info"
        showIcon
        title="暂时无法读取本户的其他任务（喜报、光荣牌、春联）；联网后可在活动的“任务”页登记。"
      />
    );
  }
  if (tasks.data.items.length === 0) return <span style={{ color: '#888' }}>本户没有其他任务。</span>;
  const pending = tasks.data.items.filter((t) => t.status === 'pending');
  const done = tasks.data.items.filter((t) => t.status === 'done');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="visit-tasks">
      {pending.length > 0 && (
        <Checkbox.Group
          value={value ?? []}
          onChange={(ids) => onChange?.(ids as number[])}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={pending.map((t) => ({ value: t.id, label: `${t.label}：${t.subjectName}` }))}
        />
      )}
      {done.map((t) => (
        <span key={t.id}>
          <Tag color="green">已完成</Tag>
          {t.label}：{t.subjectName}（{t.doneOn}，{t.doneByName}）
        </span>
      ))}
    </Space>
  );
}
