import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { PersonName } from '../../components/PersonName.tsx';
import { ageText, CategoryTags, sexText } from './registry-ui.tsx';

/** 家庭户 on the person page: the household and its members (the person in bold). */
export function PersonHousehold({ person: p }: { person: PersonDetail }) {
  return (
    <Card title="家庭户" extra={p.household && <Link to={`/registry/households/${p.household.id}`}>查看家庭户</Link>}>
      {p.household ? (
        <>
          <Typography.Paragraph>
            <span data-script-skip="">{p.household.name}</span>
            {p.householdRole && <Tag style={{ marginInlineStart: 8 }}>本人：{p.householdRole}</Tag>}
            {p.household.address && (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {p.household.address}
              </Typography.Text>
            )}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={p.household.members}
            renderItem={(m) => (
              <List.Item>
                <Space wrap size={4}>
                  {m.id === p.id ? <PersonName name={m.name} strong /> : <PersonName name={m.name} id={m.id} />}
                  <Typography.Text type="secondary">
                    {m.role && `${m.role} · `}
                    {sexText(m.sex)} {ageText(m.birthDate)}
                  </Typography.Text>
                  {!m.alive && <Tag>已故</Tag>}
                  <CategoryTags categories={m.categories} />
                </Space>
              </List.Item>
            )}
          />
        </>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={p.permissions.edit ? '未归入家庭户；可在“编辑”中选择或新建家庭户' : '未归入家庭户'}
        />
      )}
    </Card>
  );
}
