import { Form, Input } from 'antd';
import type { PlaqueActionRequest, PlaqueItem } from '../../../shared/api/honours.api.ts';
import { type PlaqueAction, plaqueActionLabels } from '../../../shared/domain/honours/honours.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { todayInChina, usePlaqueAction } from './honours.queries.ts';
import { SignaturePad } from './SignaturePad.tsx';

interface Values {
  date: string;
  performedBy?: string;
  familySigner?: string;
  reason?: string;
  signature?: string | null;
}

const needsSigner = (a: PlaqueAction) => a === 'hang';
const needsPerformer = (a: PlaqueAction) => a !== 'withdraw';
const needsReason = (a: PlaqueAction) => a !== 'hang';

/** 悬挂 / 更换 / 收回 / 恢复 a household's plaque: date, who, the family's signature, the reason. */
export function PlaqueActionModal({
  plaque,
  action,
  onClose,
}: {
  plaque: PlaqueItem;
  action: PlaqueAction;
  onClose: () => void;
}) {
  const run = usePlaqueAction(plaque.householdId);
  const label = plaqueActionLabels[action];

  const submit = (v: Values) => {
    const base = { date: v.date, reason: v.reason?.trim() || null };
    let body: PlaqueActionRequest;
    if (action === 'withdraw') {
      body = { action, ...base, reason: base.reason ?? '', performedBy: v.performedBy?.trim() || null };
    } else if (action === 'hang') {
      body = {
        action,
        ...base,
        performedBy: v.performedBy ?? '',
        familySigner: v.familySigner ?? '',
        signature: v.signature ?? null,
      };
    } else {
      body = {
        action,
        ...base,
        reason: base.reason ?? '',
        performedBy: v.performedBy ?? '',
        familySigner: v.familySigner?.trim() || null,
        signature: v.signature ?? null,
      };
    }
    return run.mutateAsync(body);
  };

  return (
    <FormModal
      title={`${label}光荣牌 · ${plaque.householdName}`}
      okText={`确认${label}`}
      initialValues={{ date: todayInChina() }}
      submit={submit}
      success={`已登记光荣牌${label}`}
      onClose={onClose}
    >
      <Form.Item name="date" label={`${label}日期`} rules={[{ required: true, message: '请选择日期' }]}>
        <Input type="date" max={todayInChina()} />
      </Form.Item>
      {needsPerformer(action) && (
        <Form.Item
          name="performedBy"
          label={action === 'replace' ? '更换人' : '悬挂人'}
          rules={[{ required: true, message: '请填写经办人员姓名' }]}
        >
          <Input maxLength={50} placeholder="如：长寿路街道 王五" />
        </Form.Item>
      )}
      {action === 'withdraw' && (
        <Form.Item name="performedBy" label="经办人">
          <Input maxLength={50} />
        </Form.Item>
      )}
      {action !== 'withdraw' && (
        <Form.Item
          name="familySigner"
          label="家属签字人"
          rules={needsSigner(action) ? [{ required: true, message: '请填写签收的家属姓名' }] : []}
        >
          <Input maxLength={50} />
        </Form.Item>
      )}
      {action !== 'withdraw' && (
        <Form.Item name="signature" label="家属签字（可选，手写）">
          <SignaturePad />
        </Form.Item>
      )}
      {needsReason(action) && (
        <Form.Item name="reason" label={`${label}原因`} rules={[{ required: true, message: `请填写${label}原因` }]}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      )}
    </FormModal>
  );
}
