import { Form, Input, InputNumber, Select } from 'antd';
import type { CreateMeritRequest, MeritItem } from '../../../shared/api/honours.api.ts';
import { type MeritAward, meritAwardLabels, meritAwards } from '../../../shared/domain/honours/honours.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { PersonPicker } from '../campaigns/PersonPicker.tsx';
import { useUnits } from '../org/org.queries.ts';
import { todayInChina, useCreateMerit, useDeliverMerit } from './honours.queries.ts';

interface CreateValues {
  award: MeritAward;
  honoraryTitle?: string;
  awardedOn?: string;
  servicemanName: string;
  militaryUnitId?: number | null;
  citation?: string;
  personId: number;
  relation?: string;
  receivedOn: string;
}

/** 登记立功喜报: the award, the serviceman (confidential), the family in the registry, the date it arrived. */
export function CreateMeritModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const award = Form.useWatch('award', form);
  const create = useCreateMerit();
  const units = useUnits('military');

  const submit = (v: CreateValues) => {
    const body: CreateMeritRequest = {
      award: v.award,
      honoraryTitle: blankToNull(v.honoraryTitle),
      awardedOn: blankToNull(v.awardedOn),
      servicemanName: v.servicemanName,
      militaryUnitId: v.militaryUnitId ?? null,
      citation: blankToNull(v.citation),
      personId: v.personId,
      relation: blankToNull(v.relation),
      receivedOn: v.receivedOn,
    };
    return create.mutateAsync(body);
  };

  return (
    <FormModal
      form={form}
      title="登记立功喜报"
      okText="登记"
      width={600}
      initialValues={{ award: 'third_class', receivedOn: todayInChina() }}
      submit={submit}
      success={(m) => `已登记，请于 ${m.dueOn} 前送达家属`}
      onClose={onClose}
    >
      <Form.Item name="award" label="奖励类别" rules={[{ required: true, message: '请选择奖励类别' }]}>
        <Select options={meritAwards.map((a) => ({ value: a, label: meritAwardLabels[a] }))} />
      </Form.Item>
      {award === 'honorary_title' && (
        <Form.Item name="honoraryTitle" label="荣誉称号名称" rules={[{ required: true, message: '请填写称号名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item name="servicemanName" label="立功军人姓名" rules={[{ required: true, message: '请填写军人姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="militaryUnitId" label="所在部队（保密，仅有权限的人员可见番号）">
        <Select
          allowClear
          loading={units.isPending}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.designation ?? u.name }))}
        />
      </Form.Item>
      <Form.Item name="awardedOn" label="授奖日期">
        <Input type="date" />
      </Form.Item>
      <Form.Item name="citation" label="主要事迹（保密）">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="personId"
        label="家属（优抚对象名册中的人员）"
        rules={[{ required: true, message: '请选择家属' }]}
      >
        <PersonPicker />
      </Form.Item>
      <Form.Item name="relation" label="与军人关系">
        <Select
          allowClear
          options={['父母', '配偶', '子女', '兄弟姐妹', '其他'].map((r) => ({ value: r, label: r }))}
        />
      </Form.Item>
      <Form.Item
        name="receivedOn"
        label="收到喜报日期（送达期限为其后 2 个工作日）"
        rules={[{ required: true, message: '请填写收到日期' }]}
      >
        <Input type="date" max={todayInChina()} />
      </Form.Item>
    </FormModal>
  );
}

interface DeliverValues {
  deliveredOn: string;
  deliveredBy: string;
  ceremony?: string;
  rewardYuan?: number | null;
}

/** 登记送达: the day the notice reached the family, who went, the ceremony, the reward money. */
export function DeliverMeritModal({ merit, onClose }: { merit: MeritItem; onClose: () => void }) {
  const deliver = useDeliverMerit(merit.id);
  return (
    <FormModal
      title={`送达立功喜报 · ${merit.family.name}家`}
      okText="登记送达"
      initialValues={{ deliveredOn: todayInChina() }}
      submit={(v: DeliverValues) =>
        deliver.mutateAsync({
          deliveredOn: v.deliveredOn,
          deliveredBy: v.deliveredBy,
          ceremony: blankToNull(v.ceremony),
          rewardCents: Math.round((v.rewardYuan ?? 0) * 100),
        })
      }
      success="已登记送达"
      onClose={onClose}
    >
      <Form.Item name="deliveredOn" label="送达日期" rules={[{ required: true, message: '请填写送达日期' }]}>
        <Input type="date" min={merit.receivedOn} max={todayInChina()} />
      </Form.Item>
      <Form.Item name="deliveredBy" label="送达人员" rules={[{ required: true, message: '请填写参加送达的人员' }]}>
        <Input maxLength={200} placeholder="如：街道武装部 王五、社区 李六" />
      </Form.Item>
      <Form.Item name="ceremony" label="仪式">
        <Input.TextArea rows={2} maxLength={500} placeholder="如：敲锣打鼓送喜报上门，社区举行简短仪式" />
      </Form.Item>
      <Form.Item name="rewardYuan" label="奖励金（元）">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
