import { DatePicker, Form, Input, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  type BeneficiaryKind,
  beneficiaryKindLabels,
  type PairingDetail,
} from '../../../shared/api/army-people.api.ts';
import { cadenceOptions } from '../../../shared/domain/troops/pairing-cadence.ts';
import { ContactFields } from '../../components/ContactFields.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useUnits } from '../org/org.queries.ts';
import { unitText } from '../org/unit-text.ts';
import { useLookupList } from '../troops/troops.queries.ts';
import { PlaceSelect, ProgrammeSelect } from '../troops/troops-ui.tsx';
import { useSavePairing } from './army-people.queries.ts';

interface Values {
  militaryUnitId?: number;
  regionId: number;
  beneficiaryKind: BeneficiaryKind;
  beneficiaryName: string;
  categoryCode: string;
  programmeIds: number[];
  cadenceDays: number;
  startedOn: Dayjs;
  endedOn?: Dayjs | null;
  active: boolean;
  address?: string;
  phone?: string;
  notes?: string;
}

/** Record or edit a pairing of a military unit with a person or family in need. */
export function PairingFormModal({
  pairing,
  onClose,
  onSaved,
}: {
  pairing: PairingDetail | null;
  onClose: () => void;
  onSaved?: (p: PairingDetail) => void;
}) {
  const me = useMe();
  const save = useSavePairing();
  const categories = useLookupList('pairing_category');
  const military = useUnits('military', me.role !== 'troop');
  return (
    <FormModal
      title={pairing ? '修改结对' : '登记结对'}
      width={640}
      initialValues={{
        militaryUnitId: pairing?.militaryUnit.id,
        regionId: pairing?.regionId ?? undefined,
        beneficiaryKind: pairing?.beneficiaryKind ?? 'person',
        beneficiaryName: pairing?.beneficiaryName,
        categoryCode: pairing?.categoryCode,
        programmeIds: pairing?.programmeIds ?? [],
        cadenceDays: pairing?.cadenceDays ?? 30,
        startedOn: pairing ? dayjs(pairing.startedOn) : dayjs(),
        endedOn: pairing?.endedOn ? dayjs(pairing.endedOn) : null,
        active: pairing?.active ?? true,
        address: pairing?.address ?? undefined,
        phone: pairing?.phone ?? undefined,
        notes: pairing?.notes ?? undefined,
      }}
      submit={(v: Values) =>
        save.mutateAsync({
          id: pairing?.id ?? null,
          input: {
            militaryUnitId: me.role === 'troop' ? null : (v.militaryUnitId ?? null),
            regionId: v.regionId,
            beneficiaryKind: v.beneficiaryKind,
            beneficiaryName: v.beneficiaryName.trim(),
            categoryCode: v.categoryCode,
            programmeIds: v.programmeIds ?? [],
            cadenceDays: v.cadenceDays,
            startedOn: v.startedOn.format('YYYY-MM-DD'),
            endedOn: v.endedOn ? v.endedOn.format('YYYY-MM-DD') : null,
            active: v.active,
            address: blankToNull(v.address),
            phone: blankToNull(v.phone),
            notes: blankToNull(v.notes),
          },
        })
      }
      success="结对已保存"
      onSaved={onSaved}
      onClose={onClose}
    >
      {me.role !== 'troop' && (
        <Form.Item name="militaryUnitId" label="结对部队" rules={[{ required: true, message: '请选择驻区部队' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={military.isPending}
            options={(military.data ?? []).map((u) => ({ value: u.id, label: unitText(u) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="beneficiaryKind" label="结对对象">
        <Radio.Group
          optionType="button"
          options={(['person', 'family'] as const).map((k) => ({ value: k, label: beneficiaryKindLabels[k] }))}
        />
      </Form.Item>
      <Form.Item
        name="beneficiaryName"
        label="姓名或家庭"
        rules={[{ required: true, whitespace: true, message: '请填写姓名或家庭名称' }]}
      >
        <Input maxLength={64} placeholder="如：孙某某 / 李某某家庭" />
      </Form.Item>
      <Form.Item name="categoryCode" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={categories.options.map((c) => ({ value: c.value, label: c.label }))} />
      </Form.Item>
      <Form.Item name="regionId" label="所在社区或街道" rules={[{ required: true, message: '请选择所在区域' }]}>
        <PlaceSelect />
      </Form.Item>
      <Form.Item name="programmeIds" label="专项（如军徽映夕阳、军徽映晨曦）">
        <ProgrammeSelect />
      </Form.Item>
      <Form.Item name="cadenceDays" label="计划联系频次" rules={[{ required: true }]}>
        <Select options={cadenceOptions.map((c) => ({ value: c.days, label: c.label }))} />
      </Form.Item>
      <Form.Item name="startedOn" label="结对日期" rules={[{ required: true, message: '请选择结对日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="endedOn" label="结束日期" extra="长期结对可不填">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <ContactFields phone="phone" address="address" />
      <Form.Item name="notes" label="情况说明">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="active" label="结对中" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
