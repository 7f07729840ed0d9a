import { AimOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from 'antd';
import { type AssigneeKind, assigneeKindLabels, assigneeKinds } from '../../../shared/api/notices.api.ts';
import { blankToNull } from '../../components/form-text.ts';

export interface TaskFormValue {
  id?: number;
  no: number;
  title: string;
  body: string;
  suggestedKinds: AssigneeKind[];
  /** offset of the section in the imported text (import only) */
  at?: number;
}

export interface NoticeFormValues {
  docNumber: string | null;
  title: string;
  issuers: string[];
  date: string | null;
  recipients: string[];
  cc: string[];
  body: string;
  requirements: string[];
  attachments: string[];
  hasInner: boolean;
  inner: { docNumber: string | null; title: string | null; issuers: string[]; date: string | null; body: string };
  innerRecipients: string[];
  tasks: TaskFormValue[];
}

const emptyInner = { docNumber: null, title: null, issuers: [], date: null, body: '' };

/** Form values from a parsed draft or a saved notice. */
export function formValues(n: {
  docNumber: string | null;
  title: string | null;
  issuers: string[];
  date: string | null;
  recipients: string[];
  cc: string[];
  body: string | null;
  requirements: string[];
  attachments: string[];
  inner: {
    docNumber: string | null;
    title: string | null;
    issuers: string[];
    date: string | null;
    recipients: string[];
    body: string | null;
  } | null;
  tasks: { id?: number; no: number; title: string; body: string; suggestedKinds: AssigneeKind[]; at?: number }[];
}): NoticeFormValues {
  return {
    docNumber: n.docNumber,
    title: n.title ?? '',
    issuers: n.issuers,
    date: n.date,
    recipients: n.recipients,
    cc: n.cc,
    body: n.body ?? '',
    requirements: n.requirements,
    attachments: n.attachments,
    hasInner: n.inner !== null,
    inner: n.inner
      ? {
          docNumber: n.inner.docNumber,
          title: n.inner.title,
          issuers: n.inner.issuers,
          date: n.inner.date,
          body: n.inner.body ?? '',
        }
      : emptyInner,
    innerRecipients: n.inner?.recipients ?? [],
    tasks: n.tasks.map((t) => ({
      ...(t.id === undefined ? {} : { id: t.id }),
      no: t.no,
      title: t.title,
      body: t.body,
      suggestedKinds: t.suggestedKinds,
      ...(t.at === undefined ? {} : { at: t.at }),
    })),
  };
}

const cleanList = (list: string[] | undefined) => (list ?? []).map((s) => s.trim()).filter((s) => s !== '');

/** The request body (without `source` / `version`) from the form values. */
export function noticeRequest(v: NoticeFormValues) {
  return {
    docNumber: blankToNull(v.docNumber),
    title: (v.title ?? '').trim(),
    issuers: cleanList(v.issuers),
    date: blankToNull(v.date),
    recipients: cleanList(v.recipients),
    cc: cleanList(v.cc),
    body: v.body ?? '',
    requirements: cleanList(v.requirements),
    attachments: cleanList(v.attachments),
    inner:
      v.hasInner && v.inner
        ? {
            docNumber: blankToNull(v.inner.docNumber),
            title: blankToNull(v.inner.title),
            issuers: cleanList(v.inner.issuers),
            date: blankToNull(v.inner.date),
            recipients: cleanList(v.innerRecipients),
            body: v.inner.body ?? '',
          }
        : null,
    tasks: (v.tasks ?? []).map((t) => ({
      ...(t.id === undefined ? {} : { id: t.id }),
      no: t.no,
      title: (t.title ?? '').trim(),
      body: t.body ?? '',
      suggestedKinds: t.suggestedKinds ?? [],
    })),
  };
}

const tagsProps = {
  mode: 'tags' as const,
  tokenSeparators: ['；', ';', '\n'],
  open: false,
  suffixIcon: null,
  style: { width: '100%' },
};

const kindOptions = assigneeKinds.map((k) => ({ value: k, label: assigneeKindLabels[k] }));

/**
 * The fields of a notice: header, the forwarded notice (转发), body, tasks and general requirements.
 * `onLocate` shows where a task came from in the imported text.
 */
export function NoticeFields({
  form,
  onLocate,
}: {
  form: FormInstance<NoticeFormValues>;
  onLocate?: (at: number) => void;
}) {
  const hasInner = Form.useWatch('hasInner', form);
  return (
    <>
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写通知标题' }]}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={300}
          placeholder="如：关于做好2026年春节期间拥军优属工作的通知"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="docNumber" label="文号">
            <Input placeholder="如：普府办〔2021〕4号（没有可不填）" maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="date" label="成文日期">
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="issuers"
        label="发文机关"
        extra="可填多个（联合发文），回车或分号分隔"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个发文机关' }]}
      >
        <Select {...tagsProps} placeholder="如：普陀区人民政府办公室" />
      </Form.Item>
      <Form.Item name="recipients" label="主送">
        <Select {...tagsProps} placeholder="如：各街道办事处、镇政府" />
      </Form.Item>
      <Form.Item name="cc" label="抄送">
        <Select {...tagsProps} placeholder="没有可不填" />
      </Form.Item>
      <Form.Item name="attachments" label="附件（正文所列）">
        <Select {...tagsProps} placeholder="没有可不填" />
      </Form.Item>
      <Form.Item name="hasInner" hidden valuePropName="checked">
        <Checkbox />
      </Form.Item>
      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        defaultActiveKey={hasInner ? ['inner'] : []}
        items={[
          {
            key: 'inner',
            label: hasInner ? '转发的通知（内层）' : '这是转发通知？添加被转发的通知',
            extra: hasInner ? (
              <Button size="small" type="link" danger onClick={() => form.setFieldValue('hasInner', false)}>
                去掉
              </Button>
            ) : (
              <Button size="small" type="link" onClick={() => form.setFieldValue('hasInner', true)}>
                添加
              </Button>
            ),
            children: hasInner ? (
              <>
                <Form.Item name={['inner', 'title']} label="被转发通知的标题">
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={['inner', 'docNumber']} label="文号">
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['inner', 'date']} label="成文日期">
                      <Input type="date" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={['inner', 'issuers']} label="发文机关">
                  <Select {...tagsProps} />
                </Form.Item>
                <Form.Item name="innerRecipients" label="主送">
                  <Select {...tagsProps} />
                </Form.Item>
                <Form.Item name={['inner', 'body']} label="正文">
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
                </Form.Item>
              </>
            ) : (
              <div style={{ color: 'rgba(0,0,0,.55)' }}>
                转发通知保留两层：外层（转发机关、文号、日期）和内层（原发文机关、日期）。
              </div>
            ),
          },
        ]}
      />
      <Form.Item name="body" label={hasInner ? '转发说明（外层正文）' : '正文'}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
      </Form.Item>

      <Form.List name="tasks">
        {(fields, { add, remove }) => (
          <div data-testid="notice-task-editor">
            <div style={{ fontWeight: 600, margin: '8px 0' }}>工作事项（分解为任务，分派给承办单位）</div>
            {fields.map((field, index) => {
              const at = form.getFieldValue(['tasks', field.name, 'at']) as number | undefined;
              return (
                <Card
                  key={field.key}
                  size="small"
                  className="sy-task-card"
                  title={`第 ${index + 1} 项`}
                  extra={
                    <Space size={4}>
                      {onLocate && at !== undefined && (
                        <Button size="small" type="link" icon={<AimOutlined />} onClick={() => onLocate(at)}>
                          原文位置
                        </Button>
                      )}
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label="删除此项"
                        onClick={() => remove(field.name)}
                      />
                    </Space>
                  }
                >
                  <Row gutter={8}>
                    <Col flex="90px">
                      <Form.Item name={[field.name, 'no']} label="序号" rules={[{ required: true, message: '序号' }]}>
                        <InputNumber min={1} max={999} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Form.Item
                        name={[field.name, 'title']}
                        label="任务标题"
                        rules={[{ required: true, whitespace: true, message: '请填写任务标题' }]}
                      >
                        <Input maxLength={200} data-testid="task-title-input" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[field.name, 'body']} label="内容">
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'suggestedKinds']}
                    label="建议承办"
                    extra="分派时据此预选单位：驻区部队 → 各部队，街道/镇 → 各街道办事处 …"
                  >
                    <Select mode="multiple" options={kindOptions} placeholder="文中未指明" />
                  </Form.Item>
                </Card>
              );
            })}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              style={{ marginTop: 12 }}
              onClick={() => add({ no: fields.length + 1, title: '', body: '', suggestedKinds: [] })}
            >
              添加一项任务
            </Button>
          </div>
        )}
      </Form.List>

      <Form.List name="requirements">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 16 }}>
            <div style={{ fontWeight: 600, margin: '8px 0' }}>总体要求（不分派，随每项任务显示给承办单位）</div>
            {fields.map((field) => (
              <Space.Compact key={field.key} style={{ width: '100%', marginBottom: 8 }}>
                <Form.Item name={field.name} noStyle>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label="删除此条要求" onClick={() => remove(field.name)} />
              </Space.Compact>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add('')}>
              添加一条要求
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}
