import { ManagerGate } from '../ui/manager-gate';
import { RectificationsPage } from './RectificationsPage';

/** 差评整改: every 差评's rectification, carried through to its end. */
export function RectificationsApp({ origin }: { origin: string }) {
  return (
    <ManagerGate origin={origin} title="一门 · 差评整改">
      {(session, signOut) => (
        <RectificationsPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </ManagerGate>
  );
}
