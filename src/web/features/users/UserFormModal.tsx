import { Button, Form, Input, Select, Space, Switch, Typography } from 'antd';
import type { Role } from '../../../shared/permissions.ts';
import type { UpdateUserRequest, UserItem } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { generatePassword, PasswordHints } from '../auth/PasswordHints.tsx';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { needsRegion, needsUnit, roleOptions, roleScopeHints } from './role-info.ts';
import { UnitSelect } from './UnitSelect.tsx';
import { useCreateUser, useUpdateUser } from './users.queries.ts';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  regionId: number | null;
  unitId: number | null;
  password: string;
  active: boolean;
}

/** Create a user (with an initial password they must change) or edit one (only changed fields are sent). */
export function UserFormModal({ user, onClose }: { user: UserItem | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const role = Form.useWatch('role', form);
  const username = Form.useWatch('username', form) ?? user?.username ?? '';
  const password = Form.useWatch('password', form) ?? '';

  /** Saves and returns what to tell the user (null: nothing changed, nothing sent). */
  const submit = async (values: Values): Promise<string | null> => {
    const regionId = needsRegion(values.role) || values.role === 'admin' ? (values.regionId ?? null) : null;
    const unitId = values.unitId ?? null;
    if (!user) {
      const created = await create.mutateAsync({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        regionId,
        unitId,
        password: values.password,
      });
      return `已创建用户 ${created.username}，首次登录时须修改初始密码。`;
    }
    // Only what changed: a changed role, region or unit signs the user out, so unchanged ones are not sent.
    const input: UpdateUserRequest = {};
    if (values.displayName.trim() !== user.displayName) input.displayName = values.displayName.trim();
    if (values.role !== user.role) input.role = values.role;
    if (regionId !== user.regionId) input.regionId = regionId;
    if (unitId !== user.unitId) input.unitId = unitId;
    if (values.active !== user.active) input.active = values.active;
    if (Object.keys(input).length === 0) return null;
    await update.mutateAsync({ id: user.id, input });
    return '用户信息已保存';
  };

  const fillPassword = () => {
    form.setFieldValue('password', generatePassword(username));
    void form.validateFields(['password']);
  };

  return (
    <FormModal
      form={form}
      title={user ? `编辑用户：${user.username}` : '新增用户'}
      width={600}
      lockWhilePending
      initialValues={{
        username: user?.username ?? '',
        displayName: user?.displayName ?? '',
        role: user?.role,
        regionId: user?.regionId ?? null,
        unitId: user?.unitId ?? null,
        password: '',
        active: user?.active ?? true,
      }}
      submit={submit}
      success={(text) => text}
      errorFields={{ WEAK_PASSWORD: 'password', CONFLICT: user ? undefined : 'username' }}
      onClose={onClose}
    >
      <Form.Item
        name="username"
        label="用户名"
        extra={user ? undefined : '3–32 位字母、数字或 _ . -，创建后不能修改'}
        rules={[
          { required: true, whitespace: true, message: '请输入用户名' },
          { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: '用户名为 3–32 位字母、数字或 _ . -' },
        ]}
      >
        <Input disabled={Boolean(user)} autoComplete="off" maxLength={32} />
      </Form.Item>
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="role"
        label="角色"
        extra={role ? roleScopeHints[role] : undefined}
        rules={[{ required: true, message: '请选择角色' }]}
      >
        <Select options={roleOptions} placeholder="选择角色" />
      </Form.Item>
      {(needsRegion(role) || role === 'admin') && (
        <Form.Item
          name="regionId"
          label="所属区划（数据范围）"
          rules={needsRegion(role) ? [{ required: true, message: '该角色须选择所属区划' }] : []}
        >
          <RegionSelect />
        </Form.Item>
      )}
      <Form.Item
        name="unitId"
        label="所属单位"
        rules={needsUnit(role) ? [{ required: true, message: '联络员须选择所属单位' }] : []}
      >
        <UnitSelect role={role} />
      </Form.Item>
      {!user && (
        <Form.Item label="初始密码" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="password" noStyle rules={[{ required: true, message: '请设置初始密码' }]}>
              <Input.Password autoComplete="new-password" placeholder="用户首次登录后须修改" />
            </Form.Item>
            <Button onClick={fillPassword}>随机生成</Button>
          </Space.Compact>
          <PasswordHints password={password} username={username} />
          {password && (
            <Typography.Text type="secondary" copyable={{ text: password, tooltips: ['复制密码', '已复制'] }}>
              请将初始密码当面或通过安全渠道告知用户
            </Typography.Text>
          )}
        </Form.Item>
      )}
      {user && (
        <Form.Item
          name="active"
          label="账号状态"
          valuePropName="checked"
          extra="停用后该用户立即退出登录且不能再登录。"
        >
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      )}
    </FormModal>
  );
}
