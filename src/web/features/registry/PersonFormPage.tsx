import { Alert, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PersonDetail, PersonInput, RegistryDictionary } from '../../../shared/api/registry.api.ts';
import { parseIdNumber } from '../../../shared/domain/id-number.ts';
import { normalizePersonName } from '../../../shared/domain/person-name.ts';
import { isApiError } from '../../api/client.ts';
import { idNumberRule, phoneRule } from '../../components/form-rules.ts';
import { blankToNull } from '../../components/form-text.ts';
import { type NotFoundProps, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { HouseholdFormModal } from './HouseholdFormModal.tsx';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { QualificationsCard } from './PersonQualifications.tsx';
import { initialValues, iso, nameRule, type Values } from './person-form.ts';
import { useDictionary, usePerson, useSavePerson } from './registry.queries.ts';
import { applyNestedErrors } from './registry-ui.tsx';

const notFound: NotFoundProps = {
  title: '未找到该优抚对象',
  subTitle: '该记录不存在，或不在您的数据范围内。',
  back: '/registry/persons',
  backText: '返回名册',
};

/** 登记 / 编辑优抚对象 (`/registry/persons/new`, `/registry/persons/:id/edit`). */
export function PersonFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const person = usePerson(id);
  const dictionary = useDictionary();

  if (person.isError) return <RecordLoadError query={person} notFound={notFound} />;
  if (dictionary.isError) return <QueryError error={dictionary.error} onRetry={() => dictionary.refetch()} />;
  if ((id !== null && person.isPending) || dictionary.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  return <PersonForm person={id === null ? undefined : person.data} dictionary={dictionary.data} />;
}

function PersonForm({ person, dictionary }: { person: PersonDetail | undefined; dictionary: RegistryDictionary }) {
  const [form] = Form.useForm<Values>();
  const save = useSavePerson();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [formError, setFormError] = useState<string | null>(null);
  const [newHousehold, setNewHousehold] = useState(false);
  const [createdHousehold, setCreatedHousehold] = useState<{ id: number; name: string } | null>(null);
  const idText = Form.useWatch('idNumber', form);
  const householdId = Form.useWatch('householdId', form);
  const residenceRegionId = Form.useWatch('residenceRegionId', form);
  const name = Form.useWatch('name', form);
  const categories = useMemo(() => new Map(dictionary.categories.map((c) => [c.code, c])), [dictionary]);

  const derived = useMemo(() => {
    if (!idText?.trim()) return null;
    const r = parseIdNumber(idText, new Date());
    return r.ok ? r.value : null;
  }, [idText]);

  const onFinish = (v: Values) => {
    setFormError(null);
    const input: PersonInput = {
      name: v.name,
      ...(v.idNumber?.trim() ? { idNumber: v.idNumber } : {}),
      phone: blankToNull(v.phone),
      phone2: blankToNull(v.phone2),
      residenceRegionId: v.residenceRegionId ?? null,
      address: blankToNull(v.address),
      hukouRegionId: v.hukouRegionId ?? null,
      hukouAddress: blankToNull(v.hukouAddress),
      householdId: v.householdId ?? null,
      householdRole: v.householdId ? (v.householdRole ?? null) : null,
      notes: blankToNull(v.notes),
      ...(person ? { version: person.version } : { livingSituations: v.livingSituations ?? [] }),
      qualifications: (v.qualifications ?? []).map((q) => {
        const details = categories.get(q.category ?? '')?.details ?? [];
        return {
          ...(q.id !== undefined ? { id: q.id } : {}),
          category: q.category ?? '',
          disabilityGrade: details.includes('disability') ? (q.disabilityGrade ?? null) : null,
          disabilityNature: details.includes('disability') ? (q.disabilityNature ?? null) : null,
          relation: details.includes('relation') ? (q.relation ?? null) : null,
          servicemanName: details.includes('relation') ? blankToNull(q.servicemanName) : null,
          certificateNo: blankToNull(q.certificateNo),
          startDate: iso(q.startDate),
          endDate: iso(q.endDate),
          flags: q.flags ?? [],
        };
      }),
    };
    save.mutate(
      { id: person?.id ?? null, input },
      {
        onSuccess: (saved) => {
          feedback.success(
            person ? (saved.changed ? '修改已保存，并记入修改历史' : '没有修改任何内容') : '优抚对象已登记',
          );
          navigate(`/registry/persons/${saved.id}`, { replace: true });
        },
        onError: (e) => {
          setFormError(applyNestedErrors(form, e));
          if (isApiError(e, 'CONFLICT') && e.details.some((d) => d.path === 'version')) setFormError(e.message);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={person ? '编辑优抚对象' : '登记优抚对象'}
        subTitle={
          person ? (
            <>
              正在编辑：<span data-script-skip="">{person.name}</span>（第 {person.version}{' '}
              版）。保存后旧内容保留在修改历史中。
            </>
          ) : (
            '性别和出生日期由身份证号自动得出；带 * 的为必填项。'
          )
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onFinishFailed={() => setFormError('还有未填好的项目，请按红色提示修改。')}
        disabled={save.isPending}
        initialValues={initialValues(person)}
        scrollToFirstError
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Card title="身份信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="name"
                label="姓名"
                required
                rules={[{ validator: nameRule }]}
                extra="生僻字（如 𡒄、𪚥）请直接输入，系统按原字保存。"
              >
                <Input maxLength={40} autoComplete="off" data-script-skip="" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="idNumber"
                label="身份证号"
                required={!person}
                rules={[{ validator: idNumberRule(!person) }]}
                extra={
                  derived
                    ? `${derived.sex === 'M' ? '男' : '女'} · ${derived.birthDate} 出生${derived.upgradedFrom15 ? ' · 15 位号码将升级为 18 位' : ''}`
                    : person
                      ? `当前：${person.idNumber}。如需更正，请输入完整的新号码；不改则留空。`
                      : '18 位（末位可为 X）或 15 位；小写 x、全角数字均可。'
                }
              >
                <Input maxLength={22} autoComplete="off" inputMode="text" className="sy-code" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="phone"
                label="联系电话"
                rules={[{ validator: phoneRule }]}
                extra="手机 11 位；固定电话写区号，如 021-62345678。"
              >
                <Input maxLength={30} inputMode="tel" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="phone2" label="备用电话（家属）" rules={[{ validator: phoneRule }]}>
                <Input maxLength={30} inputMode="tel" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="居住地与户籍" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="residenceRegionId"
                label="居住地（社区/村）"
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_: unknown, value: number | null) => {
                      if (value == null && getFieldValue('hukouRegionId') == null) {
                        throw new Error('请选择居住地或户籍地所在的社区/村');
                      }
                    },
                  }),
                ]}
              >
                <RegionSelect placeholder="选择居住的社区/村" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="address" label="居住地址">
                <Input maxLength={200} placeholder="如：梅岭北路 100 弄 1 号 101 室" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="hukouRegionId"
                label="户籍地（社区/村）"
                extra="户籍在本区的请选择；在外区、外省的留空，并填写户籍地址。"
              >
                <RegionSelect placeholder="选择户籍所在社区/村" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="hukouAddress" label="户籍地址">
                <Input maxLength={200} placeholder="外区户籍请写明，如：江苏省南京市玄武区…" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <QualificationsCard dictionary={dictionary} />

        <Card title="家庭户与其他" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="householdId" label="家庭户">
                <HouseholdSelect current={createdHousehold ?? (person?.household ? person.household : null)} />
              </Form.Item>
              <Button type="link" style={{ padding: 0, marginTop: -16 }} onClick={() => setNewHousehold(true)}>
                新建家庭户
              </Button>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="householdRole" label="户内关系">
                <Select
                  allowClear
                  disabled={!householdId}
                  placeholder={householdId ? '选择' : '先选择家庭户'}
                  options={dictionary.householdRoles.map((r) => ({ value: r, label: r }))}
                />
              </Form.Item>
            </Col>
            {!person && (
              <Col xs={24} md={8}>
                <Form.Item name="livingSituations" label="生活状况" extra="登记后可在“生活状况档案”中按时间补充评估。">
                  <Select
                    mode="multiple"
                    allowClear
                    placeholder="没有特殊情况则留空"
                    options={dictionary.livingSituations.map((s) => ({ value: s, label: s }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item name="notes" label="备注">
                <Input.TextArea rows={3} maxLength={1000} showCount />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Space wrap style={{ marginBottom: 24 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} size="large">
            {person ? '保存修改' : '登记'}
          </Button>
          <Button size="large" onClick={() => navigate(-1)}>
            取消
          </Button>
        </Space>
      </Form>
      {newHousehold && (
        <HouseholdFormModal
          household={null}
          defaults={{
            name: householdNameFor(name),
            regionId: residenceRegionId ?? null,
            address: form.getFieldValue('address'),
          }}
          onClose={() => setNewHousehold(false)}
          onSaved={(h) => {
            setCreatedHousehold({ id: h.id, name: h.name });
            form.setFieldsValue({ householdId: h.id, householdRole: form.getFieldValue('householdRole') ?? '户主' });
          }}
        />
      )}
    </>
  );
}

/** “张三户”, the way offices name a household after its head. */
function householdNameFor(name: string | undefined): string {
  const n = normalizePersonName(name ?? '');
  return n.ok ? `${n.value}户` : '';
}
