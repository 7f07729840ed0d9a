import { Form, Input, Select } from 'antd';
import { regionLevelLabels, regionLevels } from '../../../shared/api/regions.api.ts';
import type { CreateRegionRequest, RegionItem } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useCreateRegion } from './org.queries.ts';

const childLevel: Partial<Record<RegionItem['level'], RegionItem['level']>> = {
  province: 'city',
  city: 'district',
  district: 'street',
  street: 'community',
  town: 'village',
};

/** 新增下级区划 (regions.manage). */
export function RegionFormModal({
  parent,
  onClose,
  onCreated,
}: {
  parent: RegionItem;
  onClose: () => void;
  onCreated: (created: RegionItem) => void;
}) {
  const create = useCreateRegion();
  const parentIndex = regionLevels.indexOf(parent.level);

  return (
    <FormModal
      title={`在“${parent.name}”下新增区划`}
      initialValues={{ parentId: parent.id, level: childLevel[parent.level] ?? 'community', code: parent.code }}
      submit={(values: CreateRegionRequest) => create.mutateAsync({ ...values, parentId: parent.id })}
      success={(created) => `已新增区划：${created.name}`}
      onSaved={onCreated}
      errorFields={{ CONFLICT: 'code' }}
      onClose={onClose}
    >
      <Form.Item name="parentId" hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name="code"
        label="统计用区划代码"
        extra="6 位（区县及以上）或 12 位（街道、社区）数字"
        rules={[
          { required: true, message: '请输入区划代码' },
          { pattern: /^\d{6}(\d{6})?$/, message: '区划代码应为 6 位或 12 位数字' },
        ]}
      >
        <Input inputMode="numeric" maxLength={12} />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
        <Input maxLength={64} placeholder="如：长寿路街道" />
      </Form.Item>
      <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
        <Select
          options={regionLevels
            .filter((_, i) => i > parentIndex)
            .map((level) => ({ value: level, label: regionLevelLabels[level] }))}
        />
      </Form.Item>
    </FormModal>
  );
}
