import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Tag, Timeline, Typography } from 'antd';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { dash, SituationTags } from './registry-ui.tsx';

/** 生活状况档案 on the person page: every assessment, newest first, and the button to record one. */
export function PersonAssessments({ person: p, onAdd }: { person: PersonDetail; onAdd: () => void }) {
  return (
    <>
      {p.permissions.edit && p.alive && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={onAdd}>
          登记评估
        </Button>
      )}
      {p.assessments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无生活状况评估记录" />
      ) : (
        <Timeline
          items={p.assessments.map((a) => ({
            key: a.id,
            children: (
              <div>
                <Typography.Text strong>{a.assessedOn}</Typography.Text>{' '}
                {a.situations.length ? <SituationTags situations={a.situations} /> : <Tag>无特殊情况</Tag>}
                {a.notes && <div>{a.notes}</div>}
                {a.needs && <div>诉求：{a.needs}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.source} · {dash(a.createdByName)} · {formatDateTime(a.createdAt)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}
