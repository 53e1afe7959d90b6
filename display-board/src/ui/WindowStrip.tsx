import type { ReactNode } from 'react';
import type { HallSnapshot } from '@onedoor/protocol';
import type { BoardController } from '../board-controller';
import { selectWindowStrip } from '../board-state';
import { Clock } from './Clock';
import { SoundBadge } from './StatusMarks';

/** One window's strip for a small screen above the counter: window number and name, the number served now. */
export function WindowStrip(props: {
  controller: BoardController;
  state: HallSnapshot;
  windowId: string;
  children?: ReactNode;
}) {
  const { controller, state, windowId } = props;
  const v = selectWindowStrip(state, windowId, controller.wasAnnounced);
  const fresh = v.call !== null && v.callIsNew && controller.isFresh(v.call.seq);
  const paused = v.state === 'paused' || v.state === 'closed';

  let body: ReactNode;
  if (!v.found) {
    body = (
      <div className="strip__status">
        未找到窗口 {windowId}
        <span className="en">Unknown window</span>
      </div>
    );
  } else if (v.currentNumber) {
    body = (
      <>
        <div className="strip__label">
          {v.state === 'paused' ? '暂停服务' : '当前号码'}
          <span className="en">{v.state === 'paused' ? 'Paused' : 'Now serving'}</span>
        </div>
        <div className="strip__number" data-testid="strip-number">
          {v.currentNumber}
        </div>
        {v.holderName && <div className="strip__name">{v.holderName}</div>}
      </>
    );
  } else if (paused) {
    body = (
      <div className="strip__status strip__status--paused">
        {v.state === 'closed' ? '暂未开放' : '暂停服务'}
        <span className="en">{v.state === 'closed' ? 'Closed' : (v.pauseReason ?? 'Paused')}</span>
      </div>
    );
  } else {
    body = (
      <div className="strip__status">
        请等候叫号
        <span className="en">Please wait for your number</span>
      </div>
    );
  }

  return (
    <div className={`strip strip--${v.state}`} data-testid="strip">
      <div className="strip__window">
        <div className="strip__wnum">
          {v.windowNumber || '—'}
          <small>号窗口</small>
        </div>
        <div className="strip__wname">{v.kindText && v.windowName !== v.kindText ? `${v.kindText}` : v.windowName}</div>
        <Clock now={controller.now} timeZone={controller.timeZone} compact />
      </div>
      <div key={v.call?.seq ?? 'idle'} className={`strip__current${fresh ? ' strip__current--flash' : ''}`}>
        {body}
      </div>
      <SoundBadge controller={controller} floating />
      {props.children}
    </div>
  );
}
