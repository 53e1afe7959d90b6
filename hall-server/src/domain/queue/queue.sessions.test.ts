import { describe, expect, it } from 'vitest';
import { closedWindowRuntime } from './queue.js';
import { DAY, makeService, makeWindow, standardHall, TestHall } from './queue.test-support.js';

describe('window sessions', () => {
  it('signs a clerk in and opens the window', () => {
    const hall = standardHall();
    expect(hall.runtime('w1')).toEqual(closedWindowRuntime('w1'));
    const events = hall.run({ type: 'sign-in', windowId: 'w1', clerkId: 'c1', clerkName: '李四' });
    expect(events).toEqual([
      {
        type: 'window.changed',
        at: new Date(hall.now).toISOString(),
        windowId: 'w1',
        // Opened now: the floor view times the window's state from here.
        runtime: {
          ...closedWindowRuntime('w1'),
          state: 'open',
          clerkId: 'c1',
          clerkName: '李四',
          stateSince: new Date(hall.now).toISOString(),
        },
      },
    ]);
  });

  it('lets the same clerk sign in again (client restart) without changing anything', () => {
    const hall = standardHall().signIn('w1', 'c1');
    hall.issue('A');
    hall.callNext('w1');
    expect(hall.run({ type: 'sign-in', windowId: 'w1', clerkId: 'c1', clerkName: '办事员w1' })).toEqual([]);
  });

  it('refuses another clerk while a visitor is at the window', () => {
    const hall = standardHall().signIn('w1', 'c1');
    hall.issue('A');
    hall.callNext('w1');
    const error = hall.fail({ type: 'sign-in', windowId: 'w1', clerkId: 'c2', clerkName: '王五' });
    expect(error.code).toBe('WINDOW_BUSY');
    expect(error.message).toBe('1号窗口正在办理 A001，请先办结、转移或挂起');
  });

  it('moves a clerk: signing in at a new window closes their idle old one, but not a busy one', () => {
    const hall = standardHall().signIn('w1', 'c1');
    const events = hall.run({ type: 'sign-in', windowId: 'w2', clerkId: 'c1', clerkName: '李四' });
    expect(events.map((e) => e.type === 'window.changed' && e.windowId)).toEqual(['w1', 'w2']);
    expect(hall.runtime('w1')).toMatchObject({ state: 'closed', clerkId: null });
    hall.issue('B');
    hall.callNext('w2');
    expect(hall.fail({ type: 'sign-in', windowId: 'w1', clerkId: 'c1', clerkName: '李四' }).code).toBe('WINDOW_BUSY');
  });

  it('refuses unknown and disabled windows', () => {
    const hall = new TestHall({
      services: [makeService('A', 'A')],
      windows: [makeWindow('off', '9', [['A', 1]], { enabled: false })],
    });
    expect(hall.fail({ type: 'sign-in', windowId: 'nope', clerkId: 'c', clerkName: 'x' }).code).toBe('NOT_FOUND');
    expect(hall.fail({ type: 'sign-in', windowId: 'off', clerkId: 'c', clerkName: 'x' }).code).toBe('WINDOW_NOT_OPEN');
    for (const type of ['sign-out', 'open', 'close', 'recall', 'start', 'finish', 'no-show', 'suspend'] as const) {
      expect(hall.fail({ type, windowId: 'nope' }).code).toBe('NOT_FOUND');
    }
  });

  it('signs out only an idle window, closing it and clearing the clerk', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.callNext('w1');
    expect(hall.fail({ type: 'sign-out', windowId: 'w1' }).code).toBe('WINDOW_BUSY');
    hall.run({ type: 'finish', windowId: 'w1' });
    hall.run({ type: 'sign-out', windowId: 'w1' });
    expect(hall.runtime('w1')).toMatchObject({
      state: 'closed',
      clerkId: null,
      clerkName: null,
      currentTicketId: null,
    });
    expect(hall.run({ type: 'sign-out', windowId: 'w1' })).toEqual([]);
  });

  it('pauses with a reason, keeps serving the current visitor, and opens again', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.issue('A');
    hall.callNext('w1');
    expect(hall.fail({ type: 'pause', windowId: 'w1', reason: '   ' }).code).toBe('BAD_REQUEST');
    hall.advance(3);
    const pausedAt = new Date(hall.now).toISOString();
    hall.run({ type: 'pause', windowId: 'w1', reason: ' 午休 ' });
    expect(hall.runtime('w1')).toMatchObject({ state: 'paused', pauseReason: '午休', stateSince: pausedAt });
    // Finishing the visitor changes the window but not its state: the pause is still timed from when it began.
    hall.advance(5);
    hall.run({ type: 'finish', windowId: 'w1' });
    expect(hall.runtime('w1').stateSince).toBe(pausedAt);
    expect(hall.fail({ type: 'call-next', windowId: 'w1' }).code).toBe('WINDOW_NOT_OPEN');
    hall.run({ type: 'open', windowId: 'w1' });
    expect(hall.runtime('w1')).toMatchObject({ state: 'open', pauseReason: null });
    expect(hall.callNext('w1')).toBe('A002');
  });

  it('does not pause a closed window or open one without a clerk', () => {
    const hall = standardHall();
    expect(hall.fail({ type: 'pause', windowId: 'w1', reason: '午休' }).code).toBe('WINDOW_NOT_OPEN');
    expect(hall.fail({ type: 'open', windowId: 'w1' }).code).toBe('WINDOW_NOT_OPEN');
  });

  it('closes an idle window but keeps the clerk signed in', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.callNext('w1');
    expect(hall.fail({ type: 'close', windowId: 'w1' }).code).toBe('WINDOW_BUSY');
    hall.run({ type: 'finish', windowId: 'w1' });
    hall.run({ type: 'close', windowId: 'w1' });
    expect(hall.runtime('w1')).toMatchObject({ state: 'closed', clerkId: 'clerk-w1' });
    hall.run({ type: 'open', windowId: 'w1' });
    expect(hall.runtime('w1').state).toBe('open');
  });
});

describe('reset-day', () => {
  it('abandons the old day’s open tickets, frees the windows and restarts the numbers', () => {
    const hall = standardHall().signIn('w1').signIn('w2');
    const done = hall.issue('A');
    const serving = hall.issue('A');
    const waiting = hall.issue('A');
    const suspended = hall.issue('B');
    const noShow = hall.issue('B');
    hall.run({ type: 'call', windowId: 'w1', ticketId: done.id });
    hall.run({ type: 'call', windowId: 'w1', ticketId: serving.id });
    hall.run({ type: 'call', windowId: 'w2', ticketId: noShow.id });
    hall.run({ type: 'no-show', windowId: 'w2' });
    hall.run({ type: 'call', windowId: 'w2', ticketId: suspended.id });
    hall.run({ type: 'suspend', windowId: 'w2' });

    const decided = hall.decide({ type: 'reset-day', businessDay: '2026-11-28' });
    expect(decided.ok).toBe(true);
    const events = decided.ok ? decided.value : [];
    const abandoned = events.flatMap((e) => (e.type === 'ticket.abandoned' ? [[e.ticketId, e.reason]] : []));
    expect(abandoned.sort()).toEqual([serving.id, waiting.id, suspended.id].map((id) => [id, 'day-reset']).sort());
    expect(
      events.filter((e) => e.type === 'window.changed').map((e) => e.type === 'window.changed' && e.windowId),
    ).toEqual(['w1', 'w2']);
    expect(events.at(-1)).toEqual({
      type: 'day.reset',
      at: new Date(hall.now).toISOString(),
      businessDay: '2026-11-28',
    });

    hall.run({ type: 'reset-day', businessDay: '2026-11-28' });
    expect(hall.state.businessDay).toBe('2026-11-28');
    expect(hall.state.tickets.size).toBe(0);
    expect(hall.runtime('w1')).toMatchObject({ currentTicketId: null, normalsSincePriority: 0, clerkId: 'clerk-w1' });
    const first = hall.issue('A');
    expect(first).toMatchObject({ number: 'A001', businessDay: '2026-11-28' });
  });

  it('never goes back to a day that already handed out numbers', () => {
    const hall = standardHall();
    expect(hall.fail({ type: 'reset-day', businessDay: DAY }).code).toBe('INVALID_TRANSITION');
    expect(hall.fail({ type: 'reset-day', businessDay: '2026-11-26' }).code).toBe('INVALID_TRANSITION');
    expect(hall.fail({ type: 'reset-day', businessDay: '28.11.2026' }).code).toBe('BAD_REQUEST');
  });
});
