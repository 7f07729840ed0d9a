import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import type { LoginRequest } from '../../api/types.ts';
import { ScriptSwitch } from '../../script/ScriptSwitch.tsx';
import { useLogin } from './auth.queries.ts';

/** Only in-app paths are followed after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const [form] = Form.useForm<LoginRequest>();
  const next = safeNext(params.get('next'));

  const error = login.error;
  const locked = isApiError(error, 'ACCOUNT_LOCKED') || isApiError(error, 'RATE_LIMITED');

  return (
    <div className="sy-login">
      <div className="sy-login-tools">
        <ScriptSwitch className="sy-login-script" />
      </div>
      <div className="sy-login-title">
        <img src="/favicon.svg" alt="" width={56} height={56} />
        <h1>双拥工作平台</h1>
        <p>拥军优属 · 拥政爱民</p>
      </div>
      <Card className="sy-login-card" title="账号登录">
        {error && (
          <Alert
            type={locked ? 'warning' : 'error'}
            showIcon
            title={errorText(error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginRequest>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) =>
            login.mutate(values, {
              onSuccess: (user) => navigate(user.mustChangePassword ? '/change-password' : next, { replace: true }),
              onError: () => form.setFieldValue('password', ''),
            })
          }
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              placeholder="请输入用户名"
              autoFocus
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder="请输入密码"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          本系统含优抚对象个人信息和驻区部队保密信息，仅限授权人员使用。连续输错密码 5 次，账号将锁定 15
          分钟；忘记密码请联系系统管理员重置。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
