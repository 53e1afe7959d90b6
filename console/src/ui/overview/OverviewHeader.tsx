import { Button } from 'antd';
import type { HallSnapshot } from '@onedoor/protocol';
import type { LinkStatus } from '@onedoor/protocol/client';
import { HallClock, type StaffSession } from '@onedoor/staff-ui';
import { ConsoleNav } from '../ConsoleNav';

export function OverviewHeader({
  snapshot,
  status,
  now,
  session,
  onLogout,
}: {
  snapshot: HallSnapshot;
  status: LinkStatus;
  now: number;
  session: StaffSession;
  onLogout: () => void;
}) {
  return (
    <header className="oc-header">
      <div className="oc-brand">一门 · 管理控制台</div>
      <ConsoleNav active="overview" />
      <div className="oc-spacer" />
      <span className="oc-hall">
        {snapshot.hallName} · 营业日 {snapshot.businessDay}
      </span>
      <span className={`oc-conn oc-conn-${status}`} data-testid="connection">
        <i />
        {status === 'online' ? '实时' : status === 'connecting' ? '连接中' : '已断开'}
      </span>
      <HallClock className="oc-clock" now={now} timeZone={snapshot.timeZone} />
      <span className="oc-user">{session.staff.name}</span>
      <Button type="text" className="oc-logout" onClick={onLogout}>
        退出
      </Button>
    </header>
  );
}
