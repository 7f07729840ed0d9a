import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { regionLevelLabels, regionLevels } from '../../../shared/api/regions.api.ts';
import type { CreateRegionRequest, RegionItem } from '../../api/types.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useCreateRegion } from './org.queries.ts';

const childLevel: Partial<Record<RegionItem['level'], RegionItem['level']>> = {
  province: 'city',
  city: 'district',
  district: 'street',
  street: 'community',
  town: 'village',
};

/** 新增下级区划 (regions.manage). */
export function RegionFormModal({ parent, onClose }: { parent: RegionItem; onClose: (created?: RegionItem) => void }) {
  const [form] = Form.useForm<CreateRegionRequest>();
  const create = useCreateRegion();
  const feedback = useFeedback();
  const [formError, setFormError] = useState<string | null>(null);
  const parentIndex = regionLevels.indexOf(parent.level);

  return (
    <Modal
      open
      title={`在“${parent.name}”下新增区划`}
      okText="保存"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form<CreateRegionRequest>
        form={form}
        layout="vertical"
        initialValues={{ parentId: parent.id, level: childLevel[parent.level] ?? 'community', code: parent.code }}
        onFinish={(values) => {
          setFormError(null);
          create.mutate(
            { ...values, parentId: parent.id },
            {
              onSuccess: (created) => {
                feedback.success(`已新增区划：${created.name}`);
                onClose(created);
              },
              onError: (error) => setFormError(applyServerErrors(form, error, { CONFLICT: 'code' })),
            },
          );
        }}
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
      </Form>
    </Modal>
  );
}
