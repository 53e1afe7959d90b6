import type { ReactNode } from 'react';
import { createSessionStore, StaffGate, type StaffSession } from '@onedoor/staff-ui';

// One session for every console page: signed in on the overview is signed in on 平台同步 and 统计报表.
const sessionStore = createSessionStore('onedoor.console.session');

/** Only managers use the console; a clerk's account is turned away at sign-in. */
const managersOnly = (s: StaffSession): string | null =>
  s.staff.roles.includes('manager') ? null : '该账号没有大厅管理权限，请使用管理员账号登录';

/** The console's sign-in in front of one of its pages. */
export function ManagerGate({
  origin,
  title,
  children,
}: {
  origin: string;
  title: string;
  children: (session: StaffSession, signOut: (message: string | null) => void) => ReactNode;
}) {
  return (
    <StaffGate
      origin={origin}
      store={sessionStore}
      title={title}
      accountLabel="账号"
      placeholder="例如 manager01"
      admit={managersOnly}
    >
      {children}
    </StaffGate>
  );
}
