import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import type { UserItem } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { generatePassword, PasswordHints } from '../auth/PasswordHints.tsx';
import { useUpdateUser } from './users.queries.ts';

/** Sets a new initial password; the user is signed out and must change it at the next login. */
export function ResetPasswordModal({ user, onClose }: { user: UserItem; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();
  const password = Form.useWatch('password', form) ?? '';

  return (
    <FormModal
      form={form}
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置"
      danger
      submit={({ password }) => update.mutateAsync({ id: user.id, input: { resetPassword: password } })}
      success={`已重置 ${user.username} 的密码`}
      errorFields={{ WEAK_PASSWORD: 'password' }}
      onClose={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="重置后该用户立即退出登录，并须在下次登录时修改这个初始密码。"
      />
      <Form.Item label="新的初始密码" required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="password" noStyle rules={[{ required: true, message: '请输入新的初始密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button onClick={() => form.setFieldValue('password', generatePassword(user.username))}>随机生成</Button>
        </Space.Compact>
        <PasswordHints password={password} username={user.username} />
        {password && (
          <Typography.Text type="secondary" copyable={{ text: password, tooltips: ['复制密码', '已复制'] }}>
            请将新密码当面或通过安全渠道告知用户
          </Typography.Text>
        )}
      </Form.Item>
    </FormModal>
  );
}
