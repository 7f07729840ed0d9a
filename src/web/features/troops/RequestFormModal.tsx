import { Form, Input, Radio, Select } from 'antd';
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import { type RequestSubject, requestSubjectLabels } from '../../../shared/api/troops.api.ts';
import { ContactFields } from '../../components/ContactFields.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useUnits } from '../org/org.queries.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { unitText } from '../org/unit-text.ts';
import { type CreateRequestInput, useCreateRequest, useLookupList, useUpdateRequest } from './troops.queries.ts';
import { ProgrammeSelect } from './troops-ui.tsx';

interface Values {
  subject: RequestSubject;
  militaryUnitId?: number | null;
  regionId?: number | null;
  kindCode: string;
  title: string;
  content: string;
  familyName?: string;
  familyRelation?: string;
  familyPhone?: string;
  programmeIds: number[];
}

/**
 * Raise a request (troop liaison: for its own unit), record one (the office: for any unit, a family, or as
 * produced at a meeting), or edit one still 待受理.
 */
export function RequestFormModal({
  request,
  meetingId,
  unitChoices,
  onClose,
  onSaved,
}: {
  request?: RequestDetail;
  meetingId?: number;
  /** Limits the unit list (e.g. to a meeting's attending units). */
  unitChoices?: readonly number[];
  onClose: () => void;
  onSaved?: (saved: RequestDetail) => void;
}) {
  const me = useMe();
  const isTroop = me.role === 'troop';
  const [form] = Form.useForm<Values>();
  const create = useCreateRequest();
  const update = useUpdateRequest(request?.id ?? 0);
  const kinds = useLookupList('request_kind');
  const military = useUnits('military', !isTroop && !request);
  const subject = Form.useWatch('subject', form) ?? request?.subject ?? 'unit';

  const submit = (v: Values) => {
    const common = {
      kindCode: v.kindCode,
      title: v.title.trim(),
      content: v.content.trim(),
      familyName: blankToNull(v.familyName),
      familyRelation: blankToNull(v.familyRelation),
      familyPhone: blankToNull(v.familyPhone),
      programmeIds: v.programmeIds ?? [],
    };
    if (request) return update.mutateAsync(common);
    const input: CreateRequestInput = {
      ...common,
      subject: v.subject,
      militaryUnitId: isTroop ? null : (v.militaryUnitId ?? null),
      regionId: v.regionId ?? null,
      meetingId: meetingId ?? null,
    };
    return create.mutateAsync(input);
  };

  const unitOptions = (military.data ?? [])
    .filter((u) => !unitChoices || unitChoices.includes(u.id))
    .map((u) => ({ value: u.id, label: unitText(u) }));

  return (
    <FormModal
      form={form}
      title={request ? '修改诉求' : isTroop ? '提出诉求' : meetingId ? '登记会上提出的诉求' : '登记诉求'}
      okText={request ? '保存' : isTroop ? '提交' : '登记'}
      width={640}
      initialValues={{
        subject: request?.subject ?? 'unit',
        kindCode: request?.kindCode,
        title: request?.title,
        content: request?.content,
        familyName: request?.familyName ?? undefined,
        familyRelation: request?.familyRelation ?? undefined,
        familyPhone: request?.familyPhone ?? undefined,
        programmeIds: request?.programmeIds ?? [],
        militaryUnitId: unitChoices?.length === 1 ? unitChoices[0] : undefined,
      }}
      submit={submit}
      success={request ? '诉求已修改' : isTroop ? '诉求已提交，双拥办将尽快交办' : '诉求已登记'}
      onSaved={onSaved}
      onClose={onClose}
    >
      {!request && (
        <Form.Item name="subject" label="诉求对象">
          <Radio.Group
            optionType="button"
            options={(['unit', 'family'] as const).map((s) => ({ value: s, label: requestSubjectLabels[s] }))}
          />
        </Form.Item>
      )}
      {!request && !isTroop && (
        <Form.Item
          name="militaryUnitId"
          label="提出诉求的部队"
          rules={subject === 'unit' ? [{ required: true, message: '请选择驻区部队' }] : []}
          extra={subject === 'family' ? '军人家庭诉求可不选部队（如军休服务、走访中发现的家庭困难）' : undefined}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions}
            placeholder="选择驻区部队"
            loading={military.isPending}
          />
        </Form.Item>
      )}
      {!request && !isTroop && subject === 'family' && (
        <Form.Item name="regionId" label="家庭所在区域" extra="不选则为您所在的区域">
          <RegionSelect />
        </Form.Item>
      )}
      <Form.Item name="kindCode" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择类别"
          data-testid="request-kind"
          options={kinds.options
            .filter((k) => k.subject === null || k.subject === subject)
            .map((k) => ({ value: k.value, label: k.label }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label="标题"
        rules={[{ required: true, whitespace: true, message: '请用一句话概括诉求' }]}
      >
        <Input maxLength={100} placeholder="如：营区东门外道路破损积水" data-testid="request-title" />
      </Form.Item>
      <Form.Item
        name="content"
        label="具体情况"
        rules={[{ required: true, whitespace: true, message: '请写明具体情况和希望解决的事项' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          placeholder="写明问题、影响和希望地方协调解决的事项"
          data-testid="request-content"
        />
      </Form.Item>
      {subject === 'family' && (
        <>
          <Form.Item
            name="familyName"
            label="家庭联系人"
            rules={[{ required: true, whitespace: true, message: '请填写家庭联系人姓名' }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="familyRelation" label="与军人关系">
            <Input maxLength={32} placeholder="如：配偶、父母、子女" />
          </Form.Item>
          <ContactFields phone="familyPhone" />
        </>
      )}
      <Form.Item name="programmeIds" label="专项活动">
        <ProgrammeSelect />
      </Form.Item>
    </FormModal>
  );
}
