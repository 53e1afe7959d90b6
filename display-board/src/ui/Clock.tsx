import { useEffect, useState } from 'react';
import { formatClock } from '@onedoor/protocol/client';

/** Date and time in the hall's zone, from the server-corrected clock; ticks on the second. */
export function Clock(props: { now: () => number; timeZone: string; compact?: boolean }) {
  const { now, timeZone } = props;
  const [ms, setMs] = useState(now);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      const t = now();
      setMs(t);
      timer = setTimeout(tick, 1000 - (t % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [now]);
  const c = formatClock(ms, timeZone);
  return (
    <div className={props.compact ? 'clock clock--compact' : 'clock'} aria-label="当前时间">
      <span className="clock__date">
        {c.date} {c.weekday}
      </span>
      <span className="clock__time">{c.time}</span>
    </div>
  );
}
