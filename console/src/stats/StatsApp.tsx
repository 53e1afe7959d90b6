import { ManagerGate } from '../ui/manager-gate';
import { StatsPage } from './StatsPage';

/** 统计报表: what happened in the hall over a period, with the reform's KPIs, and its export. */
export function StatsApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 统计报表">
      {(session, signOut) => (
        <StatsPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
