import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Select, Spin, Typography } from 'antd';
import type { HallEvent, HallSnapshot } from '@onedoor/protocol';
import { WINDOW_KIND_TEXT } from '@onedoor/protocol';
import type { WindowDeviceApi } from '../../shared/window-api';
import { hallOrigin } from '../devices';
import { HallLink, login, sessionStore, type LinkStatus, type StaffSession } from '../hall-link';
import { defaultWindowFor, emptyHistory, foldApplied, historyFits, type WindowHistory } from '../window-model';
import { Workbench } from './Workbench';
import { useStaffSession } from './use-staff-session';

const historyKey = (windowId: string) => `onedoor.window.history.${windowId}`;

function loadHistory(snapshot: HallSnapshot, windowId: string): WindowHistory | null {
  try {
    const h = JSON.parse(localStorage.getItem(historyKey(windowId)) ?? 'null') as WindowHistory | null;
    return historyFits(h, snapshot, windowId) ? h : null;
  } catch {
    return null;
  }
}

export interface HallConnection {
  snapshot: HallSnapshot | null;
  status: LinkStatus;
  /** Server time minus local time, ms. */
  clockOffset: number;
  history: WindowHistory | null;
  link: HallLink | null;
}

/** The socket, the hall state and this window's history, for one session. */
function useHall(origin: string, session: StaffSession, onUnauthorized: (message: string) => void): HallConnection {
  const [snapshot, setSnapshot] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [clockOffset, setClockOffset] = useState(0);
  const [history, setHistory] = useState<WindowHistory | null>(null);
  const [link, setLink] = useState<HallLink | null>(null);
  const historyRef = useRef<WindowHistory | null>(null);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    const staffId = session.staff.id;
    const myWindow = (s: HallSnapshot) => s.windows.find((w) => w.clerkId === staffId)?.id ?? null;
    const l = new HallLink(origin, session.sessionToken, {
      onChange(state: HallSnapshot, base: HallSnapshot, applied: HallEvent[]) {
        setSnapshot(state);
        setClockOffset(Date.parse(state.serverTime) - Date.now());
        const windowId = myWindow(state) ?? myWindow(base);
        if (!windowId) return;
        let h = historyRef.current;
        if (!historyFits(h, base, windowId))
          h = loadHistory(base, windowId) ?? emptyHistory(base.hallId, windowId, base.businessDay, base.seq);
        const next = foldApplied(h, base, applied);
        if (next !== historyRef.current) {
          historyRef.current = next;
          setHistory(next);
          try {
            localStorage.setItem(historyKey(windowId), JSON.stringify(next));
          } catch {
            /* storage full or disabled: the counters still work for this page */
          }
        }
      },
      onStatus: setStatus,
      onUnauthorized: (e) => unauthorized.current(e.message),
    });
    setLink(l);
    return () => l.close();
  }, [origin, session]);

  return { snapshot, status, clockOffset, history, link };
}

export function WindowApp({ devices }: { devices: WindowDeviceApi }) {
  const origin = useMemo(() => hallOrigin(devices), [devices]);
  const { session, notice, signIn, signOut: signOutOfApp } = useStaffSession(origin, sessionStore);

  if (!session) {
    return <LoginScreen origin={origin} notice={notice} onLogin={signIn} />;
  }
  return (
    <Connected key={session.sessionToken} origin={origin} session={session} devices={devices} onLogout={signOutOfApp} />
  );
}

function Connected({
  origin,
  session,
  devices,
  onLogout,
}: {
  origin: string;
  session: StaffSession;
  devices: WindowDeviceApi;
  onLogout: (message: string | null) => void;
}) {
  const hall = useHall(origin, session, (message) => onLogout(`登录已失效：${message}`));
  const { snapshot } = hall;
  if (!snapshot || !hall.link) {
    return (
      <div className="od-center">
        <Spin size="large" />
        <Typography.Text type="secondary" style={{ marginTop: 16 }}>
          {hall.status === 'offline' ? '无法连接大厅服务器，正在重试…' : '正在连接大厅服务器…'}
        </Typography.Text>
      </div>
    );
  }
  const myWindow = snapshot.windows.find((w) => w.clerkId === session.staff.id);
  if (!myWindow)
    return <WindowPicker snapshot={snapshot} session={session} link={hall.link} onLogout={() => onLogout(null)} />;
  return (
    <Workbench
      hall={hall}
      snapshot={snapshot}
      windowId={myWindow.id}
      session={session}
      devices={devices}
      onLogout={() => onLogout(null)}
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
    <div className="od-center od-login-bg">
      <Card className="od-login-card" title={<span className="od-login-title">一门 · 窗口叫号</span>}>
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
              if (r.ok) onLogin(r.session);
              else setError(r.message);
            });
          }}
        >
          <Form.Item label="工号" name="username" rules={[{ required: true, message: '请输入工号' }]}>
            <Input
              size="large"
              autoFocus
              autoComplete="username"
              placeholder="例如 clerk01"
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

function WindowPicker({
  snapshot,
  session,
  link,
  onLogout,
}: {
  snapshot: HallSnapshot;
  session: StaffSession;
  link: HallLink;
  onLogout: () => void;
}) {
  const { message } = AntApp.useApp();
  const windows = snapshot.windows;
  const [windowId, setWindowId] = useState<string | null>(() =>
    defaultWindowFor(session.staff.username, windows, session.staff.id),
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = windows.find((w) => w.id === windowId);
  const services = new Map(snapshot.services.map((s) => [s.id, s.name]));
  const signIn = () => {
    if (!windowId) return;
    setPending(true);
    setError(null);
    void link.command('window:sign-in', { windowId }).then((ack) => {
      setPending(false);
      if (ack.ok) void message.success(`已在${ack.data.name}签到`);
      else setError(ack.error.message);
    });
  };
  return (
    <div className="od-center od-login-bg">
      <Card
        className="od-login-card od-picker-card"
        title={<span className="od-login-title">选择窗口签到</span>}
        extra={
          <Button type="link" onClick={onLogout}>
            退出登录
          </Button>
        }
      >
        <Typography.Paragraph>
          {session.staff.name}（{session.staff.username}），请选择今天所在的窗口。{snapshot.hallName}
        </Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            closable
            onClose={() => setError(null)}
          />
        )}
        <Select
          size="large"
          style={{ width: '100%' }}
          value={windowId ?? undefined}
          onChange={setWindowId}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="window-select"
          options={windows.map((w) => ({
            value: w.id,
            label: `${w.name} · ${WINDOW_KIND_TEXT[w.kind]}${w.clerkName ? `（${w.clerkName} 在岗）` : ''}`,
          }))}
        />
        {chosen && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            受理业务：{chosen.serviceIds.map((id) => services.get(id) ?? id).join('、') || '（未配置）'}
          </Typography.Paragraph>
        )}
        <Button
          type="primary"
          size="large"
          block
          loading={pending}
          disabled={!windowId}
          onClick={signIn}
          data-testid="window-sign-in"
        >
          签到上岗
        </Button>
      </Card>
    </div>
  );
}
