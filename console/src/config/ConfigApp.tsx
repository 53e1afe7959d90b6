import { ManagerGate } from '../ui/manager-gate';
import { ConfigPage } from './ConfigPage';

/** 配置: the hall's services, windows, staff, devices, calendar, notices, thresholds, retention and catalog. */
export function ConfigApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 配置">
      {(session, signOut) => (
        <ConfigPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
