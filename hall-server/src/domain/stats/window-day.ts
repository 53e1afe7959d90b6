import type { WindowDay } from '@onedoor/protocol';

/** The ticket events a window's day is made of (other events do not count). */
export type WindowDayEvent =
  | { type: 'ticket.called'; windowId: string; recall?: boolean }
  | { type: 'ticket.done'; windowId: string; serviceMinutes?: number }
  | { type: 'ticket.no-show' | 'ticket.suspended'; windowId: string }
  | { type: 'ticket.transferred'; fromWindowId: string };

export const WINDOW_DAY_EVENTS: ReadonlySet<string> = new Set([
  'ticket.called',
  'ticket.done',
  'ticket.no-show',
  'ticket.suspended',
  'ticket.transferred',
]);

/**
 * One window's day from the hall's ticket events: first calls (a recall is the same call), finished services and
 * their minutes, no-shows, transfers away, suspensions — the same whichever screen was open when they happened.
 */
export function windowDay(
  at: { businessDay: string; seq: number },
  windowId: string,
  events: readonly WindowDayEvent[],
): WindowDay {
  const day: WindowDay = {
    ...at,
    called: 0,
    done: 0,
    noShow: 0,
    transferred: 0,
    suspended: 0,
    serviceMinutes: 0,
  };
  for (const e of events) {
    switch (e.type) {
      case 'ticket.transferred':
        if (e.fromWindowId === windowId) day.transferred++;
        break;
      case 'ticket.called':
        if (e.windowId === windowId && !e.recall) day.called++;
        break;
      case 'ticket.done':
        if (e.windowId !== windowId) break;
        day.done++;
        day.serviceMinutes += e.serviceMinutes ?? 0;
        break;
      case 'ticket.no-show':
        if (e.windowId === windowId) day.noShow++;
        break;
      case 'ticket.suspended':
        if (e.windowId === windowId) day.suspended++;
        break;
    }
  }
  return day;
}
