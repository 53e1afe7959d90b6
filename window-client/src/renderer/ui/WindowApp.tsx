import { useMemo } from 'react';
import { ConnectingScreen, createSessionStore, StaffGate, type StaffSession } from '@onedoor/staff-ui';
import type { WindowDeviceApi } from '../../shared/window-api';
import { hallOrigin } from '../devices';
import { useWindowHall } from './use-window-hall';
import { WindowPicker } from './WindowPicker';
import { Workbench } from './workbench/Workbench';

const sessionStore = createSessionStore('onedoor.window.session');

/** The clerk app: sign in, pick a window if not at one yet, then the workbench. */
export function WindowApp({ devices }: { devices: WindowDeviceApi }) {
  const origin = useMemo(() => hallOrigin(devices), [devices]);
  return (
    <StaffGate
      origin={origin}
      store={sessionStore}
      title="一门 · 窗口叫号"
      accountLabel="工号"
      placeholder="例如 clerk01"
    >
      {(session, signOut) => <Connected origin={origin} session={session} devices={devices} onLogout={signOut} />}
    </StaffGate>
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
  const hall = useWindowHall(origin, session, (message) => onLogout(`登录已失效：${message}`));
  const { snapshot, link } = hall;
  if (!snapshot || !link) return <ConnectingScreen status={hall.status} />;
  const myWindow = snapshot.windows.find((w) => w.clerkId === session.staff.id);
  if (!myWindow)
    return (
      <WindowPicker
        snapshot={snapshot}
        session={session}
        link={link}
        onLogout={() => onLogout(null)}
        pcWindowId={devices.windowId}
      />
    );
  return (
    <Workbench
      origin={origin}
      hall={hall}
      link={link}
      snapshot={snapshot}
      windowId={myWindow.id}
      session={session}
      devices={devices}
      onLogout={() => onLogout(null)}
    />
  );
}
