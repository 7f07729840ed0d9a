import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { HouseholdDetail } from '../../../shared/api/registry.api.ts';
import { type NotFoundProps, NotFoundResult, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { useCan } from '../auth/auth.queries.ts';
import { HouseholdFormModal } from './HouseholdFormModal.tsx';
import { useHousehold } from './registry.queries.ts';
import { ageText, CategoryTags, dash, sexText } from './registry-ui.tsx';

type Member = HouseholdDetail['members'][number];

const notFound: NotFoundProps = {
  title: '未找到该家庭户',
  subTitle: '该记录不存在，或不在您的数据范围内。',
  back: '/registry/households',
  backText: '返回家庭户列表',
};

/** One household: where it is and who belongs to it (members outside the user's scope are not shown). */
export function HouseholdPage() {
  const params = useParams();
  const id = Number(params.id);
  const household = useHousehold(Number.isInteger(id) && id > 0 ? id : null);
  const navigate = useNavigate();
  const can = useCan();
  const [editing, setEditing] = useState(false);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult {...notFound} />;
  if (household.isError) return <RecordLoadError query={household} notFound={notFound} />;
  if (household.isPending) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  const h = household.data;
  return (
    <>
      <PageHeader
        title={<span data-script-skip="">{h.name}</span>}
        subTitle={`${dash(h.regionName)} · ${h.memberCount} 名成员`}
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
            {can('registry.write') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                修改
              </Button>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="所在社区">{dash(h.regionName)}</Descriptions.Item>
          <Descriptions.Item label="地址">{dash(h.address)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="家庭成员">
        {h.members.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="还没有成员。在优抚对象的“编辑”页选择此家庭户即可加入。"
          />
        ) : (
          <Table<Member>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={h.members}
            columns={[
              { title: '姓名', key: 'name', render: (_, m) => <PersonName name={m.name} id={m.id} /> },
              { title: '户内关系', dataIndex: 'role', render: dash },
              { title: '性别', dataIndex: 'sex', render: (s: 'M' | 'F') => sexText(s) },
              { title: '年龄', dataIndex: 'birthDate', render: (d: string) => ageText(d) },
              { title: '优抚类别', key: 'categories', render: (_, m) => <CategoryTags categories={m.categories} /> },
              { title: '状态', dataIndex: 'alive', render: (alive: boolean) => (alive ? '在世' : <Tag>已故</Tag>) },
            ]}
          />
        )}
      </Card>
      {editing && <HouseholdFormModal household={h} onClose={() => setEditing(false)} />}
    </>
  );
}
