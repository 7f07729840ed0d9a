import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Space, Tag } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { campaignProgrammes } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import type { ProgrammeItem } from '../../../shared/api/troops.api.ts';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { campaignKeys } from './campaigns.queries.ts';

type Tags = z.infer<typeof campaignProgrammes>;

/** The 专项活动 a campaign's visits are tagged with by default; the office that runs it may change them. */
export function CampaignProgrammes({ campaign }: { campaign: CampaignDetail }) {
  const key = campaignKeys.part(campaign.id, 'visit-programmes');
  const tags = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Tags>(`/api/campaigns/${campaign.id}/visit-programmes`, undefined, signal),
  });
  const [editing, setEditing] = useState(false);
  return (
    <Space wrap size={4}>
      {tags.data?.programmes.length ? tags.data.programmes.map((p) => <Tag key={p.id}>{p.name}</Tag>) : '未设'}
      {campaign.canManage && (
        <Button
          size="small"
          type="text"
          icon={<EditOutlined />}
          aria-label="设置走访默认专项活动"
          onClick={() => setEditing(true)}
        />
      )}
      {editing && tags.data && (
        <ProgrammesModal campaignId={campaign.id} current={tags.data.programmeIds} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}

function ProgrammesModal({
  campaignId,
  current,
  onClose,
}: {
  campaignId: number;
  current: number[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const all = useQuery({
    queryKey: ['troops', 'programmes'],
    queryFn: ({ signal }) => api.get<{ items: ProgrammeItem[] }>('/api/troops/programmes', undefined, signal),
  });
  const save = useMutation({
    mutationFn: (programmeIds: number[]) =>
      api.put<Tags>(`/api/campaigns/${campaignId}/visit-programmes`, { programmeIds }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaignId) });
    },
  });
  return (
    <FormModal
      title="走访默认专项活动"
      initialValues={{ programmeIds: current }}
      submit={(v: { programmeIds: number[] }) => save.mutateAsync(v.programmeIds ?? [])}
      success="已保存；此后登记的走访默认计入所选专项活动"
      onClose={onClose}
    >
      <p>本次活动登记的走访默认计入以下专项活动（走访人员可在表单中调整），并计入专项活动的统计。</p>
      <Form.Item name="programmeIds" noStyle>
        <Checkbox.Group
          options={(all.data?.items ?? [])
            .filter((p) => p.active || current.includes(p.id))
            .map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}
