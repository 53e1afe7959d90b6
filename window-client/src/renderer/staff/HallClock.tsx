import { formatHallTime } from '@onedoor/protocol/client';

/** The hall's time of day in the header (09:15:30), in the hall's zone whatever the PC's zone is. */
export function HallClock({ now, timeZone, className }: { now: number; timeZone: string; className: string }) {
  return <span className={className}>{formatHallTime(now, timeZone, { seconds: true })}</span>;
}
