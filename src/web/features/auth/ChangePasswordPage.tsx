import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { checkPassword } from '../../../shared/domain/password-policy.ts';
import type { ChangePasswordRequest } from '../../api/types.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useChangePassword, useMe } from './auth.queries.ts';
import { PasswordHints } from './PasswordHints.tsx';

interface Values extends ChangePasswordRequest {
  confirmPassword: string;
}

/** Change password; forced (and the only page) while the account still has its initial password. */
export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const forced = me.mustChangePassword;

  const onFinish = ({ currentPassword, newPassword }: Values) => {
    setFormError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          feedback.success('密码已修改，下次登录请使用新密码。');
          form.resetFields();
          navigate('/', { replace: true });
        },
        onError: (error) =>
          setFormError(
            applyServerErrors(form, error, { INVALID_CREDENTIALS: 'currentPassword', WEAK_PASSWORD: 'newPassword' }),
          ),
      },
    );
  };

  return (
    <div style={{ maxWidth: 520, margin: forced ? '24px auto' : undefined }}>
      <PageHeader title="修改密码" />
      <Card>
        {forced && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="首次登录请先修改密码"
            description="您的账号使用的是管理员设置的初始密码。为保护优抚对象信息安全，请设置只有您本人知道的新密码后再使用系统。"
          />
        )}
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={change.isPending}
          requiredMark={false}
        >
          <input type="text" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password
              autoComplete="current-password"
              placeholder={forced ? '管理员告知您的初始密码' : '当前密码'}
            />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra={<PasswordHints password={newPassword} username={me.username} />}
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: (_, value: string | undefined) => {
                  const check = checkPassword(value ?? '', me.username);
                  return check.ok || !value
                    ? Promise.resolve()
                    : Promise.reject(new Error(`新密码须${check.problems.join('、')}`));
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" placeholder="新密码" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" placeholder="再次输入新密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} block>
            确认修改
          </Button>
        </Form>
      </Card>
    </div>
  );
}
