import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ActivityDetail } from '../../../shared/api/army-people.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useUnits } from '../org/org.queries.ts';
import { unitText } from '../org/unit-text.ts';
import { useLookupList } from '../troops/troops.queries.ts';
import { PlaceSelect, ProgrammeSelect } from '../troops/troops-ui.tsx';
import { useSaveActivity } from './army-people.queries.ts';

interface Values {
  typeCode: string;
  title: string;
  dates: [Dayjs, Dayjs | null];
  place?: string;
  regionId?: number | null;
  organiserUnitIds: number[];
  participantCount?: number;
  participants?: string;
  spendYuan?: number;
  summary?: string;
  programmeIds: number[];
}

/** Record or edit a joint activity; the spend is asked for every time (frugality is reported). */
export function ActivityFormModal({
  activity,
  defaultDate,
  onClose,
  onSaved,
}: {
  activity: ActivityDetail | null;
  defaultDate?: string;
  onClose: () => void;
  onSaved?: (a: ActivityDetail) => void;
}) {
  const me = useMe();
  const save = useSaveActivity();
  const types = useLookupList('activity_type');
  const units = useUnits();
  const organiserKinds = new Set(['military', 'department', 'office', 'street_office', 'service_station']);
  const ownUnit = me.role === 'troop' ? me.unit?.id : undefined;

  return (
    <FormModal
      title={activity ? '修改活动' : '登记活动'}
      width={680}
      initialValues={{
        typeCode: activity?.typeCode,
        title: activity?.title,
        dates: activity
          ? [dayjs(activity.heldOn), activity.endOn ? dayjs(activity.endOn) : null]
          : [dayjs(defaultDate), null],
        place: activity?.place ?? undefined,
        regionId: activity?.regionId ?? undefined,
        organiserUnitIds: activity?.organisers.map((o) => o.id) ?? (ownUnit ? [ownUnit] : []),
        participantCount: activity?.participantCount ?? 0,
        participants: activity?.participants ?? undefined,
        spendYuan: activity ? activity.spendCents / 100 : 0,
        summary: activity?.summary ?? undefined,
        programmeIds: activity?.programmeIds ?? [],
      }}
      submit={(v: Values) =>
        save.mutateAsync({
          id: activity?.id ?? null,
          input: {
            typeCode: v.typeCode,
            title: v.title.trim(),
            heldOn: v.dates[0].format('YYYY-MM-DD'),
            endOn: v.dates[1] && !v.dates[1].isSame(v.dates[0], 'day') ? v.dates[1].format('YYYY-MM-DD') : null,
            place: blankToNull(v.place),
            regionId: v.regionId ?? null,
            organiserUnitIds: v.organiserUnitIds ?? [],
            participantCount: v.participantCount ?? 0,
            participants: blankToNull(v.participants),
            spendCents: Math.round((v.spendYuan ?? 0) * 100),
            summary: blankToNull(v.summary),
            programmeIds: v.programmeIds ?? [],
          },
        })
      }
      success="活动已保存"
      onSaved={onSaved}
      onClose={onClose}
    >
      <Form.Item name="typeCode" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={types.options.map((t) => ({ value: t.value, label: t.label }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label="活动名称"
        rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}
      >
        <Input maxLength={100} placeholder="如：新春军民联欢会" />
      </Form.Item>
      <Form.Item
        name="dates"
        label="日期"
        rules={[
          {
            validator: (_, v: Values['dates'] | undefined) =>
              v?.[0] ? Promise.resolve() : Promise.reject(new Error('请选择活动日期')),
          },
        ]}
        extra="一天的活动只选开始日期即可"
      >
        <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="organiserUnitIds"
        label="组织单位（政府部门、街道、驻区部队）"
        rules={[
          {
            required: me.role !== 'troop',
            type: 'array',
            min: me.role === 'troop' ? 0 : 1,
            message: '请选择组织单位',
          },
        ]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.isPending}
          options={(units.data ?? [])
            .filter((u) => organiserKinds.has(u.kind))
            .map((u) => ({
              value: u.id,
              label: unitText(u),
              disabled: u.id === ownUnit,
            }))}
        />
      </Form.Item>
      <Form.Item
        name="regionId"
        label="举办地所在区域"
        extra={me.role === 'troop' ? '不选则为本部队所在区域' : '不选则为您所在的区域'}
      >
        <PlaceSelect placeholder="选择区域" />
      </Form.Item>
      <Form.Item name="place" label="地点">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="participantCount" label="参加人数">
        <InputNumber min={0} max={1000000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="participants" label="参加人员">
        <Input maxLength={1000} placeholder="如：官兵 40 人，社区居民 80 人" />
      </Form.Item>
      <Form.Item
        name="spendYuan"
        label="经费（元）"
        extra="如实填写，汇总时显示，体现节俭办活动"
        rules={[{ required: true, message: '请填写经费，没有花费填 0' }]}
      >
        <InputNumber min={0} precision={2} step={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="programmeIds" label="专项">
        <ProgrammeSelect />
      </Form.Item>
      <Form.Item name="summary" label="活动小结">
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
    </FormModal>
  );
}
