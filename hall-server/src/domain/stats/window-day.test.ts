import { describe, expect, it } from 'vitest';
import { windowDay, type WindowDayEvent } from './window-day.js';

describe('windowDay (今日本窗口 from the event log)', () => {
  it('counts first calls, services and their minutes, no-shows, transfers away and suspensions of one window', () => {
    const events: WindowDayEvent[] = [
      { type: 'ticket.called', windowId: 'w01' },
      { type: 'ticket.called', windowId: 'w01', recall: true }, // the same call again
      { type: 'ticket.done', windowId: 'w01', serviceMinutes: 7 },
      { type: 'ticket.called', windowId: 'w01' },
      { type: 'ticket.no-show', windowId: 'w01' },
      { type: 'ticket.called', windowId: 'w01' },
      { type: 'ticket.transferred', fromWindowId: 'w01' },
      { type: 'ticket.called', windowId: 'w01' },
      { type: 'ticket.suspended', windowId: 'w01' },
      // Another window's day is its own.
      { type: 'ticket.called', windowId: 'w02' },
      { type: 'ticket.done', windowId: 'w02', serviceMinutes: 30 },
      { type: 'ticket.transferred', fromWindowId: 'w02' },
    ];
    expect(windowDay({ businessDay: '2026-12-02', seq: 40 }, 'w01', events)).toEqual({
      businessDay: '2026-12-02',
      seq: 40,
      called: 4,
      done: 1,
      noShow: 1,
      transferred: 1,
      suspended: 1,
      serviceMinutes: 7,
    });
  });
});
