import { describe, expect, it } from 'vitest';
import { makeService, makeWindow, standardHall, TestHall } from './queue.test-support.js';

/** Calls at `windowId` until nobody is left, without the clock moving; returns the numbers in call order. */
function callAll(hall: TestHall, windowId: string): string[] {
  const numbers: string[] = [];
  for (let n = hall.callNext(windowId); n !== null; n = hall.callNext(windowId)) numbers.push(n);
  return numbers;
}

describe("the manager's move of waiting tickets to another service (move-waiting)", () => {
  it('keeps each ticket’s place: the moved tickets are called among the target’s own by issue time', () => {
    const hall = standardHall({ agingMinutes: 0 });
    const order: string[] = [];
    for (const s of ['C', 'B', 'C', 'B', 'C']) {
      order.push(hall.issue(s).number);
      hall.advance(1);
    }
    const moved = hall.run({ type: 'move-waiting', fromServiceId: 'C', toServiceId: 'B' });
    expect(moved.map((e) => e.type)).toEqual(['ticket.moved', 'ticket.moved', 'ticket.moved']);
    // Window 2 calls only B: every ticket now, in the order they were taken (C001 B001 C002 B002 C003).
    hall.signIn('w2');
    expect(callAll(hall, 'w2')).toEqual(order);
  });

  it('keeps the aging clock: a moved ticket that waited past the aging limit still jumps a priority class', () => {
    const hall = standardHall({ agingMinutes: 30, normalPerPriority: 0 });
    const old = hall.issue('C');
    hall.advance(31);
    hall.issue('B', 'green');
    hall.run({ type: 'move-waiting', fromServiceId: 'C', toServiceId: 'B' });
    expect(hall.ticket(old.id)).toMatchObject({ serviceId: 'B', enqueuedAt: old.enqueuedAt, sortKey: old.sortKey });
    hall.signIn('w2');
    expect(hall.callNext('w2')).toBe(old.number);
  });

  it('leaves tickets sent to one particular window where they are', () => {
    const hall = standardHall().signIn('w3');
    hall.issue('C');
    hall.callNext('w3');
    hall.run({ type: 'transfer', windowId: 'w3', toWindowId: 'w1', keepIssueTime: true });
    const free = hall.issue('C');
    const events = hall.run({ type: 'move-waiting', fromServiceId: 'C', toServiceId: 'B' });
    expect(events).toEqual([expect.objectContaining({ ticketId: free.id })]);
  });

  it('refuses, changing nothing: the same service, nobody waiting, a disabled target, a target no window serves', () => {
    const hall = new TestHall({
      services: [
        makeService('A', 'A'),
        makeService('B', 'B'),
        makeService('X', 'X'),
        makeService('Z', 'Z', { enabled: false }),
      ],
      windows: [
        makeWindow('w1', '1', [['A', 1]]),
        makeWindow('w2', '2', [
          ['B', 1],
          ['Z', 2],
        ]),
      ],
    });
    expect(hall.fail({ type: 'move-waiting', fromServiceId: 'A', toServiceId: 'B' }).message).toBe(
      '「业务A」没有等候中的号',
    );
    hall.issue('A');
    expect(hall.fail({ type: 'move-waiting', fromServiceId: 'A', toServiceId: 'A' }).code).toBe('BAD_REQUEST');
    expect(hall.fail({ type: 'move-waiting', fromServiceId: 'A', toServiceId: 'Z' }).code).toBe('SERVICE_DISABLED');
    expect(hall.fail({ type: 'move-waiting', fromServiceId: 'A', toServiceId: 'X' }).message).toContain('没有窗口办理');
    expect(hall.fail({ type: 'move-waiting', fromServiceId: 'A', toServiceId: 'nope' }).code).toBe('NOT_FOUND');
  });
});

describe("the manager's move of a clerk to another window (move-clerk)", () => {
  it('signs the clerk out here and in there, open, in one command', () => {
    const hall = standardHall().signIn('w1', 'li');
    const events = hall.run({ type: 'move-clerk', fromWindowId: 'w1', toWindowId: 'w3' });
    expect(events.map((e) => e.type)).toEqual(['window.changed', 'window.changed']);
    expect(hall.runtime('w1')).toMatchObject({ clerkId: null, state: 'closed' });
    expect(hall.runtime('w3')).toMatchObject({ clerkId: 'li', clerkName: '办事员w1', state: 'open' });
  });

  it('refuses while a visitor is at the counter, to a window someone sits at, from a window nobody sits at', () => {
    const hall = standardHall().signIn('w1', 'li').signIn('w2', 'wang');
    hall.issue('A');
    hall.callNext('w1');
    expect(hall.fail({ type: 'move-clerk', fromWindowId: 'w1', toWindowId: 'w3' }).code).toBe('WINDOW_BUSY');
    expect(hall.fail({ type: 'move-clerk', fromWindowId: 'w2', toWindowId: 'w1' }).code).toBe('WINDOW_BUSY');
    expect(hall.fail({ type: 'move-clerk', fromWindowId: 'w3', toWindowId: 'w1' }).messageEn).toBe(
      'no clerk is signed in at window w3',
    );
  });
});
