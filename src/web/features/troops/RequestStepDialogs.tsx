/** The dialogs of a request's steps: assign, return/resolve/reopen with a comment, rate, link a supporter. */
import { DatePicker, Empty, Form, Input, Rate, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { FormModal } from '../../components/FormModal.tsx';
import { useSupporterOptions } from '../army-people/army-people.queries.ts';
import { useUnits } from '../org/org.queries.ts';
import { useAssign, useLinkSupporter, useRate, useStep } from './troops.queries.ts';

export type StepKind = 'return' | 'resolve' | 'reopen';
const stepTexts: Record<StepKind, { title: string; label: string; placeholder: string; ok: string }> = {
  resolve: {
    title: '办结',
    label: '办理结果',
    placeholder: '写明采取的措施和解决情况，提出单位将据此评价',
    ok: '办结',
  },
  return: {
    title: '退回双拥办',
    label: '退回理由',
    placeholder: '说明不属于本单位职责的理由，建议改派的部门',
    ok: '退回',
  },
  reopen: {
    title: '重新办理',
    label: '未解决的情况',
    placeholder: '说明问题为何没有解决，还需要做什么',
    ok: '退回重办',
  },
};

export function AssignDialog({ id, current, onClose }: { id: number; current: number | null; onClose: () => void }) {
  const departments = useUnits('department');
  const assign = useAssign(id);
  return (
    <FormModal
      title={current ? '改派或调整办理期限' : '交办到责任部门'}
      okText="确定交办"
      initialValues={{ departmentId: current ?? undefined, dueDate: dayjs().add(15, 'day') }}
      submit={(v: { departmentId: number; dueDate: Dayjs; comment?: string }) =>
        assign.mutateAsync({
          departmentId: v.departmentId,
          dueDate: v.dueDate.format('YYYY-MM-DD'),
          comment: v.comment?.trim() || null,
        })
      }
      success="已交办，责任部门会收到站内消息"
      onClose={onClose}
    >
      <Form.Item name="departmentId" label="责任部门" rules={[{ required: true, message: '请选择责任部门' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.isPending}
          options={(departments.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
          placeholder="选择政府部门"
          data-testid="assign-department"
        />
      </Form.Item>
      <Form.Item name="dueDate" label="办理期限" rules={[{ required: true, message: '请选择办理期限' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="comment" label="交办意见">
        <Input.TextArea rows={3} maxLength={2000} placeholder="可选：办理要求、联系人等" />
      </Form.Item>
    </FormModal>
  );
}

export function StepDialog({
  id,
  kind,
  onClose,
  onLeft,
}: {
  id: number;
  kind: StepKind;
  onClose: () => void;
  onLeft: () => void;
}) {
  const step = useStep(id);
  const text = stepTexts[kind];
  return (
    <FormModal
      title={text.title}
      okText={text.ok}
      submit={(v: { comment: string }) => step.mutateAsync({ action: kind, comment: v.comment.trim() })}
      success={`已${text.ok}`}
      // Handed back: the request has left the department's scope.
      onSaved={(result) => {
        if (!result.request) onLeft();
      }}
      onClose={onClose}
    >
      <Form.Item
        name="comment"
        label={text.label}
        rules={[{ required: true, whitespace: true, message: `请填写${text.label}` }]}
      >
        <Input.TextArea rows={4} maxLength={2000} placeholder={text.placeholder} data-testid="step-comment" />
      </Form.Item>
    </FormModal>
  );
}

export function RateDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const rate = useRate(id);
  return (
    <FormModal
      title="评价办理结果"
      okText="提交评价"
      initialValues={{ rating: 5 }}
      submit={(v: { rating: number; comment?: string }) =>
        rate.mutateAsync({ rating: v.rating, comment: v.comment?.trim() || null })
      }
      success="感谢评价"
      onClose={onClose}
    >
      <Form.Item name="rating" label="满意程度" rules={[{ required: true, message: '请选择评分' }]}>
        <Rate tooltips={['很不满意', '不满意', '一般', '满意', '非常满意']} />
      </Form.Item>
      <Form.Item name="comment" label="评价意见">
        <Input.TextArea rows={3} maxLength={2000} placeholder="可选" />
      </Form.Item>
    </FormModal>
  );
}

export function SupporterDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const options = useSupporterOptions();
  const link = useLinkSupporter(id);
  return (
    <FormModal
      title="关联参与解决的社会力量"
      okText="关联"
      submit={(v: { supporterId: number; note?: string }) =>
        link.mutateAsync({ supporterId: v.supporterId, note: v.note?.trim() || null })
      }
      success="已关联"
      onClose={onClose}
    >
      {options.data?.length === 0 && <Empty description="还没有登记社会力量，请先到“社会力量”页面登记。" />}
      <Form.Item name="supporterId" label="社会力量" rules={[{ required: true, message: '请选择' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={options.isPending}
          options={(options.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="note" label="提供的帮助">
        <Input maxLength={500} placeholder="如：提供 2 个收银岗位" />
      </Form.Item>
    </FormModal>
  );
}
