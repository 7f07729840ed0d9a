import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Divider, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { RegistryDictionary } from '../../../shared/api/registry.api.ts';
import { normalizePersonName } from '../../../shared/domain/person-name.ts';
import { rule } from '../../components/form-rules.ts';
import type { Values } from './person-form.ts';

/** The person form's “优抚身份” card: one row of fields per qualification, at least one. */
export function QualificationsCard({ dictionary }: { dictionary: RegistryDictionary }) {
  return (
    <Card title="优抚身份" style={{ marginBottom: 16 }}>
      <Form.List
        name="qualifications"
        rules={[
          {
            validator: async (_, list: unknown[]) => {
              if (!list || list.length === 0) throw new Error('请至少登记一项优抚身份');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <QualificationFields
                key={field.key}
                index={index}
                name={field.name}
                dictionary={dictionary}
                onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
              />
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
              增加一项优抚身份
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function QualificationFields({
  index,
  name,
  dictionary,
  onRemove,
}: {
  index: number;
  name: number;
  dictionary: RegistryDictionary;
  onRemove: (() => void) | undefined;
}) {
  const form = Form.useFormInstance<Values>();
  const code = Form.useWatch(['qualifications', name, 'category'], form) as string | undefined;
  const category = dictionary.categories.find((c) => c.code === code);
  const details = category?.details ?? [];
  const groups = [...new Set(dictionary.categories.map((c) => c.group))];
  return (
    <div style={{ marginBottom: 8 }}>
      {index > 0 && <Divider style={{ margin: '8px 0 16px' }} />}
      <Row gutter={16} align="bottom">
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'id']} hidden>
            <Input />
          </Form.Item>
          <Form.Item
            name={[name, 'category']}
            label={`优抚类别${index > 0 ? `（${index + 1}）` : ''}`}
            rules={[{ required: true, message: '请选择优抚类别' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'search' }}
              placeholder="选择类别，可输入简称（如 烈属）"
              options={groups.map((g) => ({
                label: g,
                title: g,
                options: dictionary.categories
                  .filter((c) => c.group === g)
                  .map((c) => ({ value: c.code, label: c.name, search: [c.name, ...c.aliases].join(' ') })),
              }))}
            />
          </Form.Item>
        </Col>
        {details.includes('disability') && (
          <>
            <Col xs={12} md={4}>
              <Form.Item
                name={[name, 'disabilityGrade']}
                label="伤残等级"
                rules={[{ required: true, message: '请选择伤残等级' }]}
              >
                <Select
                  placeholder="1–10 级"
                  options={Array.from({ length: 10 }, (_, i) => ({
                    value: i + 1,
                    label: `${i + 1} 级${i === 0 ? '（最重）' : ''}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name={[name, 'disabilityNature']} label="伤残性质">
                <Select allowClear options={dictionary.disabilityNatures.map((n) => ({ value: n, label: n }))} />
              </Form.Item>
            </Col>
          </>
        )}
        {details.includes('relation') && (
          <>
            <Col xs={12} md={4}>
              <Form.Item name={[name, 'relation']} label="与军人关系">
                <Select allowClear options={dictionary.relations.map((r) => ({ value: r, label: r }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name={[name, 'servicemanName']}
                label={code === 'serviceman_family' ? '军人姓名' : '烈士/军人姓名'}
                rules={[{ validator: rule((v) => normalizePersonName(v)) }]}
              >
                <Input maxLength={40} data-script-skip="" />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} md={4}>
          <Form.Item name={[name, 'certificateNo']} label="证件号">
            <Input maxLength={40} placeholder="如 残军证号、抚恤证号" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16} align="bottom">
        <Col xs={12} md={4}>
          <Form.Item name={[name, 'startDate']} label="起始日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name={[name, 'endDate']}
            label="终止日期"
            dependencies={[['qualifications', name, 'startDate']]}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_: unknown, end: Dayjs | null) => {
                  const start = getFieldValue(['qualifications', name, 'startDate']) as Dayjs | null;
                  if (start && end?.isBefore(start, 'day')) throw new Error('终止日期早于起始日期');
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[name, 'flags']} label="标识">
            <Select
              mode="multiple"
              allowClear
              placeholder="参战/参试、带病回乡……"
              options={dictionary.flags.map((f) => ({ value: f.code, label: f.name }))}
            />
          </Form.Item>
        </Col>
        {onRemove && (
          <Col xs={24} md={4}>
            <Form.Item>
              <Button danger icon={<DeleteOutlined />} onClick={onRemove}>
                删除此项
              </Button>
            </Form.Item>
          </Col>
        )}
      </Row>
      {category?.periodic && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -8, marginBottom: 8 }}>
          “{category.name}”享受定期抚恤补助，每年须进行年度确认。
        </Typography.Text>
      )}
    </div>
  );
}
