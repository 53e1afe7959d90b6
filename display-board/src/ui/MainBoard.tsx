import { useRef, type CSSProperties, type ReactNode } from 'react';
import type { CallView, HallSnapshot } from '@onedoor/protocol';
import type { BoardController } from '../board-controller';
import { maskName, selectBoardView } from '../board-state';
import { Clock } from './Clock';
import { Marquee } from './Marquee';
import { SoundBadge } from './StatusMarks';
import { useFitCount } from './use-fit-count';

/** The smallest height of a recent-calls row (board.css .recent__row min-height). */
const RECENT_ROW_MIN_REM = 3.4;

export function windowLabel(call: Pick<CallView, 'windowNumber' | 'windowName'>): string {
  return call.windowNumber ? `${call.windowNumber}号窗口` : call.windowName;
}

/** The window's own name when it says more than "N号窗口" (综合窗口, 出件窗口 …). */
function windowSubName(call: CallView): string | null {
  const label = windowLabel(call);
  return call.windowName && call.windowName !== label && !label.includes(call.windowName) ? call.windowName : null;
}

/** Up to 6 services side by side; more wrap into two or three compact rows (filter with ?services= beyond 18). */
function tileGrid(n: number): CSSProperties {
  const rows = n <= 6 ? 1 : n <= 14 ? 2 : 3;
  return {
    gridTemplateColumns: `repeat(${Math.max(1, Math.ceil(n / rows))}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
    ['--tile-scale' as string]: rows === 1 ? 1 : rows === 2 ? 0.62 : 0.45,
  };
}

export function MainBoard(props: { controller: BoardController; state: HallSnapshot; children?: ReactNode }) {
  const { controller, state } = props;
  const { config } = controller;
  const view = selectBoardView(state, controller.model.filter, config.recentCount, controller.wasAnnounced);
  const newest = view.newest;
  const fresh = newest !== null && view.newestIsNew && controller.isFresh(newest.seq);
  const name = maskName(newest?.holderName);
  const sub = newest ? windowSubName(newest) : null;
  const list = useRef<HTMLOListElement>(null);
  const rows = useFitCount(list, RECENT_ROW_MIN_REM, config.recentCount);
  const recent = view.recent.slice(0, rows);

  return (
    <div className="board" data-testid="board">
      <header className="board__top">
        <div className="board__hall">
          <span className="board__logo" aria-hidden="true">
            一门
          </span>
          <span className="board__hallname">{view.hallName}</span>
        </div>
        <SoundBadge controller={controller} />
        <Clock now={controller.now} timeZone={controller.timeZone} />
      </header>

      <main className="board__middle">
        <section
          key={newest?.seq ?? 'none'}
          className={`now${fresh ? ' now--flash' : ''}`}
          data-testid="now"
          data-seq={newest?.seq ?? ''}
          aria-live="polite"
        >
          <div className="now__label">
            正在呼叫 <span className="en">Now calling</span>
            {newest?.recall && <span className="tag tag--recall">重呼 Recall</span>}
          </div>
          {newest ? (
            <>
              <div className="now__number" data-testid="now-number">
                {newest.number}
              </div>
              <div className="now__to">
                请到 <strong data-testid="now-window">{windowLabel(newest)}</strong> 办理
              </div>
              <div className="now__meta">
                {name && <span className="now__name">{name}</span>}
                <span>{newest.serviceName}</span>
                {sub && <span>{sub}</span>}
              </div>
            </>
          ) : (
            <div className="now__idle">
              请取号等候叫号
              <span className="en">Please take a number and wait for your call</span>
            </div>
          )}
        </section>

        <section className="recent" data-testid="recent">
          <h2 className="panel-title">
            最近呼叫 <span className="en">Recent calls</span>
          </h2>
          <div className="recent__head">
            <span>号码</span>
            <span>窗口</span>
            <span>业务</span>
          </div>
          <ol className="recent__list" ref={list}>
            {recent.map((c) => (
              <li key={c.seq} className="recent__row">
                <span className="recent__number">{c.number}</span>
                <span className="recent__window">{windowLabel(c)}</span>
                <span className="recent__service">
                  {c.serviceName}
                  {c.recall && <span className="tag tag--recall tag--small">重呼</span>}
                </span>
              </li>
            ))}
            {recent.length === 0 && <li className="recent__empty">暂无 / none yet</li>}
          </ol>
        </section>
      </main>

      <section className="waiting" data-testid="waiting">
        <div className="waiting__title">
          等候人数
          <span className="en">Waiting</span>
          <span className="waiting__total">{view.totalWaiting}</span>
        </div>
        <div className="waiting__tiles" style={tileGrid(view.services.length)}>
          {view.services.map((s) => (
            <div key={s.id} className={`tile${s.openNow ? '' : ' tile--closed'}`}>
              <span className="tile__prefix">{s.prefix}</span>
              <span className="tile__name">{s.name}</span>
              <span className="tile__count">
                {s.openNow ? (
                  <>
                    <b>{s.waiting}</b>人
                  </>
                ) : (
                  '已停办'
                )}
              </span>
            </div>
          ))}
        </div>
      </section>

      <footer className="board__notice" data-testid="notice">
        <span className="board__notice-label">公告</span>
        <Marquee text={view.notice || '请留意叫号信息，过号请到窗口咨询 · Please watch for your number'} />
      </footer>
      {props.children}
    </div>
  );
}
