import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { login, logout, type StaffSession } from './session';
import './staff.css';

/**
 * The sign-in card of a staff app. `admit` may turn a valid account away (a clerk at the manager console): its
 * message is shown and the session it got is signed out again on the server.
 */
export function SignInScreen({
  origin,
  title,
  accountLabel,
  placeholder,
  notice,
  admit,
  onSignIn,
}: {
  origin: string;
  title: string;
  /** 工号 / 账号 */
  accountLabel: string;
  placeholder: string;
  /** Why the staff member is back here (session expired …). */
  notice: string | null;
  admit?: (session: StaffSession) => string | null;
  onSignIn: (session: StaffSession) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = (v: { username: string; password: string }) => {
    setPending(true);
    setError(null);
    void login(origin, v.username.trim(), v.password).then((r) => {
      setPending(false);
      if (!r.ok) return setError(r.message);
      const refusal = admit?.(r.session) ?? null;
      if (refusal) {
        void logout(origin, r.session.sessionToken);
        return setError(refusal);
      }
      onSignIn(r.session);
    });
  };
  return (
    <div className="staff-center staff-login-bg">
      <Card className="staff-login-card" title={<span className="staff-login-title">{title}</span>}>
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" requiredMark={false} disabled={pending} onFinish={submit}>
          <Form.Item
            label={accountLabel}
            name="username"
            rules={[{ required: true, message: `请输入${accountLabel}` }]}
          >
            <Input
              size="large"
              autoFocus
              autoComplete="username"
              placeholder={placeholder}
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password size="large" autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={pending} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
