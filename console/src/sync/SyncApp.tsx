import { createSessionStore, StaffGate, type StaffSession } from '@onedoor/staff-ui';
import { SyncPage } from './SyncPage';

// The console's own session: signed in on the overview is signed in here.
const sessionStore = createSessionStore('onedoor.console.session');

const managersOnly = (s: StaffSession): string | null =>
  s.staff.roles.includes('manager') ? null : '该账号没有大厅管理权限，请使用管理员账号登录';

/** 平台同步: the console page of the online platform sync. */
export function SyncApp({ origin }: { origin: string }) {
  return (
    <StaffGate
      origin={origin}
      store={sessionStore}
      title="一门 · 平台同步"
      accountLabel="账号"
      placeholder="例如 manager01"
      admit={managersOnly}
    >
      {(session, signOut) => (
        <SyncPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </StaffGate>
  );
}
