import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import {
  confirmationMethods,
  confirmationResultLabels,
  confirmationResults,
} from '../../../shared/api/registry.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import {
  useAddAssessment,
  useDictionary,
  useMarkDeceased,
  useRevealIdNumber,
  useSaveConfirmation,
} from './registry.queries.ts';
import { applyNestedErrors } from './registry-ui.tsx';

const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * The masked ID number, and — for cleared roles — the explicit, audited action that shows it in full.
 * The full number stays in this component only; it is never cached.
 */
export function IdNumberField({ person }: { person: PersonDetail }) {
  const reveal = useRevealIdNumber(person.id);
  const feedback = useFeedback();
  const [full, setFull] = useState<string | null>(null);
  return (
    <Space size={4} wrap>
      <span className="sy-code" data-testid="id-number">
        {full ?? person.idNumber}
      </span>
      {person.permissions.revealIdNumber &&
        (full ? (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)}>
            隐藏
          </Button>
        ) : (
          <Popconfirm
            title="查看完整身份证号？"
            description="查看操作将记入审计日志（查看人、时间、对象）。"
            okText="查看"
            cancelText="取消"
            onConfirm={() =>
              reveal.mutate(undefined, { onSuccess: (r) => setFull(r.idNumber), onError: feedback.error })
            }
          >
            <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending}>
              查看完整号码
            </Button>
          </Popconfirm>
        ))}
    </Space>
  );
}

/** 标记已故 with the date of death, or undo a mistaken mark. */
export function DeceasedModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const mark = useMarkDeceased(person.id);
  const revoking = !person.alive;
  return (
    <FormModal
      title={revoking ? '撤销已故标记' : '标记已故'}
      okText={revoking ? '撤销标记' : '确认已故'}
      danger={!revoking}
      submit={(v: { deathDate?: Dayjs | null }) =>
        mark.mutateAsync({ deathDate: revoking ? null : iso(v.deathDate), version: person.version })
      }
      success={revoking ? '已撤销已故标记' : '已标记为已故，该对象不再出现在在世名单中'}
      applyErrors={applyNestedErrors}
      onClose={onClose}
    >
      {revoking ? (
        <Typography.Paragraph>
          仅用于纠正误标：撤销后该对象恢复为在世，重新出现在名册和慰问名单中。此操作会记入修改历史。
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            标记后该对象不再出现在在世名单和慰问名单中，其资料与修改历史保留。
          </Typography.Paragraph>
          <Form.Item name="deathDate" label="死亡日期" rules={[{ required: true, message: '请选择死亡日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} placeholder="选择日期" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** One assessment for the 生活状况档案: date, situations, notes, needs. */
export function AssessmentModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const add = useAddAssessment(person.id);
  const dictionary = useDictionary();
  return (
    <FormModal
      title="登记生活状况评估"
      initialValues={{ assessedOn: dayjs(), situations: person.livingSituations }}
      submit={(v: { assessedOn: Dayjs; situations: string[]; notes?: string; needs?: string }) =>
        add.mutateAsync({
          assessedOn: iso(v.assessedOn)!,
          situations: v.situations ?? [],
          notes: v.notes?.trim() || null,
          needs: v.needs?.trim() || null,
        })
      }
      success="生活状况评估已保存"
      applyErrors={applyNestedErrors}
      onClose={onClose}
    >
      <Form.Item name="assessedOn" label="评估日期" rules={[{ required: true, message: '请选择评估日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
      </Form.Item>
      <Form.Item name="situations" label="生活状况" extra="可多选；没有特殊情况则留空。">
        <Select
          mode="multiple"
          allowClear
          placeholder="独居、孤老、空巢、失能、低保、特困……"
          options={(dictionary.data?.livingSituations ?? []).map((s) => ({ value: s, label: s }))}
        />
      </Form.Item>
      <Form.Item name="notes" label="情况说明">
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="居住、健康、照料等实际情况" />
      </Form.Item>
      <Form.Item name="needs" label="诉求与困难">
        <Input.TextArea rows={2} maxLength={1000} placeholder="如助餐、就医、房屋修缮等" />
      </Form.Item>
    </FormModal>
  );
}

interface ConfirmationValues {
  year: number;
  result: (typeof confirmationResults)[number];
  method: string | null;
  confirmedOn: Dayjs;
  notes?: string;
}

/** 年度确认 of one person and year (saving again corrects it). */
export function ConfirmationModal({
  personId,
  personName,
  year,
  alive,
  onClose,
}: {
  personId: number;
  personName: string;
  year: number;
  alive: boolean;
  onClose: () => void;
}) {
  const save = useSaveConfirmation();
  return (
    <FormModal
      title={
        <>
          年度确认：<span data-script-skip="">{personName}</span>
        </>
      }
      initialValues={{ year, result: alive ? 'confirmed' : 'stopped', method: '上门', confirmedOn: dayjs() }}
      submit={(v: ConfirmationValues) =>
        save.mutateAsync({
          personId,
          input: {
            year: v.year,
            result: v.result,
            method: (v.method ?? null) as (typeof confirmationMethods)[number] | null,
            confirmedOn: iso(v.confirmedOn)!,
            notes: v.notes?.trim() || null,
          },
        })
      }
      success={(_, v) => `${v.year} 年度确认已保存`}
      applyErrors={applyNestedErrors}
      onClose={onClose}
    >
      <Form.Item name="year" label="确认年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={new Date().getFullYear()} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="result" label="确认结果" rules={[{ required: true, message: '请选择确认结果' }]}>
        <Select
          options={confirmationResults.map((r) => ({
            value: r,
            label: confirmationResultLabels[r],
            disabled: !alive && r === 'confirmed',
          }))}
        />
      </Form.Item>
      <Form.Item name="method" label="确认方式">
        <Select allowClear options={confirmationMethods.map((m) => ({ value: m, label: m }))} />
      </Form.Item>
      <Form.Item name="confirmedOn" label="确认日期" rules={[{ required: true, message: '请选择确认日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
      </Form.Item>
      <Form.Item name="notes" label="备注">
        <Input.TextArea rows={2} maxLength={500} placeholder="如：本人到场、由子女代为确认等" />
      </Form.Item>
    </FormModal>
  );
}
