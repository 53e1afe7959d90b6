import { ManagerGate } from '../ui/manager-gate';
import { ComplaintsPage } from './ComplaintsPage';

/** 服务投诉 (GB/T 36113): register a complaint and carry it through to its archive. */
export function ComplaintsApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 服务投诉">
      {(session, signOut) => (
        <ComplaintsPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
