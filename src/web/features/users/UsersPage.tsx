import { EditOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { roleLabels } from '../../../shared/permissions.ts';
import type { UserItem } from '../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { FilterSearch } from '../../components/UrlFilterInputs.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { roleColors } from './role-info.ts';
import { UserFormModal } from './UserFormModal.tsx';
import { useUpdateUser, useUsers } from './users.queries.ts';

const pageSize = 20;

function StatusTags({ user }: { user: UserItem }) {
  const tags = [];
  if (!user.active) tags.push(<Tag key="inactive">已停用</Tag>);
  if (user.locked)
    tags.push(
      <Tag key="locked" color="orange">
        已锁定
      </Tag>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="pwd" color="blue">
        待改初始密码
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="success">
        正常
      </Tag>,
    );
  return <>{tags}</>;
}

/** 用户管理 (admins): search, page, create, edit, unlock, reset password. */
export function UsersPage() {
  const filters = useUrlFilters(['q']);
  const q = filters.values.q ?? '';
  const page = filters.page;
  const users = useUsers(q, page, pageSize);
  const update = useUpdateUser();
  const feedback = useFeedback();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState<UserItem | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserItem | null>(null);

  const unlock = (user: UserItem) =>
    update.mutate(
      { id: user.id, input: { unlock: true } },
      { onSuccess: () => feedback.success(`已解锁 ${user.username}`), onError: feedback.error },
    );

  return (
    <>
      <ListPage
        title="用户管理"
        subTitle="账号、角色与数据范围。新建或重置密码的账号，首次登录须修改初始密码。"
        extra={<AddButton onClick={() => setEditing('new')}>新增用户</AddButton>}
        filters={<FilterSearch filters={filters} name="q" placeholder="按用户名或姓名搜索" width={360} />}
      >
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => users.refetch()} />
        ) : (
          <Table<UserItem>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={users.isPending || users.isPlaceholderData}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={q ? `没有找到与“${q}”匹配的用户` : '暂无用户'}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => `共 ${n} 个用户`,
              onChange: (p) => filters.set({ page: p }),
            }}
            columns={[
              { title: '用户名', dataIndex: 'username', fixed: isMobile ? undefined : 'left' },
              { title: '姓名', dataIndex: 'displayName' },
              {
                title: '角色',
                dataIndex: 'role',
                render: (role: UserItem['role']) => <Tag color={roleColors[role]}>{roleLabels[role]}</Tag>,
              },
              { title: '所属区划', dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
              { title: '所属单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
              { title: '状态', key: 'status', render: (_, u) => <StatusTags user={u} /> },
              { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) },
              {
                title: '操作',
                key: 'actions',
                render: (_, u) => (
                  <Space size={0} wrap>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                      编辑
                    </Button>
                    {u.locked && (
                      <Popconfirm
                        title={`解锁 ${u.username}？`}
                        description="清除连续登录失败的锁定，用户可立即再次登录。"
                        okText="解锁"
                        cancelText="取消"
                        onConfirm={() => unlock(u)}
                      >
                        <Button type="link" size="small" icon={<UnlockOutlined />}>
                          解锁
                        </Button>
                      </Popconfirm>
                    )}
                    <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
                      重置密码
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </ListPage>
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
