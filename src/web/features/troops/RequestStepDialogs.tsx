/** The dialogs of a request's steps: assign, return/resolve/reopen with a comment, rate, link a supporter. */
import { Alert, DatePicker, Empty, Form, Input, Modal, Rate, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useFeedback } from '../../components/use-feedback.ts';
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
  const [form] = Form.useForm<{ departmentId: number; dueDate: Dayjs; comment?: string }>();
  const departments = useUnits('department');
  const assign = useAssign(id);
  const feedback = useFeedback();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={current ? '改派或调整办理期限' : '交办到责任部门'}
      okText="确定交办"
      cancelText="取消"
      confirmLoading={assign.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ departmentId: current ?? undefined, dueDate: dayjs().add(15, 'day') }}
        onFinish={(v) =>
          assign.mutate(
            {
              departmentId: v.departmentId,
              dueDate: v.dueDate.format('YYYY-MM-DD'),
              comment: v.comment?.trim() || null,
            },
            {
              onSuccess: () => {
                feedback.success('已交办，责任部门会收到站内消息');
                onClose();
              },
              onError: (e) => setError(applyServerErrors(form, e)),
            },
          )
        }
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
      </Form>
    </Modal>
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
  const [form] = Form.useForm<{ comment: string }>();
  const step = useStep(id);
  const feedback = useFeedback();
  const text = stepTexts[kind];
  return (
    <Modal
      open
      title={text.title}
      okText={text.ok}
      cancelText="取消"
      confirmLoading={step.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          step.mutate(
            { action: kind, comment: v.comment.trim() },
            {
              onSuccess: (result) => {
                feedback.success(`已${text.ok}`);
                onClose();
                // Handed back: the request has left the department's scope.
                if (!result.request) onLeft();
              },
              onError: feedback.error,
            },
          )
        }
      >
        <Form.Item
          name="comment"
          label={text.label}
          rules={[{ required: true, whitespace: true, message: `请填写${text.label}` }]}
        >
          <Input.TextArea rows={4} maxLength={2000} placeholder={text.placeholder} data-testid="step-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RateDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const rate = useRate(id);
  const feedback = useFeedback();
  return (
    <Modal
      open
      title="评价办理结果"
      okText="提交评价"
      cancelText="取消"
      confirmLoading={rate.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ rating: 5 }}
        onFinish={(v) =>
          rate.mutate(
            { rating: v.rating, comment: v.comment?.trim() || null },
            {
              onSuccess: () => {
                feedback.success('感谢评价');
                onClose();
              },
              onError: feedback.error,
            },
          )
        }
      >
        <Form.Item name="rating" label="满意程度" rules={[{ required: true, message: '请选择评分' }]}>
          <Rate tooltips={['很不满意', '不满意', '一般', '满意', '非常满意']} />
        </Form.Item>
        <Form.Item name="comment" label="评价意见">
          <Input.TextArea rows={3} maxLength={2000} placeholder="可选" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SupporterDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const [form] = Form.useForm<{ supporterId: number; note?: string }>();
  const options = useSupporterOptions();
  const link = useLinkSupporter(id);
  const feedback = useFeedback();
  return (
    <Modal
      open
      title="关联参与解决的社会力量"
      okText="关联"
      cancelText="取消"
      confirmLoading={link.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {options.data?.length === 0 && <Empty description="还没有登记社会力量，请先到“社会力量”页面登记。" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          link.mutate(
            { supporterId: v.supporterId, note: v.note?.trim() || null },
            {
              onSuccess: () => {
                feedback.success('已关联');
                onClose();
              },
              onError: feedback.error,
            },
          )
        }
      >
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
      </Form>
    </Modal>
  );
}

/** Where a request raised at a campaign visit came from: the campaign, the family visited, the date. */
