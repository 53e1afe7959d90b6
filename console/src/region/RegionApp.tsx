import { createSessionStore, StaffGate, type StaffSession } from '@onedoor/staff-ui';
import { RegionPage } from './RegionPage';

// A region manager's own session: signing in here does not sign in to a hall's pages, nor the other way round.
const sessionStore = createSessionStore('onedoor.console.region.session');

const regionManagersOnly = (s: StaffSession): string | null =>
  s.staff.roles.includes('region-manager') ? null : '该账号没有区域管理权限，请使用区域管理员账号登录';

/** 区域总览 for county and city managers (四级联通). */
export function RegionApp({ origin }: { origin: string }) {
  return (
    <StaffGate
      origin={origin}
      store={sessionStore}
      title="一门 · 区域总览"
      accountLabel="账号"
      placeholder="区域管理员账号"
      admit={regionManagersOnly}
    >
      {(session, signOut) => (
        <RegionPage
          origin={origin}
          session={session}
          onLogout={() => signOut(null)}
          onUnauthorized={(m) => signOut(`登录已失效：${m}`)}
        />
      )}
    </StaffGate>
  );
}
