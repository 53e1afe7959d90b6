import { ManagerGate } from '../ui/manager-gate';
import { AuditPage } from './AuditPage';

/** 审计日志: who changed what in the hall's configuration, when, and what it was before and after. */
export function AuditApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 审计日志">
      {(session, signOut) => (
        <AuditPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
