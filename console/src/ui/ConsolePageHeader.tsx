import type { ReactNode } from 'react';
import { Button } from 'antd';
import { HallClock, type StaffSession } from '@onedoor/staff-ui';
import { ConsoleNav, type ConsolePage } from './ConsoleNav';

/** The header of a console page: brand, page links, what the page adds (`info`), the hall's clock, the manager. */
export function ConsolePageHeader({
  active,
  info,
  now,
  timeZone,
  session,
  onLogout,
}: {
  active: ConsolePage;
  info?: ReactNode;
  now: number;
  timeZone: string;
  session: StaffSession;
  onLogout: () => void;
}) {
  return (
    <header className="oc-header">
      <div className="oc-brand">一门 · 管理控制台</div>
      <ConsoleNav active={active} />
      <div className="oc-spacer" />
      {info}
      <HallClock className="oc-clock" now={now} timeZone={timeZone} />
      <span className="oc-user">{session.staff.name}</span>
      <Button type="text" className="oc-logout" onClick={onLogout}>
        退出
      </Button>
    </header>
  );
}
