import { Card, List, Space, Tag, Typography } from 'antd';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';

/** 优抚身份 on the person page: each qualification with its flags and particulars. */
export function PersonQualificationList({ person: p }: { person: PersonDetail }) {
  return (
    <Card title="优抚身份" style={{ marginBottom: 16 }}>
      <List
        dataSource={p.qualifications}
        locale={{ emptyText: '未登记优抚身份' }}
        renderItem={(q) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Tag color="red">{q.categoryName}</Tag>
                {q.flags.map((f) => (
                  <Tag key={f.code} color="gold">
                    {f.name}
                  </Tag>
                ))}
              </Space>
              <Typography.Text type="secondary">
                {[
                  q.disabilityGrade !== null ? `伤残等级 ${q.disabilityGrade} 级` : null,
                  q.disabilityNature,
                  q.relation ? `与军人关系：${q.relation}` : null,
                  q.certificateNo ? `证件号 ${q.certificateNo}` : null,
                  q.startDate || q.endDate ? `${q.startDate ?? '…'} 至 ${q.endDate ?? '今'}` : null,
                ]
                  .filter(Boolean)
                  .join('；') || '无其他信息'}
                {q.servicemanName && (
                  <>
                    ；军人（烈士）：<span data-script-skip="">{q.servicemanName}</span>
                  </>
                )}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
