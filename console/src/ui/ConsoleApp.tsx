import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import type { HallSnapshot } from '@onedoor/protocol';
import { HallLink, login, logout, sessionStore, type LinkStatus, type StaffSession } from '../hall-link';
import { Overview } from './Overview';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: console shares the window client's link and session through a declared entry
import { useStaffSession } from '../../../window-client/src/renderer/ui/use-staff-session';

export interface ConsoleConnection {
  snapshot: HallSnapshot | null;
  status: LinkStatus;
  clockOffset: number;
  link: HallLink | null;
}

function useConsoleHall(
  origin: string,
  session: StaffSession,
  onUnauthorized: (message: string) => void,
): ConsoleConnection {
  const [snapshot, setSnapshot] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [clockOffset, setClockOffset] = useState(0);
  const [link, setLink] = useState<HallLink | null>(null);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  useEffect(() => {
    const l = new HallLink(origin, session.sessionToken, {
      onChange(state) {
        setSnapshot(state);
        setClockOffset(Date.parse(state.serverTime) - Date.now());
      },
      onStatus: setStatus,
      onUnauthorized: (e) => unauthorized.current(e.message),
    });
    setLink(l);
    return () => l.close();
  }, [origin, session]);
  return { snapshot, status, clockOffset, link };
}

export function ConsoleApp({ origin }: { origin: string }) {
  const { session, notice, signIn, signOut } = useStaffSession(origin, sessionStore);
  if (!session) {
    return <LoginScreen origin={origin} notice={notice} onLogin={signIn} />;
  }
  return <Connected key={session.sessionToken} origin={origin} session={session} onLogout={signOut} />;
}

function Connected({
  origin,
  session,
  onLogout,
}: {
  origin: string;
  session: StaffSession;
  onLogout: (message: string | null) => void;
}) {
  const hall = useConsoleHall(origin, session, (message) => onLogout(`登录已失效：${message}`));
  if (!hall.snapshot || !hall.link) {
    return (
      <div className="oc-center">
        <Spin size="large" />
        <Typography.Text type="secondary" style={{ marginTop: 16 }}>
          {hall.status === 'offline' ? '无法连接大厅服务器，正在重试…' : '正在连接大厅服务器…'}
        </Typography.Text>
      </div>
    );
  }
  return (
    <Overview
      origin={origin}
      hall={hall}
      snapshot={hall.snapshot}
      session={session}
      onLogout={() => onLogout(null)}
      onUnauthorized={(m) => onLogout(m)}
    />
  );
}

function LoginScreen({
  origin,
  notice,
  onLogin,
}: {
  origin: string;
  notice: string | null;
  onLogin: (s: StaffSession) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="oc-center oc-login-bg">
      <Card className="oc-login-card" title={<span className="oc-login-title">一门 · 管理控制台</span>}>
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          requiredMark={false}
          disabled={pending}
          onFinish={(v: { username: string; password: string }) => {
            setPending(true);
            setError(null);
            void login(origin, v.username.trim(), v.password).then((r) => {
              setPending(false);
              if (!r.ok) return setError(r.message);
              if (!r.session.staff.roles.includes('manager')) {
                void logout(origin, r.session.sessionToken);
                return setError('该账号没有大厅管理权限，请使用管理员账号登录');
              }
              onLogin(r.session);
            });
          }}
        >
          <Form.Item label="账号" name="username" rules={[{ required: true, message: '请输入账号' }]}>
            <Input
              size="large"
              autoFocus
              autoComplete="username"
              placeholder="例如 manager01"
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
