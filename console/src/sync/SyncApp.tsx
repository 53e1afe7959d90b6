import { ManagerGate } from '../ui/manager-gate';
import { SyncPage } from './SyncPage';

/** 平台同步: the console page of the online platform sync. */
export function SyncApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 平台同步">
      {(session, signOut) => (
        <SyncPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
