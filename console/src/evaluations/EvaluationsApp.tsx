import { ManagerGate } from '../ui/manager-gate';
import { EvaluationsPage } from './EvaluationsPage';

/** 好差评: every rating the hall took, newest first, with the reasons of the bad ones. */
export function EvaluationsApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 好差评">
      {(session, signOut) => (
        <EvaluationsPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
