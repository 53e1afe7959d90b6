import { Alert } from 'antd';
import type { WindowView } from '@onedoor/protocol';
import { formatHallTime } from '@onedoor/protocol/client';
import type { Failure } from './use-window-commands';

/** What stops or refused the clerk's work: the last refusal, the lost connection, a closed or paused window. */
export function StatusAlerts({
  failure,
  online,
  win,
  timeZone,
  onCloseFailure,
}: {
  failure: Failure | null;
  online: boolean;
  win: WindowView;
  timeZone: string;
  onCloseFailure: () => void;
}) {
  return (
    <>
      {failure && (
        <Alert
          className="od-failure"
          type="error"
          showIcon
          closable
          onClose={onCloseFailure}
          data-testid="error-bar"
          title={
            <span>
              <b>{failure.action}未成功：</b>
              <span data-testid="error-message">{failure.message}</span>
              <span className="od-failure-time">{formatHallTime(failure.at, timeZone, { seconds: true })}</span>
            </span>
          }
        />
      )}
      {!online && (
        <Alert
          className="od-failure"
          type="warning"
          showIcon
          title="与大厅服务器的连接已断开，正在自动重连；重连后画面自动更新。此时操作不会发出。"
        />
      )}
      {win.state === 'closed' && (
        <Alert
          className="od-failure"
          type="info"
          showIcon
          title="窗口已被关闭：不再叫号。需要继续服务时请点「开放窗口」。"
        />
      )}
      {win.state === 'paused' && (
        <Alert
          className="od-failure"
          type="warning"
          showIcon
          title={`窗口已暂停（${win.pauseReason ?? ''}）：不再叫新号；当前群众可继续办理。`}
        />
      )}
    </>
  );
}
