import { useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { SaveStandardRequest, StandardItem } from '../../../shared/api/campaigns.api.ts';
import type { RegistryDictionary } from '../../../shared/api/registry.api.ts';
import type { Condition, ConditionKind } from '../../../shared/domain/campaign/standards.ts';
import { api } from '../../api/client.ts';
import { FormListRows } from '../../components/FormListRows.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { toCents } from './campaign-format.tsx';
import { campaignApi, useCampaignMutation } from './campaigns.queries.ts';

const kindLabels: Record<ConditionKind, string> = {
  disabilityGrade: '伤残等级',
  disabilityNature: '伤残性质',
  relation: '与军人关系',
  hukouLocal: '户籍',
  alive: '在世',
  age: '年龄',
  livingSituation: '生活状况',
  flag: '标识',
};
const natureOptions = [
  { value: 'war', label: '因战' },
  { value: 'duty', label: '因公' },
  { value: 'illness', label: '因病' },
];

interface ConditionRow {
  kind: ConditionKind;
  min?: number | null;
  max?: number | null;
  anyOf?: string[];
  value?: boolean;
}
interface GoodsRow {
  name: string;
  quantity: number;
  priceYuan: number;
  unit: string;
}
interface Values {
  name: string;
  priority: number;
  categories: string[];
  conditions: ConditionRow[];
  cashYuan: number;
  goods: GoodsRow[];
  letterTemplate?: string;
}

function toInput(v: Values): SaveStandardRequest {
  const conditions = (v.conditions ?? []).map((c): Condition => {
    const range = { ...(c.min != null && { min: c.min }), ...(c.max != null && { max: c.max }) };
    switch (c.kind) {
      case 'disabilityGrade':
        return { kind: 'disabilityGrade', ...range };
      case 'age':
        return { kind: 'age', ...range };
      case 'hukouLocal':
        return { kind: 'hukouLocal', value: c.value ?? true };
      case 'alive':
        return { kind: 'alive', value: c.value ?? true };
      case 'disabilityNature':
        return { kind: 'disabilityNature', anyOf: (c.anyOf ?? []) as ('war' | 'duty' | 'illness')[] };
      default:
        return { kind: c.kind, anyOf: c.anyOf ?? [] };
    }
  });
  return {
    name: v.name,
    priority: v.priority ?? 0,
    categories: v.categories ?? [],
    conditions,
    package: {
      cashCents: toCents(v.cashYuan),
      goods: (v.goods ?? []).map((g) => ({
        name: g.name,
        quantity: g.quantity,
        unitPriceCents: toCents(g.priceYuan),
        unit: g.unit,
      })),
      ...(v.letterTemplate?.trim() && { letterTemplate: v.letterTemplate }),
    },
  };
}

function toValues(s: StandardItem | null): Partial<Values> {
  if (!s)
    return { priority: 10, categories: [], conditions: [{ kind: 'hukouLocal', value: true }], cashYuan: 0, goods: [] };
  return {
    name: s.name,
    priority: s.priority,
    categories: s.categories,
    conditions: s.conditions.map((c) => ({ ...c }) as ConditionRow),
    cashYuan: s.package.cashCents / 100,
    goods: s.package.goods.map((g) => ({
      name: g.name,
      quantity: g.quantity,
      priceYuan: g.unitPriceCents / 100,
      unit: g.unit,
    })),
    letterTemplate: s.package.letterTemplate ?? '',
  };
}

export function useDictionary() {
  return useQuery({
    queryKey: ['registry', 'dictionary'],
    queryFn: ({ signal }) => api.get<RegistryDictionary>('/api/registry/dictionary', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** 慰问标准 editor: categories + conditions → a package with a priority. */
export function StandardForm({
  campaignId,
  standard,
  onClose,
}: {
  campaignId: number;
  standard: StandardItem | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const dict = useDictionary();
  const save = useCampaignMutation((input: SaveStandardRequest) =>
    campaignApi.saveStandard(campaignId, standard?.id ?? null, input),
  );
  const anyOfOptions = (kind: ConditionKind) => {
    const d = dict.data;
    if (kind === 'disabilityNature') return natureOptions;
    if (kind === 'relation') return (d?.relations ?? []).map((x) => ({ value: x, label: x }));
    if (kind === 'livingSituation') return (d?.livingSituations ?? []).map((x) => ({ value: x, label: x }));
    if (kind === 'flag') return (d?.flags ?? []).map((f) => ({ value: f.code, label: f.name }));
    return [];
  };
  return (
    <FormModal
      form={form}
      width={760}
      title={standard ? `修改标准：${standard.name}` : '新增慰问标准'}
      okTestId="standard-save"
      initialValues={toValues(standard)}
      submit={(v) => save.mutateAsync(toInput(v))}
      success={(_, v) => `已保存标准“${v.name}”`}
      onClose={onClose}
    >
      <Space wrap align="start">
        <Form.Item name="name" label="标准名称" rules={[{ required: true, message: '请填写标准名称' }]}>
          <Input style={{ width: 280 }} maxLength={100} />
        </Form.Item>
        <Form.Item name="priority" label="优先级（数字大者优先）">
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item name="categories" label="优抚类别（不选 = 任何类别）">
        <Select
          mode="multiple"
          allowClear
          options={(dict.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
        />
      </Form.Item>
      <Typography.Text strong>条件（全部满足）</Typography.Text>
      <FormListRows
        name="conditions"
        addText="添加条件"
        removeLabel="删除条件"
        newRow={() => ({ kind: 'age', min: 80 })}
        align="start"
        rowStyle={{ marginTop: 8 }}
      >
        {(field) => (
          <>
            <Form.Item name={[field.name, 'kind']} noStyle>
              <Select
                style={{ width: 130 }}
                options={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() => {
                const kind = form.getFieldValue(['conditions', field.name, 'kind']) as ConditionKind;
                if (kind === 'disabilityGrade' || kind === 'age') {
                  const unit = kind === 'age' ? '岁' : '级';
                  return (
                    <Space>
                      <Form.Item name={[field.name, 'min']} noStyle>
                        <InputNumber placeholder={`最小${unit}`} min={kind === 'age' ? 0 : 1} />
                      </Form.Item>
                      ～
                      <Form.Item name={[field.name, 'max']} noStyle>
                        <InputNumber placeholder={`最大${unit}`} min={kind === 'age' ? 0 : 1} />
                      </Form.Item>
                      {unit}
                    </Space>
                  );
                }
                if (kind === 'hukouLocal' || kind === 'alive') {
                  const [yes, no] = kind === 'alive' ? ['在世', '已故'] : ['本区户籍', '非本区户籍'];
                  return (
                    <Form.Item name={[field.name, 'value']} noStyle initialValue>
                      <Select
                        style={{ width: 140 }}
                        options={[
                          { value: true, label: yes },
                          { value: false, label: no },
                        ]}
                      />
                    </Form.Item>
                  );
                }
                return (
                  <Form.Item name={[field.name, 'anyOf']} noStyle>
                    <Select
                      mode="multiple"
                      style={{ minWidth: 260 }}
                      placeholder="任一即可"
                      options={anyOfOptions(kind)}
                    />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </>
        )}
      </FormListRows>
      <Form.Item
        name="cashYuan"
        label="慰问金（元）"
        style={{ marginTop: 16 }}
        rules={[{ required: true, message: '请填写慰问金，无则填 0' }]}
      >
        <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="standard-cash" />
      </Form.Item>
      <Typography.Text strong>慰问品</Typography.Text>
      <FormListRows
        name="goods"
        addText="添加慰问品"
        removeLabel="删除慰问品"
        newRow={() => ({ quantity: 1, unit: '份', priceYuan: 0 })}
        rowStyle={{ marginTop: 8 }}
      >
        {(field) => (
          <>
            <Form.Item name={[field.name, 'name']} noStyle rules={[{ required: true, message: '请填写名称' }]}>
              <Input placeholder="名称，如 大米" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name={[field.name, 'quantity']} noStyle>
              <InputNumber min={1} placeholder="数量" />
            </Form.Item>
            <Form.Item name={[field.name, 'unit']} noStyle>
              <Input placeholder="单位" style={{ width: 70 }} />
            </Form.Item>
            <Form.Item name={[field.name, 'priceYuan']} noStyle>
              <InputNumber min={0} precision={2} placeholder="单价（元）" data-testid="standard-goods-price" />
            </Form.Item>
          </>
        )}
      </FormListRows>
      <Form.Item
        name="letterTemplate"
        label="慰问信模板"
        style={{ marginTop: 16 }}
        extra="可用占位：{{姓名}} {{称谓}} {{类别}} {{落款单位}} {{日期}}"
      >
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}
