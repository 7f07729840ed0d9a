/**
 * The visit form's links to the troop side, kept apart from the form itself: needs that a department must
 * handle (转为诉求, each becomes a request about this family) and the 专项活动 tags of the visit. Their choices
 * come from /api/visits/form-options, which the service worker keeps for offline use.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, type FormInstance, Input, Select, Space, Switch, Tag } from 'antd';
import { useEffect } from 'react';
import type { VisitFormOptions, VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import { api } from '../../api/client.ts';
import { phoneRule } from '../../components/form-rules.ts';

export interface VisitNeedValues {
  kindCode: string;
  content: string;
  contactPhone?: string;
}

/** The part of the form's values these sections own. */
export interface VisitLinkValues {
  toRequest?: boolean;
  requests?: VisitNeedValues[];
  programmeIds?: number[];
}

export function useVisitFormOptions() {
  return useQuery({
    queryKey: ['campaigns', 'visits', 'form-options'],
    queryFn: ({ signal }) => api.get<VisitFormOptions>('/api/visits/form-options', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** What the sections add to the visit's body (programmeIds left out when the choices never loaded). */
export function visitLinkBody(v: VisitLinkValues) {
  return {
    requests: v.toRequest
      ? (v.requests ?? []).map((r) => ({
          kindCode: r.kindCode,
          content: r.content.trim(),
          contactPhone: r.contactPhone?.trim() || null,
        }))
      : [],
    ...(v.programmeIds !== undefined && { programmeIds: v.programmeIds }),
  };
}

/** 转为诉求: needs for a department (随军家属就业、子女入学入托、军休服务、医疗 …), one request each. */
export function VisitNeedsSection({ form }: { form: FormInstance }) {
  const options = useVisitFormOptions();
  const on = Form.useWatch('toRequest', form) as boolean | undefined;
  const kinds = options.data?.requestKinds ?? [];
  return (
    <>
      <Form.Item
        name="toRequest"
        label="需部门办理的诉求（转为诉求）"
        valuePropName="checked"
        extra="如随军家属就业、子女入学入托、军休服务、医疗等：提交后转双拥办交办责任部门，办理进度可在本户走访记录中查看。"
      >
        <Switch data-testid="visit-to-request" />
      </Form.Item>
      {on && (
        <Form.List name="requests" initialValue={[{}]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`诉求 ${i + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label="删除此项诉求"
                        onClick={() => remove(field.name)}
                      />
                    )
                  }
                >
                  <Form.Item
                    name={[field.name, 'kindCode']}
                    label="诉求类别"
                    rules={[{ required: true, message: '请选择诉求类别' }]}
                  >
                    <Select
                      data-testid="visit-request-kind"
                      placeholder={options.isError && kinds.length === 0 ? '无网络，暂无法加载类别' : '请选择'}
                      options={kinds.map((k) => ({ value: k.code, label: k.name }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'content']}
                    label="需要办理的事项"
                    rules={[{ required: true, min: 2, message: '请写明需要办理的事项' }]}
                  >
                    <Input.TextArea rows={2} data-testid="visit-request-content" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'contactPhone']}
                    label="联系电话（选填，供办理部门联系）"
                    rules={[{ validator: phoneRule }]}
                  >
                    <Input inputMode="tel" maxLength={20} />
                  </Form.Item>
                </Card>
              ))}
              {fields.length < 5 && (
                <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                  再加一项诉求
                </Button>
              )}
            </>
          )}
        </Form.List>
      )}
    </>
  );
}

/** 专项活动 tags, preset from the campaign's defaults until the visitor changes them. */
export function VisitProgrammesField({ form, campaignId }: { form: FormInstance; campaignId: number }) {
  const options = useVisitFormOptions();
  const data = options.data;
  useEffect(() => {
    if (!data || form.isFieldTouched('programmeIds')) return;
    const defaults = data.campaignProgrammes.find((c) => c.campaignId === campaignId)?.programmeIds ?? [];
    form.setFieldValue('programmeIds', defaults);
  }, [data, form, campaignId]);
  if (!data || data.programmes.length === 0) return null;
  return (
    <Form.Item name="programmeIds" label="专项活动" extra="默认取本次活动设定的专项活动，可按实际情况调整。">
      <Checkbox.Group options={data.programmes.map((p) => ({ value: p.id, label: p.name }))} />
    </Form.Item>
  );
}

/** On a recorded visit: the requests it opened with their status now, and its 专项活动. */
export function VisitLinksView({ visit }: { visit: VisitItem }) {
  if (visit.requests.length === 0 && visit.programmes.length === 0) return null;
  return (
    <Card size="small" style={{ marginTop: 12 }} title="转办诉求与专项活动" data-testid="visit-links">
      <Space direction="vertical" style={{ width: '100%' }}>
        {visit.requests.map((r) => (
          <div key={r.id} data-testid="visit-request">
            <Tag color={r.status === 'pending' ? 'orange' : r.status === 'in_progress' ? 'blue' : 'green'}>
              {r.statusLabel}
            </Tag>
            {r.title}
          </div>
        ))}
        {visit.programmes.length > 0 && (
          <div>
            {visit.programmes.map((p) => (
              <Tag key={p.id}>{p.name}</Tag>
            ))}
          </div>
        )}
      </Space>
    </Card>
  );
}
