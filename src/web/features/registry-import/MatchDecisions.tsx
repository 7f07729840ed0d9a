/** The two decisions on a match: confirm it (the person's record is updated, with the source) or dismiss it. */
import { Alert, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { MatchItem } from '../../../shared/api/registry-import.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { statusLabels } from './ComparisonMatches.tsx';
import { useMatchActions } from './registry-import.queries.ts';

const effects: Record<MatchItem['reportedStatus'], string> = {
  deceased: '确认后，此人将标记为已故（死亡日期以名单或您填写的为准），不再出现在在世名单中。',
  moved_out: '确认后，此人的户籍地将清空并注明“户籍已迁出”，居住地保持不变。',
  imprisoned: '确认后，将在此人的备注中记下服刑情况及来源，供发放待遇时核查。',
  other: '确认后，将在此人的备注中记下名单报告的情况及来源。',
};

export function ConfirmModal({ match, onClose }: { match: MatchItem; onClose: () => void }) {
  const { confirm } = useMatchActions();
  const needsDate =
    match.reportedStatus === 'deceased' && !(match.eventDate && /^\d{4}-\d{2}-\d{2}$/.test(match.eventDate));
  return (
    <FormModal
      title={`确认：${match.person.name}${statusLabels[match.reportedStatus]}`}
      okText="确认并更新人员信息"
      submit={(v: { eventDate?: Dayjs; note?: string }) =>
        confirm.mutateAsync({
          id: match.id,
          eventDate: v.eventDate ? v.eventDate.format('YYYY-MM-DD') : null,
          note: v.note?.trim() || null,
        })
      }
      success="已确认，人员信息已更新并注明来源"
      onClose={onClose}
    >
      <Alert type="info" showIcon title={effects[match.reportedStatus]} style={{ marginBottom: 12 }} />
      <Form.Item
        name="eventDate"
        label={match.reportedStatus === 'deceased' ? '死亡日期' : '发生日期（可不填）'}
        rules={needsDate ? [{ required: true, message: '名单中没有具体的死亡日期，请填写' }] : []}
        extra={match.eventDate ? `名单中的日期：${match.eventDate}` : undefined}
      >
        <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
      </Form.Item>
      <Form.Item name="note" label="核实说明（可不填）">
        <Input maxLength={200} placeholder="如：已电话联系家属核实" />
      </Form.Item>
    </FormModal>
  );
}

export function DismissModal({ match, onClose }: { match: MatchItem; onClose: () => void }) {
  const { dismiss } = useMatchActions();
  return (
    <FormModal
      title={`排除：${match.person.name}`}
      okText="排除"
      submit={(v: { note: string }) => dismiss.mutateAsync({ id: match.id, note: v.note.trim() })}
      success="已排除，人员信息未改动"
      onClose={onClose}
    >
      <Form.Item
        name="note"
        label="排除理由"
        rules={[{ required: true, whitespace: true, message: '请说明排除的理由，如“经入户核实本人健在”' }]}
      >
        <Input.TextArea maxLength={200} rows={3} placeholder="如：经入户核实本人健在，名单有误" />
      </Form.Item>
    </FormModal>
  );
}
