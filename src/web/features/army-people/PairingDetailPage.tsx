import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { beneficiaryKindLabels } from '../../../shared/api/army-people.api.ts';
import { type NotFoundProps, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useLookupList } from '../troops/troops.queries.ts';
import { ProgrammeTags, UnitLabel, yuan } from '../troops/troops-ui.tsx';
import { useAddContact, useDeleteContact, usePairing } from './army-people.queries.ts';
import { PairingFormModal } from './PairingFormModal.tsx';
import { DueCell } from './PairingsPage.tsx';

const notFound: NotFoundProps = {
  title: '未找到该结对',
  subTitle: '它可能不存在，或不在您的数据范围内。',
  back: '/army-people/pairings',
  backText: '返回结对列表',
};

/** One pairing: who, how often, and the log of every contact (visits, donations, 义诊, 助学). */
export function PairingDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const feedback = useFeedback();
  const pairing = usePairing(id);
  const remove = useDeleteContact(id);
  const [editing, setEditing] = useState(false);

  if (pairing.isError) return <RecordLoadError query={pairing} notFound={notFound} />;
  const p = pairing.data;
  if (!p) return <Card loading />;
  return (
    <>
      <PageHeader
        title={p.beneficiaryName}
        subTitle={
          <Space wrap>
            <Tag>{p.categoryName}</Tag>
            <Tag>{beneficiaryKindLabels[p.beneficiaryKind]}</Tag>
            <ProgrammeTags ids={p.programmeIds} />
            <DueCell p={p} />
          </Space>
        }
        extra={
          <Space wrap>
            {p.canEdit && <Button onClick={() => setEditing(true)}>修改</Button>}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/army-people/pairings')}>
              返回列表
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title="结对情况">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="结对部队">
                <UnitLabel unit={p.militaryUnit} />
              </Descriptions.Item>
              <Descriptions.Item label="所在区域">{p.regionName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="地址">{p.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="电话">{p.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="结对日期">
                {p.startedOn}
                {p.endedOn ? ` 至 ${p.endedOn}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="计划频次">每 {p.cadenceDays} 天联系一次</Descriptions.Item>
              <Descriptions.Item label="累计帮扶">
                {p.contactCount} 次，经费 {yuan(p.spendCents)}
              </Descriptions.Item>
            </Descriptions>
            {p.notes && <div className="sy-pre">{p.notes}</div>}
          </Card>
          {p.canEdit && <ContactForm id={p.id} startedOn={p.startedOn} />}
        </Col>
        <Col xs={24} lg={14}>
          <Card title="帮扶记录">
            {p.contacts.length === 0 ? (
              <span className="sy-code">还没有帮扶记录。</span>
            ) : (
              <Timeline
                items={p.contacts.map((c) => ({
                  content: (
                    <div>
                      <Space wrap>
                        <strong>{c.contactedOn}</strong>
                        <Tag>{c.kindName}</Tag>
                        {c.participants > 0 && <span className="sy-code">{c.participants} 人参加</span>}
                        {c.spendCents > 0 && <span className="sy-code">经费 {yuan(c.spendCents)}</span>}
                        {p.canEdit && (
                          <Popconfirm
                            title="删除这条误录的记录？"
                            okText="删除"
                            cancelText="取消"
                            onConfirm={() => remove.mutate(c.id, { onError: feedback.error })}
                          >
                            <Button type="link" size="small" danger>
                              删除
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                      {c.summary && <div className="sy-pre">{c.summary}</div>}
                      <div className="sy-code">{c.recordedBy}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {editing && <PairingFormModal pairing={p} onClose={() => setEditing(false)} />}
    </>
  );
}

function ContactForm({ id, startedOn }: { id: number; startedOn: string }) {
  const [form] = Form.useForm<{
    contactedOn: Dayjs;
    kindCode: string;
    summary?: string;
    participants?: number;
    spendYuan?: number;
  }>();
  const kinds = useLookupList('contact_kind');
  const add = useAddContact(id);
  const feedback = useFeedback();
  return (
    <Card title="记录一次帮扶" style={{ marginTop: 16 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ contactedOn: dayjs(), kindCode: 'visit', participants: 1, spendYuan: 0 }}
        onFinish={(v) =>
          add.mutate(
            {
              contactedOn: v.contactedOn.format('YYYY-MM-DD'),
              kindCode: v.kindCode,
              summary: v.summary?.trim() || null,
              participants: v.participants ?? 0,
              spendCents: Math.round((v.spendYuan ?? 0) * 100),
            },
            {
              onSuccess: () => {
                feedback.success('已记录');
                form.resetFields(['summary']);
              },
              onError: feedback.error,
            },
          )
        }
      >
        <Space wrap align="start">
          <Form.Item name="contactedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(startedOn), 'day')} />
          </Form.Item>
          <Form.Item name="kindCode" label="方式" rules={[{ required: true }]}>
            <Select style={{ width: 130 }} options={kinds.options.map((k) => ({ value: k.value, label: k.label }))} />
          </Form.Item>
          <Form.Item name="participants" label="参加人数">
            <InputNumber min={0} max={100000} />
          </Form.Item>
          <Form.Item name="spendYuan" label="经费（元）">
            <InputNumber min={0} precision={2} step={10} />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label="情况">
          <Input.TextArea rows={3} maxLength={2000} placeholder="做了什么、对象近况、下次需要跟进的事" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          保存记录
        </Button>
      </Form>
    </Card>
  );
}
