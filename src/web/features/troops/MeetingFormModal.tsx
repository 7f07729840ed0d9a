import { DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  type MeetingDetail,
  type MeetingKind,
  meetingKindLabels,
  meetingKinds,
} from '../../../shared/api/troops.api.ts';
import { FormListRows } from '../../components/FormListRows.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { useIsMobile } from '../../components/responsive.ts';
import { useUnits } from '../org/org.queries.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { unitText } from '../org/unit-text.ts';
import { useSaveMeeting } from './troops.queries.ts';

interface Values {
  kind: MeetingKind;
  title: string;
  heldOn: Dayjs;
  place?: string;
  regionId?: number | null;
  minutes?: string;
  decisions: { text: string }[];
  attendees: { unitId?: number | null; name?: string; title?: string }[];
}

/** Record or edit a meeting (the office): attendees, minutes and what was decided. */
export function MeetingFormModal({
  meeting,
  onClose,
  onSaved,
}: {
  meeting: MeetingDetail | null;
  onClose: () => void;
  onSaved?: (m: MeetingDetail) => void;
}) {
  const isMobile = useIsMobile();
  const save = useSaveMeeting();
  const units = useUnits();
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: unitText(u) }));

  return (
    <FormModal
      title={meeting ? '修改会议' : '登记会议'}
      width={760}
      initialValues={{
        kind: meeting?.kind ?? 'joint',
        title: meeting?.title,
        heldOn: meeting ? dayjs(meeting.heldOn) : dayjs(),
        place: meeting?.place ?? undefined,
        regionId: meeting?.regionId ?? undefined,
        minutes: meeting?.minutes ?? undefined,
        decisions: (meeting?.decisions ?? []).map((text) => ({ text })),
        attendees: (meeting?.attendees ?? []).map((a) => ({
          unitId: a.unit?.id ?? null,
          name: a.name ?? undefined,
          title: a.title ?? undefined,
        })),
      }}
      submit={(v: Values) =>
        save.mutateAsync({
          id: meeting?.id ?? null,
          input: {
            kind: v.kind,
            title: v.title.trim(),
            heldOn: v.heldOn.format('YYYY-MM-DD'),
            place: blankToNull(v.place),
            regionId: v.regionId ?? null,
            minutes: blankToNull(v.minutes),
            decisions: (v.decisions ?? []).map((d) => d.text?.trim()).filter((d): d is string => !!d),
            attendees: (v.attendees ?? [])
              .filter((a) => a.unitId || a.name?.trim())
              .map((a) => ({ unitId: a.unitId ?? null, name: blankToNull(a.name), title: blankToNull(a.title) })),
          },
        })
      }
      success="会议已保存"
      onSaved={onSaved}
      onClose={onClose}
    >
      <Space wrap style={{ width: '100%' }} align="start">
        <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
          <Select
            style={{ width: 160 }}
            options={meetingKinds.map((k) => ({ value: k, label: meetingKindLabels[k] }))}
          />
        </Form.Item>
        <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item
        name="title"
        label="会议名称"
        rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}
      >
        <Input maxLength={100} placeholder="如：2026年春节前军地座谈会" />
      </Form.Item>
      <Form.Item name="place" label="地点">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="regionId" label="所属区域" extra="不选则为您所在的区域">
        <RegionSelect />
      </Form.Item>
      <Form.Item label="参会单位和人员">
        <FormListRows
          name="attendees"
          addText="添加参会人员"
          removeLabel="移除"
          newRow={() => ({})}
          align="baseline"
          rowStyle={{ marginBottom: 8 }}
        >
          {(field) => (
            <>
              <Form.Item name={[field.name, 'unitId']} noStyle>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="单位"
                  options={unitOptions}
                  style={{ width: 260 }}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'name']} noStyle>
                <Input placeholder="姓名" style={{ width: 110 }} maxLength={64} />
              </Form.Item>
              <Form.Item name={[field.name, 'title']} noStyle>
                <Input placeholder="职务" style={{ width: 110 }} maxLength={64} />
              </Form.Item>
            </>
          )}
        </FormListRows>
      </Form.Item>
      <Form.Item name="minutes" label="会议纪要">
        <Input.TextArea rows={5} maxLength={20000} />
      </Form.Item>
      <Form.Item label="议定事项">
        <FormListRows
          name="decisions"
          addText="添加议定事项"
          removeLabel="移除"
          newRow={() => ({ text: '' })}
          align="baseline"
          rowStyle={{ marginBottom: 8 }}
        >
          {(field, i) => (
            <>
              <span>{i + 1}.</span>
              <Form.Item name={[field.name, 'text']} noStyle>
                <Input.TextArea autoSize maxLength={1000} style={{ width: isMobile ? 240 : 560 }} />
              </Form.Item>
            </>
          )}
        </FormListRows>
      </Form.Item>
    </FormModal>
  );
}
