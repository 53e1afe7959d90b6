import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Select, Typography } from 'antd';
import { WINDOW_KIND_TEXT, type HallSnapshot } from '@onedoor/protocol';
import type { StaffLink, StaffSession } from '@onedoor/staff-ui';
import { defaultWindowFor } from '../window-model';

/** A signed-in clerk who is at no window yet picks one and signs in there. */
export function WindowPicker({
  snapshot,
  session,
  link,
  onLogout,
  pcWindowId,
}: {
  snapshot: HallSnapshot;
  session: StaffSession;
  link: StaffLink<'/window'>;
  onLogout: () => void;
  /** The window this PC stands at (its Electron config): chosen first when the hall has it. */
  pcWindowId?: string | undefined;
}) {
  const { message } = AntApp.useApp();
  const windows = snapshot.windows;
  const [windowId, setWindowId] = useState<string | null>(() =>
    pcWindowId && windows.some((w) => w.id === pcWindowId)
      ? pcWindowId
      : defaultWindowFor(session.staff.username, windows, session.staff.id),
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
    <div className="staff-center staff-login-bg">
      <Card
        className="staff-login-card od-picker-card"
        title={<span className="staff-login-title">选择窗口签到</span>}
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
