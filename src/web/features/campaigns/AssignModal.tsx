import { Form, Select } from 'antd';
import { FormModal } from '../../components/FormModal.tsx';
import { useCampaignMutation, useVisitors } from './campaigns.queries.ts';

/** Gives the selected roster entries or tasks to a visitor (street/community staff); no visitor = take back. */
export function AssignModal({
  campaignId,
  title,
  placeholder = '选择走访人员（社区或街道工作人员）；不选则收回分派',
  submit,
  onClose,
}: {
  campaignId: number;
  title: string;
  placeholder?: string;
  submit: (userId: number | null) => Promise<{ count: number }>;
  onClose: () => void;
}) {
  const visitors = useVisitors(campaignId, true);
  const assign = useCampaignMutation(submit);
  return (
    <FormModal
      title={title}
      okText="分派"
      okTestId="assign-submit"
      submit={(v: { userId?: number | null }) => assign.mutateAsync(v.userId ?? null)}
      success={(r) => `已分派 ${r.count} 条`}
      onClose={onClose}
    >
      <Form.Item name="userId" noStyle>
        <Select
          style={{ width: '100%' }}
          placeholder={placeholder}
          allowClear
          data-testid="assign-user"
          options={(visitors.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName}（${u.regionName ?? ''}）`,
          }))}
        />
      </Form.Item>
    </FormModal>
  );
}
