import { Alert, Form, Input, Select, Switch } from 'antd';
import { type UnitKind, unitKindLabels } from '../../../shared/api/units.api.ts';
import type { SaveUnitRequest, UnitItem } from '../../api/types.ts';
import { ContactFields } from '../../components/ContactFields.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { useSaveUnit } from './org.queries.ts';
import { RegionSelect } from './RegionSelect.tsx';

interface Values {
  kind: UnitKind;
  name: string;
  regionId: number | null;
  designation: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  active: boolean;
}

/** Create or edit a unit. `kinds` are the kinds the user may manage. */
export function UnitFormModal({
  unit,
  kinds,
  defaultKind,
  onClose,
}: {
  unit: UnitItem | null;
  kinds: readonly UnitKind[];
  defaultKind?: UnitKind | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useSaveUnit();
  const kind = Form.useWatch('kind', form);
  const military = kind === 'military';
  const initialKind = unit?.kind ?? (defaultKind && kinds.includes(defaultKind) ? defaultKind : kinds[0]);

  const toInput = (values: Values): SaveUnitRequest => ({
    kind: values.kind,
    name: values.name.trim(),
    regionId: values.regionId ?? null,
    designation: values.kind === 'military' ? blankToNull(values.designation) : null,
    contactName: blankToNull(values.contactName),
    contactPhone: blankToNull(values.contactPhone),
    address: blankToNull(values.address),
    active: values.active,
  });

  return (
    <FormModal
      form={form}
      title={unit ? '编辑单位' : '新增单位'}
      width={600}
      initialValues={{
        kind: initialKind,
        name: unit?.name ?? '',
        regionId: unit?.regionId ?? null,
        designation: unit?.designation ?? null,
        contactName: unit?.contactName ?? null,
        contactPhone: unit?.contactPhone ?? null,
        address: unit?.address ?? null,
        active: unit?.active ?? true,
      }}
      submit={(values) => save.mutateAsync({ id: unit?.id ?? null, input: toInput(values) })}
      success={(saved) => (unit ? '单位信息已保存' : `已新增单位：${saved.name}`)}
      onClose={onClose}
    >
      {unit?.kind === 'military' && !unit.designation && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="您无权查看该部队的番号：在此保存会清空已登记的番号。请改由有保密权限的双拥办工作人员修改。"
        />
      )}
      <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={kinds.map((k) => ({ value: k, label: unitKindLabels[k] }))} disabled={kinds.length === 1} />
      </Form.Item>
      <Form.Item
        name="name"
        label={military ? '代称（对外显示的名称）' : '名称'}
        extra={military ? '无保密权限的人员只能看到代称，如“某部”“驻区某部队”。' : undefined}
        rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      {military && (
        <Form.Item
          name="designation"
          label="番号（保密）"
          extra="加密保存，仅授权角色可见；审计日志只记录是否修改，不记录番号内容。"
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="regionId" label="所在区划">
        <RegionSelect />
      </Form.Item>
      <ContactFields name="contactName" phone="contactPhone" address="address" />
      <Form.Item name="active" label="状态" valuePropName="checked">
        <Switch checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </FormModal>
  );
}
