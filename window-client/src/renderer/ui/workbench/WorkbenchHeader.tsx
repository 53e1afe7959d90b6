import { Button, Popconfirm, Tag, Tooltip } from 'antd';
import { WINDOW_KIND_TEXT, type WindowView } from '@onedoor/protocol';
import type { LinkStatus } from '@onedoor/protocol/client';
import { HallClock, type StaffSession } from '@onedoor/staff-ui';
import type { WindowModel } from '../../window-model';
import { ConnectionDot } from './ConnectionDot';

function StateTag({ win }: { win: WindowView }) {
  if (win.state === 'open') return <Tag color="success">服务中</Tag>;
  if (win.state === 'paused') return <Tag color="warning">暂停 · {win.pauseReason}</Tag>;
  return <Tag>已关闭</Tag>;
}

/** The window, the clerk and the hall; pause or open the window, sign out of it, leave the app. */
export function WorkbenchHeader({
  win,
  model,
  hallName,
  session,
  status,
  now,
  timeZone,
  onOpen,
  onPause,
  onIssue,
  onSignOut,
  onLogout,
}: {
  win: WindowView;
  model: WindowModel;
  hallName: string;
  session: StaffSession;
  status: LinkStatus;
  now: number;
  timeZone: string;
  onOpen: () => void;
  onPause: () => void;
  /** 代取号 (and 绿色通道) for the visitor in front of the clerk; needs no current visitor. */
  onIssue: () => void;
  onSignOut: () => void;
  onLogout: () => void;
}) {
  return (
    <header className="od-header">
      <div className="od-brand">一门 · 窗口叫号</div>
      <div className="od-window-name" data-testid="window-name">
        {win.name}
        <span className="od-kind">{WINDOW_KIND_TEXT[win.kind]}</span>
      </div>
      <span data-testid="window-state">
        <StateTag win={win} />
      </span>
      <div className="od-header-spacer" />
      <span className="od-hall">{hallName}</span>
      <span className="od-clerk">
        {session.staff.name}（{session.staff.username}）
      </span>
      <ConnectionDot status={status} />
      <HallClock className="od-clock" now={now} timeZone={timeZone} />
      <Button onClick={onIssue} disabled={status !== 'online'} data-testid="btn-issue">
        代取号
      </Button>
      {win.state !== 'open' ? (
        <Button type="primary" disabled={!model.enabled.open} onClick={onOpen} data-testid="btn-open">
          {win.state === 'paused' ? '恢复服务' : '开放窗口'}
        </Button>
      ) : (
        <Button disabled={!model.enabled.pause} onClick={onPause} data-testid="btn-pause">
          暂停服务
        </Button>
      )}
      <Tooltip title={model.current ? '请先办结或转移当前群众' : null}>
        <Popconfirm
          title="确认签退本窗口？"
          okText="签退"
          cancelText="取消"
          disabled={!model.enabled.signOut}
          onConfirm={onSignOut}
        >
          <Button disabled={!model.enabled.signOut} data-testid="btn-sign-out">
            签退
          </Button>
        </Popconfirm>
      </Tooltip>
      <Button type="text" className="od-logout" onClick={onLogout} disabled={!!model.current}>
        退出登录
      </Button>
    </header>
  );
}
