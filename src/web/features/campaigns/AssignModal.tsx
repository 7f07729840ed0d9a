import type { ButtonProps } from 'antd';
import { Modal, Select } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../components/use-feedback.ts';
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
  const feedback = useFeedback();
  const [userId, setUserId] = useState<number | null>(null);
  const assign = useCampaignMutation(submit);
  return (
    <Modal
      open
      title={title}
      okText="分派"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={assign.isPending}
      okButtonProps={{ 'data-testid': 'assign-submit' } as ButtonProps}
      onOk={() =>
        assign.mutate(userId, {
          onSuccess: (r) => {
            feedback.success(`已分派 ${r.count} 条`);
            onClose();
          },
          onError: feedback.error,
        })
      }
    >
      <Select
        style={{ width: '100%' }}
        placeholder={placeholder}
        allowClear
        value={userId}
        onChange={(v) => setUserId(v ?? null)}
        data-testid="assign-user"
        options={(visitors.data?.items ?? []).map((u) => ({
          value: u.id,
          label: `${u.displayName}（${u.regionName ?? ''}）`,
        }))}
      />
    </Modal>
  );
}
