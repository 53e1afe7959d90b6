import { describe, expect, it } from 'vitest';
import { makeWindow, MINUTE, standardHall, T0, TestHall, makeService } from './queue.test-support.js';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('call-next', () => {
  it('refuses an unknown, closed, unsigned, paused or disabled window', () => {
    const hall = new TestHall({
      services: [makeService('A', 'A')],
      windows: [makeWindow('w1', '1', [['A', 1]]), makeWindow('off', '9', [['A', 1]], { enabled: false })],
    });
    hall.issue('A');
    expect(hall.fail({ type: 'call-next', windowId: 'nope' }).code).toBe('NOT_FOUND');
    const unsigned = hall.fail({ type: 'call-next', windowId: 'w1' });
    expect(unsigned.code).toBe('WINDOW_NOT_OPEN');
    expect(unsigned.message).toContain('签到');
    hall.signIn('w1');
    hall.run({ type: 'pause', windowId: 'w1', reason: '午休' });
    const paused = hall.fail({ type: 'call-next', windowId: 'w1' });
    expect(paused.code).toBe('WINDOW_NOT_OPEN');
    expect(paused.message).toContain('午休');
    hall.run({ type: 'open', windowId: 'w1' });
    hall.run({ type: 'close', windowId: 'w1' });
    expect(hall.fail({ type: 'call-next', windowId: 'w1' }).code).toBe('WINDOW_NOT_OPEN');
    expect(hall.fail({ type: 'call-next', windowId: 'off' }).code).toBe('WINDOW_NOT_OPEN');
  });

  it('says nobody is waiting', () => {
    const hall = standardHall().signIn('w1');
    const error = hall.fail({ type: 'call-next', windowId: 'w1' });
    expect(error.code).toBe('NO_TICKET_WAITING');
    expect(error.message).toBe('当前没有等候的群众');
  });

  it('calls the next ticket and makes it the window’s current ticket', () => {
    const hall = standardHall().signIn('w1', 'clerk-7');
    const ticket = hall.issue('A');
    hall.advance(2);
    const events = hall.run({ type: 'call-next', windowId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['ticket.called', 'window.changed']);
    expect(events[0]).toEqual({
      type: 'ticket.called',
      at: iso(T0 + 2 * MINUTE),
      ticketId: ticket.id,
      windowId: 'w1',
      clerkId: 'clerk-7',
      recall: false,
    });
    expect(hall.ticket(ticket.id)).toMatchObject({
      status: 'called',
      windowId: 'w1',
      clerkId: 'clerk-7',
      callCount: 1,
      calledAt: iso(T0 + 2 * MINUTE),
    });
    expect(hall.runtime('w1').currentTicketId).toBe(ticket.id);
  });

  it('finishes the current ticket first (a call pad only has a "next" key)', () => {
    const hall = standardHall().signIn('w1');
    const first = hall.issue('A');
    const second = hall.issue('A');
    hall.callNext('w1');
    hall.advance(6);
    const events = hall.run({ type: 'call-next', windowId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['ticket.done', 'ticket.called', 'window.changed']);
    expect(events[0]).toMatchObject({ ticketId: first.id, serviceMinutes: 6 });
    expect(hall.ticket(first.id)).toMatchObject({ status: 'done', finishedAt: iso(hall.now) });
    expect(hall.ticket(second.id).status).toBe('called');
    expect(hall.state.serviceMinutes.get('A')).toEqual([6]);
  });

  it('still finishes the current ticket when nobody else waits', () => {
    const hall = standardHall().signIn('w1');
    const only = hall.issue('A');
    hall.callNext('w1');
    const events = hall.run({ type: 'call-next', windowId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['ticket.done', 'window.changed']);
    expect(hall.ticket(only.id).status).toBe('done');
    expect(hall.runtime('w1').currentTicketId).toBeNull();
  });
});

describe('call (a specific ticket)', () => {
  it('calls a waiting ticket out of order and finishes the current one', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.issue('A');
    const third = hall.issue('A');
    hall.callNext('w1');
    const events = hall.run({ type: 'call', windowId: 'w1', ticketId: third.id });
    expect(events.map((e) => e.type)).toEqual(['ticket.done', 'ticket.called', 'window.changed']);
    expect(hall.ticket(third.id).status).toBe('called');
    expect(hall.byNumber('A002').status).toBe('waiting');
  });

  it('refuses a ticket that is not waiting, unknown, of another service, or sent to another window', () => {
    const hall = standardHall().signIn('w1').signIn('w2');
    const a = hall.issue('A');
    const c = hall.issue('C');
    const b = hall.issue('B');
    expect(hall.fail({ type: 'call', windowId: 'w1', ticketId: 'nope' }).code).toBe('NOT_FOUND');
    const other = hall.fail({ type: 'call', windowId: 'w1', ticketId: c.id });
    expect(other.code).toBe('NOT_SERVED_HERE');
    expect(other.message).toBe('1号窗口不办理 C001 的业务');
    hall.run({ type: 'call', windowId: 'w1', ticketId: a.id });
    hall.run({ type: 'finish', windowId: 'w1' });
    const done = hall.fail({ type: 'call', windowId: 'w1', ticketId: a.id });
    expect(done.code).toBe('TICKET_NOT_CALLABLE');
    expect(done.message).toContain('已办结');
    hall.run({ type: 'call', windowId: 'w2', ticketId: b.id });
    hall.run({ type: 'transfer', windowId: 'w2', toWindowId: 'w3', keepIssueTime: true });
    const elsewhere = hall.fail({ type: 'call', windowId: 'w1', ticketId: b.id });
    expect(elsewhere.code).toBe('NOT_SERVED_HERE');
    expect(elsewhere.message).toContain('已转给其他窗口');
  });
});

describe('recall, start, finish, no-show', () => {
  it('recalls the current ticket up to maxRecalls times', () => {
    const hall = standardHall({ maxRecalls: 2 }).signIn('w1');
    const ticket = hall.issue('A');
    hall.callNext('w1');
    const firstCall = hall.ticket(ticket.id).calledAt;
    hall.advance(1);
    const events = hall.run({ type: 'recall', windowId: 'w1' });
    expect(events).toEqual([
      {
        type: 'ticket.called',
        at: iso(hall.now),
        ticketId: ticket.id,
        windowId: 'w1',
        clerkId: 'clerk-w1',
        recall: true,
      },
    ]);
    expect(hall.ticket(ticket.id)).toMatchObject({ callCount: 2, calledAt: firstCall });
    hall.run({ type: 'recall', windowId: 'w1' });
    expect(hall.ticket(ticket.id).callCount).toBe(3);
    const limit = hall.fail({ type: 'recall', windowId: 'w1' });
    expect(limit.code).toBe('RECALL_LIMIT_REACHED');
    expect(limit.message).toBe('A001 已重呼 2 次，请按过号处理');
  });

  it('does not recall an idle window or a visitor already being served', () => {
    const hall = standardHall().signIn('w1');
    expect(hall.fail({ type: 'recall', windowId: 'w1' }).code).toBe('WINDOW_IDLE');
    hall.issue('A');
    hall.callNext('w1');
    hall.run({ type: 'start', windowId: 'w1' });
    expect(hall.fail({ type: 'recall', windowId: 'w1' }).code).toBe('INVALID_TRANSITION');
  });

  it('starts serving a called ticket once', () => {
    const hall = standardHall().signIn('w1');
    expect(hall.fail({ type: 'start', windowId: 'w1' }).code).toBe('WINDOW_IDLE');
    const ticket = hall.issue('A');
    hall.callNext('w1');
    hall.advance(1);
    expect(hall.run({ type: 'start', windowId: 'w1' }).map((e) => e.type)).toEqual(['ticket.serving']);
    expect(hall.ticket(ticket.id)).toMatchObject({ status: 'serving', servingAt: iso(hall.now) });
    expect(hall.fail({ type: 'start', windowId: 'w1' }).code).toBe('INVALID_TRANSITION');
  });

  it('finishes with the service time measured from the start of service', () => {
    const hall = standardHall().signIn('w1');
    const ticket = hall.issue('A');
    hall.callNext('w1');
    hall.advance(2);
    hall.run({ type: 'start', windowId: 'w1' });
    hall.advance(7.5);
    const events = hall.run({ type: 'finish', windowId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['ticket.done', 'window.changed']);
    expect(events[0]).toMatchObject({ serviceMinutes: 7.5 });
    expect(hall.ticket(ticket.id)).toMatchObject({ status: 'done', finishedAt: iso(hall.now) });
    expect(hall.runtime('w1').currentTicketId).toBeNull();
    expect(hall.fail({ type: 'finish', windowId: 'w1' }).code).toBe('WINDOW_IDLE');
  });

  it('keeps only the newest serviceTimeSamples service times', () => {
    const hall = standardHall({ serviceTimeSamples: 3 }).signIn('w1');
    for (let minutes = 1; minutes <= 5; minutes++) {
      hall.issue('A');
      hall.callNext('w1');
      hall.advance(minutes);
      hall.run({ type: 'finish', windowId: 'w1' });
    }
    expect(hall.state.serviceMinutes.get('A')).toEqual([3, 4, 5]);
  });

  it('marks a called visitor who did not come as no-show and frees the window', () => {
    const hall = standardHall().signIn('w1');
    const ticket = hall.issue('A');
    hall.callNext('w1');
    const events = hall.run({ type: 'no-show', windowId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['ticket.no-show', 'window.changed']);
    expect(hall.ticket(ticket.id)).toMatchObject({ status: 'no-show', noShowAt: iso(hall.now), windowId: 'w1' });
    expect(hall.runtime('w1').currentTicketId).toBeNull();
  });

  it('does not mark a visitor being served as no-show', () => {
    const hall = standardHall().signIn('w1');
    expect(hall.fail({ type: 'no-show', windowId: 'w1' }).code).toBe('WINDOW_IDLE');
    hall.issue('A');
    hall.callNext('w1');
    hall.run({ type: 'start', windowId: 'w1' });
    const error = hall.fail({ type: 'no-show', windowId: 'w1' });
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain('不能记为过号');
  });
});

describe('reactivate', () => {
  /** A001 no-show at window 1, then A002…A00n waiting. */
  function withNoShow(waiting: number, rules = {}) {
    const hall = standardHall({ agingMinutes: 0, ...rules }).signIn('w1');
    const missed = hall.issue('A');
    hall.callNext('w1');
    hall.run({ type: 'no-show', windowId: 'w1' });
    for (let i = 0; i < waiting; i++) {
      hall.advance(1);
      hall.issue('A');
    }
    hall.advance(5);
    return { hall, missed };
  }

  it('puts a returning no-show behind the next 2 waiting people', () => {
    const { hall, missed } = withNoShow(4);
    const events = hall.run({ type: 'reactivate', ticketId: missed.id, windowId: 'w1' });
    expect(events.map((e) => e.type)).toEqual(['ticket.reactivated']);
    expect(hall.ticket(missed.id)).toMatchObject({
      status: 'waiting',
      enqueuedAt: hall.now,
      callCount: 0,
      windowId: null,
    });
    expect([1, 2, 3, 4, 5].map(() => hall.callNext('w1'))).toEqual(['A002', 'A003', 'A001', 'A004', 'A005']);
  });

  it('puts it last when fewer people wait', () => {
    const { hall, missed } = withNoShow(1);
    hall.run({ type: 'reactivate', ticketId: missed.id });
    expect([hall.callNext('w1'), hall.callNext('w1')]).toEqual(['A002', 'A001']);
  });

  it('puts it first with reactivatePlaceBehind 0', () => {
    const { hall, missed } = withNoShow(2, { reactivatePlaceBehind: 0 });
    hall.run({ type: 'reactivate', ticketId: missed.id });
    expect(hall.callNext('w1')).toBe('A001');
  });

  it('allows a fresh set of recalls after reactivation', () => {
    const { hall, missed } = withNoShow(0, { maxRecalls: 1 });
    hall.run({ type: 'reactivate', ticketId: missed.id });
    expect(hall.callNext('w1')).toBe('A001');
    hall.run({ type: 'recall', windowId: 'w1' });
    expect(hall.ticket(missed.id).callCount).toBe(2);
  });

  it('refuses after reactivateWithinMinutes', () => {
    const { hall, missed } = withNoShow(0, { reactivateWithinMinutes: 30 });
    hall.now = Date.parse(hall.ticket(missed.id).noShowAt!) + 30 * MINUTE;
    expect(hall.decide({ type: 'reactivate', ticketId: missed.id }).ok).toBe(true);
    hall.now += 1;
    const error = hall.fail({ type: 'reactivate', ticketId: missed.id });
    expect(error.code).toBe('REACTIVATION_EXPIRED');
    expect(error.message).toBe('A001 过号已超过 30 分钟，不能恢复，请重新取号');
  });

  it('refuses a ticket that is not a no-show, unknown tickets, and windows that do not serve it', () => {
    const { hall, missed } = withNoShow(1);
    expect(hall.fail({ type: 'reactivate', ticketId: hall.byNumber('A002').id }).code).toBe('INVALID_TRANSITION');
    expect(hall.fail({ type: 'reactivate', ticketId: 'nope' }).code).toBe('NOT_FOUND');
    expect(hall.fail({ type: 'reactivate', ticketId: missed.id, windowId: 'w3' }).code).toBe('NOT_SERVED_HERE');
    expect(hall.fail({ type: 'reactivate', ticketId: missed.id, windowId: 'nope' }).code).toBe('NOT_FOUND');
  });
});

describe('transfer', () => {
  it('moves the current ticket to another service, keeping its number and place', () => {
    const hall = standardHall({ agingMinutes: 0 }).signIn('w1').signIn('w3');
    const ticket = hall.issue('C');
    hall.advance(1);
    hall.issue('A');
    hall.callNext('w3');
    hall.advance(3);
    const events = hall.run({ type: 'transfer', windowId: 'w3', toServiceId: 'A', keepIssueTime: true });
    expect(events.map((e) => e.type)).toEqual(['ticket.transferred', 'window.changed']);
    expect(events[0]).toMatchObject({
      fromWindowId: 'w3',
      toServiceId: 'A',
      toWindowId: null,
      sortKey: T0,
      enqueuedAt: T0,
    });
    expect(hall.ticket(ticket.id)).toMatchObject({
      status: 'waiting',
      serviceId: 'A',
      number: 'C001',
      callCount: 0,
      windowId: null,
    });
    expect(hall.runtime('w3').currentTicketId).toBeNull();
    // It kept its place: ahead of A001, issued later.
    expect(hall.callNext('w1')).toBe('C001');
  });

  it('queues from now without keepIssueTime', () => {
    const hall = standardHall({ agingMinutes: 0 }).signIn('w1').signIn('w3');
    hall.issue('C');
    hall.advance(1);
    hall.issue('A');
    hall.callNext('w3');
    hall.advance(3);
    hall.run({ type: 'transfer', windowId: 'w3', toServiceId: 'A', keepIssueTime: false });
    expect(hall.byNumber('C001')).toMatchObject({ sortKey: hall.now, enqueuedAt: hall.now });
    expect([hall.callNext('w1'), hall.callNext('w1')]).toEqual(['A001', 'C001']);
  });

  it('sends a ticket to one window, keeping its service', () => {
    const hall = standardHall().signIn('w1').signIn('w2');
    const ticket = hall.issue('B');
    hall.callNext('w2');
    hall.run({ type: 'start', windowId: 'w2' });
    hall.run({ type: 'transfer', windowId: 'w2', toWindowId: 'w1', keepIssueTime: true });
    expect(hall.ticket(ticket.id)).toMatchObject({
      status: 'waiting',
      serviceId: 'B',
      targetWindowId: 'w1',
      servingAt: null,
    });
    expect(hall.fail({ type: 'call-next', windowId: 'w2' }).code).toBe('NO_TICKET_WAITING');
    expect(hall.callNext('w1')).toBe('B001');
  });

  it('refuses a transfer without exactly one target, to itself, to unknown or disabled targets, or from an idle window', () => {
    const hall = new TestHall({
      services: [makeService('A', 'A'), makeService('B', 'B'), makeService('X', 'X', { enabled: false })],
      windows: [
        makeWindow('w1', '1', [['A', 1]]),
        makeWindow('w2', '2', [['B', 1]]),
        makeWindow('off', '9', [], { enabled: false }),
      ],
    }).signIn('w1');
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toServiceId: 'B', keepIssueTime: true }).code).toBe(
      'WINDOW_IDLE',
    );
    hall.issue('A');
    hall.callNext('w1');
    const both = hall.fail({
      type: 'transfer',
      windowId: 'w1',
      toServiceId: 'B',
      toWindowId: 'w2',
      keepIssueTime: true,
    });
    expect(both.code).toBe('BAD_REQUEST');
    expect(hall.fail({ type: 'transfer', windowId: 'w1', keepIssueTime: true }).code).toBe('BAD_REQUEST');
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toServiceId: 'A', keepIssueTime: true }).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toWindowId: 'w1', keepIssueTime: true }).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toServiceId: 'nope', keepIssueTime: true }).code).toBe(
      'NOT_FOUND',
    );
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toWindowId: 'nope', keepIssueTime: true }).code).toBe(
      'NOT_FOUND',
    );
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toServiceId: 'X', keepIssueTime: true }).code).toBe(
      'SERVICE_DISABLED',
    );
    expect(hall.fail({ type: 'transfer', windowId: 'w1', toWindowId: 'off', keepIssueTime: true }).code).toBe(
      'WINDOW_NOT_OPEN',
    );
  });
});

describe('suspend and resume', () => {
  it('parks the current visitor, frees the window, and resumes them later at the same window', () => {
    const hall = standardHall().signIn('w1');
    const parked = hall.issue('A');
    hall.issue('A');
    hall.callNext('w1');
    hall.run({ type: 'start', windowId: 'w1' });
    expect(hall.run({ type: 'suspend', windowId: 'w1' }).map((e) => e.type)).toEqual([
      'ticket.suspended',
      'window.changed',
    ]);
    expect(hall.ticket(parked.id)).toMatchObject({ status: 'suspended', windowId: 'w1' });
    expect(hall.runtime('w1').currentTicketId).toBeNull();
    // The window serves someone else meanwhile.
    expect(hall.callNext('w1')).toBe('A002');
    const busy = hall.fail({ type: 'resume', windowId: 'w1', ticketId: parked.id });
    expect(busy.code).toBe('WINDOW_BUSY');
    expect(busy.message).toContain('A002');
    hall.run({ type: 'finish', windowId: 'w1' });
    hall.advance(4);
    expect(hall.run({ type: 'resume', windowId: 'w1', ticketId: parked.id }).map((e) => e.type)).toEqual([
      'ticket.resumed',
      'window.changed',
    ]);
    expect(hall.ticket(parked.id)).toMatchObject({ status: 'serving', servingAt: iso(hall.now) });
    expect(hall.runtime('w1').currentTicketId).toBe(parked.id);
  });

  it('suspends a ticket that was only called (call-pad flow)', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.callNext('w1');
    hall.run({ type: 'suspend', windowId: 'w1' });
    expect(hall.byNumber('A001').status).toBe('suspended');
  });

  it('resumes only suspended tickets of this window, at a staffed window', () => {
    const hall = standardHall().signIn('w1').signIn('w2');
    expect(hall.fail({ type: 'suspend', windowId: 'w1' }).code).toBe('WINDOW_IDLE');
    const ticket = hall.issue('B');
    const waiting = hall.issue('B');
    hall.callNext('w2');
    hall.run({ type: 'suspend', windowId: 'w2' });
    const elsewhere = hall.fail({ type: 'resume', windowId: 'w1', ticketId: ticket.id });
    expect(elsewhere.code).toBe('NOT_SERVED_HERE');
    expect(elsewhere.message).toContain('原窗口');
    expect(hall.fail({ type: 'resume', windowId: 'w2', ticketId: waiting.id }).code).toBe('INVALID_TRANSITION');
    expect(hall.fail({ type: 'resume', windowId: 'w2', ticketId: 'nope' }).code).toBe('NOT_FOUND');
    hall.run({ type: 'close', windowId: 'w2' });
    expect(hall.fail({ type: 'resume', windowId: 'w2', ticketId: ticket.id }).code).toBe('WINDOW_NOT_OPEN');
    // A paused window may take its own visitor back.
    hall.run({ type: 'open', windowId: 'w2' });
    hall.run({ type: 'pause', windowId: 'w2', reason: '等群众回来' });
    expect(hall.run({ type: 'resume', windowId: 'w2', ticketId: ticket.id })[0]?.type).toBe('ticket.resumed');
  });
});

describe('void', () => {
  it('withdraws a waiting ticket whose print failed', () => {
    const hall = standardHall();
    const ticket = hall.issue('A');
    const events = hall.run({ type: 'void', ticketId: ticket.id, reason: 'print-failed' });
    expect(events).toEqual([
      { type: 'ticket.abandoned', at: iso(hall.now), ticketId: ticket.id, reason: 'print-failed' },
    ]);
    expect(hall.ticket(ticket.id)).toMatchObject({ status: 'abandoned', abandonReason: 'print-failed' });
    expect(hall.issue('A').number).toBe('A002');
  });

  it('withdraws a ticket an auto-calling window already called, freeing the window', () => {
    const hall = standardHall().signIn('w1');
    const ticket = hall.issue('A');
    hall.callNext('w1');
    expect(hall.run({ type: 'void', ticketId: ticket.id, reason: 'print-failed' }).map((e) => e.type)).toEqual([
      'ticket.abandoned',
      'window.changed',
    ]);
    expect(hall.runtime('w1').currentTicketId).toBeNull();
  });

  it('refuses tickets being served or finished, unknown tickets and an empty reason', () => {
    const hall = standardHall().signIn('w1');
    const ticket = hall.issue('A');
    expect(hall.fail({ type: 'void', ticketId: ticket.id, reason: '  ' }).code).toBe('BAD_REQUEST');
    expect(hall.fail({ type: 'void', ticketId: 'nope', reason: 'x' }).code).toBe('NOT_FOUND');
    hall.callNext('w1');
    hall.run({ type: 'start', windowId: 'w1' });
    expect(hall.fail({ type: 'void', ticketId: ticket.id, reason: 'x' }).code).toBe('INVALID_TRANSITION');
  });
});
