import { Card, Tag } from 'antd';
import { TICKET_STATUS_TEXT } from '@onedoor/protocol';
import { formatHallTime } from '@onedoor/protocol/client';
import { formatMinutes, type CurrentTicket } from '../../window-model';
import { PriorityTag } from './PriorityTag';

/** The visitor at the window now, big; or how many are waiting. */
export function CurrentCard({
  current,
  waitingCount,
  windowId,
  timeZone,
}: {
  current: CurrentTicket | null;
  waitingCount: number;
  windowId: string;
  timeZone: string;
}) {
  return (
    <Card className="od-current" data-testid="current-card">
      {current ? (
        <div className="od-current-body">
          <div className="od-current-number" data-testid="current-number">
            {current.ticket.number}
          </div>
          <div className="od-current-info">
            <div className="od-current-line">
              <Tag
                color={current.ticket.status === 'serving' ? 'processing' : 'gold'}
                className="od-status"
                data-testid="current-status"
              >
                {TICKET_STATUS_TEXT[current.ticket.status]}
              </Tag>
              <span className="od-current-service">{current.service?.name ?? current.ticket.serviceId}</span>
              <PriorityTag priority={current.ticket.priority} />
              {current.ticket.targetWindowId === windowId && <Tag color="purple">指定本窗口</Tag>}
            </div>
            {current.ticket.realName && (
              <div className="od-current-line od-holder" data-testid="current-holder">
                实名：{current.ticket.holderName ?? '—'}
                <span className="od-holder-id">{current.ticket.holderId ?? ''}</span>
              </div>
            )}
            <div className="od-current-facts">
              <span>
                呼叫次数 <b data-testid="current-calls">{current.ticket.callCount}</b>
              </span>
              <span>
                取号 <b>{formatHallTime(current.ticket.issuedAt, timeZone)}</b>
              </span>
              <span>
                已等候 <b>{formatMinutes(current.waitedMinutes)}</b>
              </span>
              {current.sinceCallMinutes !== null && (
                <span>
                  叫号后 <b>{formatMinutes(current.sinceCallMinutes)}</b>
                </span>
              )}
            </div>
          </div>
        </div>
      ) : (
        <div className="od-current-empty" data-testid="current-empty">
          <div className="od-current-number od-muted">— —</div>
          <div>
            当前没有群众在办理。
            {waitingCount > 0 ? `有 ${waitingCount} 人等候，按 F1 叫下一位。` : '暂无等候群众。'}
          </div>
        </div>
      )}
    </Card>
  );
}
