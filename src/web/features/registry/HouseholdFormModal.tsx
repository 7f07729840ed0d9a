import { Form, Input } from 'antd';
import type { HouseholdDetail } from '../../../shared/api/registry.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { useSaveHousehold } from './registry.queries.ts';
import { applyNestedErrors } from './registry-ui.tsx';

interface Values {
  name: string;
  regionId: number | null;
  address?: string;
}

/** 新建 / 修改家庭户: its name (usually 户主姓名 + 户), community and address. */
export function HouseholdFormModal({
  household,
  defaults,
  onClose,
  onSaved,
}: {
  household: HouseholdDetail | null;
  defaults?: Partial<Values>;
  onClose: () => void;
  onSaved?: (h: HouseholdDetail) => void;
}) {
  const save = useSaveHousehold();
  return (
    <FormModal
      title={household ? '修改家庭户' : '新建家庭户'}
      initialValues={{
        name: household?.name ?? defaults?.name ?? '',
        regionId: household?.regionId ?? defaults?.regionId ?? null,
        address: household?.address ?? defaults?.address ?? '',
      }}
      submit={(v: Values) =>
        save.mutateAsync({
          id: household?.id ?? null,
          input: { name: v.name.trim(), regionId: v.regionId as number, address: v.address?.trim() || null },
        })
      }
      success={(saved) => (household ? '家庭户已保存' : `已新建家庭户“${saved.name}”`)}
      onSaved={onSaved}
      applyErrors={applyNestedErrors}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label="户名"
        extra="通常为“户主姓名 + 户”，如“张三户”。"
        rules={[{ required: true, whitespace: true, message: '请填写户名，如“张三户”' }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="regionId" label="所在社区/村" rules={[{ required: true, message: '请选择所在社区/村' }]}>
        <RegionSelect placeholder="选择社区/村" />
      </Form.Item>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} placeholder="如：梅岭北路 100 弄 1 号 101 室" />
      </Form.Item>
    </FormModal>
  );
}
