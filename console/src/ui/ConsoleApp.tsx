import { ConnectingScreen, useStaffHall, type StaffSession } from '@onedoor/staff-ui';
import { ManagerGate } from './manager-gate';
import { Overview } from './overview/Overview';

export function ConsoleApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 管理控制台">
      {(session, signOut) => <Connected origin={origin} session={session} onLogout={signOut} />}
    </ManagerGate>
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
