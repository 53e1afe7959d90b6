import { ConnectingScreen, createSessionStore, StaffGate, useStaffHall, type StaffSession } from '@onedoor/staff-ui';
import { Overview } from './overview/Overview';

const sessionStore = createSessionStore('onedoor.console.session');

/** Only managers use the console; a clerk's account is turned away at sign-in. */
const managersOnly = (s: StaffSession): string | null =>
  s.staff.roles.includes('manager') ? null : '该账号没有大厅管理权限，请使用管理员账号登录';

export function ConsoleApp({ origin }: { origin: string }) {
  return (
    <StaffGate
      origin={origin}
      store={sessionStore}
      title="一门 · 管理控制台"
      accountLabel="账号"
      placeholder="例如 manager01"
      admit={managersOnly}
    >
      {(session, signOut) => <Connected origin={origin} session={session} onLogout={signOut} />}
    </StaffGate>
  );
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
  const hall = useStaffHall(origin, session, '/console', {
    onUnauthorized: (message) => onLogout(`登录已失效：${message}`),
  });
  if (!hall.snapshot || !hall.link) return <ConnectingScreen status={hall.status} />;
  return (
    <Overview
      origin={origin}
      hall={hall}
      link={hall.link}
      snapshot={hall.snapshot}
      session={session}
      onLogout={() => onLogout(null)}
      onUnauthorized={(m) => onLogout(m)}
    />
  );
}
