import type { PriorityClass } from '@onedoor/protocol';
import { describe, expect, it } from 'vitest';
import { callClassOf, nextTicketFor } from './queue.js';
import { makeService, makeWindow, standardHall, TestHall } from './queue.test-support.js';

/** Issues tickets of service A in the given classes (one minute apart) and returns the call order at window 1. */
function callOrder(rules: { normalPerPriority: number; agingMinutes?: number }, classes: PriorityClass[]): string[] {
  const hall = standardHall({ agingMinutes: 0, ...rules }).signIn('w1');
  const label = new Map<string, string>();
  classes.forEach((c, i) => {
    const ticket = hall.issue('A', c);
    label.set(ticket.number, `${c[0]!.toUpperCase()}${i + 1}`);
    hall.advance(1);
  });
  const order: string[] = [];
  for (let i = 0; i < classes.length; i++) order.push(label.get(hall.callNext('w1')!)!);
  return order;
}

describe('fair ordering (nextTicketFor)', () => {
  const mix: PriorityClass[] = ['normal', 'normal', 'normal', 'normal', 'green', 'green'];

  it('calls 2 normals between priority tickets by default', () => {
    expect(callOrder({ normalPerPriority: 2 }, mix)).toEqual(['N1', 'N2', 'G5', 'N3', 'N4', 'G6']);
  });

  it('alternates one to one with normalPerPriority 1', () => {
    expect(callOrder({ normalPerPriority: 1 }, mix)).toEqual(['N1', 'G5', 'N2', 'G6', 'N3', 'N4']);
  });

  it('calls priority tickets always first with normalPerPriority 0', () => {
    expect(callOrder({ normalPerPriority: 0 }, mix)).toEqual(['G5', 'G6', 'N1', 'N2', 'N3', 'N4']);
  });

  it('calls a priority ticket at once when no normal waits', () => {
    expect(callOrder({ normalPerPriority: 5 }, ['green', 'green'])).toEqual(['G1', 'G2']);
  });

  it('calls appointments before green channel tickets', () => {
    expect(callOrder({ normalPerPriority: 0 }, ['green', 'appointment', 'normal'])).toEqual(['A2', 'G1', 'N3']);
  });

  it('keeps the interleave counter per window: a normal counts, a priority resets', () => {
    const hall = standardHall({ normalPerPriority: 2, agingMinutes: 0 }).signIn('w1');
    hall.issue('A');
    hall.issue('A');
    hall.issue('A', 'green');
    hall.callNext('w1');
    expect(hall.runtime('w1').normalsSincePriority).toBe(1);
    hall.callNext('w1');
    expect(hall.runtime('w1').normalsSincePriority).toBe(2);
    hall.callNext('w1');
    expect(hall.runtime('w1').normalsSincePriority).toBe(0);
  });

  it('treats a ticket waiting longer than agingMinutes as priority, ahead of new priority tickets', () => {
    const hall = standardHall({ normalPerPriority: 0, agingMinutes: 30 }).signIn('w1');
    const old = hall.issue('A');
    hall.advance(20);
    hall.issue('A', 'appointment');
    hall.advance(10);
    // Exactly 30 minutes: not yet aged, the appointment goes first.
    expect(nextTicketFor(hall.state, 'w1', hall.now)?.priority).toBe('appointment');
    expect(callClassOf(old, hall.state.rules, hall.now)).toBe('normal');
    hall.now += 1;
    expect(callClassOf(old, hall.state.rules, hall.now)).toBe('aged');
    expect(nextTicketFor(hall.state, 'w1', hall.now)?.id).toBe(old.id);
  });

  it('resets the interleave counter when an aged normal is called', () => {
    const hall = standardHall({ normalPerPriority: 2, agingMinutes: 30 }).signIn('w1');
    hall.issue('A');
    hall.advance(31);
    hall.issue('A');
    // The aged ticket is now a priority ticket: it waits its turn in the interleave like one.
    expect(hall.callNext('w1')).toBe('A002');
    expect(hall.runtime('w1').normalsSincePriority).toBe(1);
    expect(hall.callNext('w1')).toBe('A001');
    expect(hall.runtime('w1').normalsSincePriority).toBe(0);
  });

  it('orders aged tickets by how long they have waited', () => {
    const hall = standardHall({ normalPerPriority: 0, agingMinutes: 10 }).signIn('w1');
    const normal = hall.issue('A');
    hall.advance(1);
    const green = hall.issue('A', 'green');
    hall.advance(15);
    expect(nextTicketFor(hall.state, 'w1', hall.now)?.id).toBe(normal.id);
    hall.callNext('w1');
    expect(nextTicketFor(hall.state, 'w1', hall.now)?.id).toBe(green.id);
  });

  it('switches aging off with agingMinutes 0', () => {
    const hall = standardHall({ normalPerPriority: 0, agingMinutes: 0 }).signIn('w1');
    hall.issue('A');
    hall.advance(600);
    const green = hall.issue('A', 'green');
    expect(nextTicketFor(hall.state, 'w1', hall.now)?.id).toBe(green.id);
  });

  it('calls the lower service order first, equal order first come first served', () => {
    const hall = new TestHall({
      rules: { agingMinutes: 0 },
      services: [makeService('A', 'A'), makeService('B', 'B'), makeService('C', 'C')],
      windows: [
        makeWindow('w1', '1', [
          ['A', 2],
          ['B', 1],
          ['C', 2],
        ]),
      ],
    }).signIn('w1');
    hall.issue('A');
    hall.advance(1);
    hall.issue('C');
    hall.advance(1);
    hall.issue('B');
    expect([hall.callNext('w1'), hall.callNext('w1'), hall.callNext('w1')]).toEqual(['B001', 'A001', 'C001']);
  });

  it('only offers tickets of the services the window serves', () => {
    const hall = standardHall().signIn('w2');
    hall.issue('A');
    expect(nextTicketFor(hall.state, 'w2', hall.now)).toBeNull();
    expect(hall.fail({ type: 'call-next', windowId: 'w2' }).code).toBe('NO_TICKET_WAITING');
  });

  it('puts tickets transferred to this window first in their class, and hides them from other windows', () => {
    const hall = standardHall({ agingMinutes: 0 }).signIn('w1').signIn('w2');
    hall.issue('B');
    hall.issue('B');
    hall.advance(1);
    hall.issue('A'); // served by w1 only
    // w2 takes B001 and sends it to window 1.
    hall.callNext('w2');
    hall.run({ type: 'transfer', windowId: 'w2', toWindowId: 'w1', keepIssueTime: false });
    const transferred = hall.byNumber('B001');
    expect(transferred.targetWindowId).toBe('w1');
    // w2 serves B but must not take a ticket sent to window 1.
    expect(nextTicketFor(hall.state, 'w2', hall.now)?.number).toBe('B002');
    // w1 serves B at order 2 and A at order 1, yet the targeted ticket comes first.
    expect(nextTicketFor(hall.state, 'w1', hall.now)?.number).toBe('B001');
  });

  it('lets a window call a ticket sent to it even for a service it does not serve', () => {
    const hall = standardHall().signIn('w3').signIn('w1');
    hall.issue('C');
    hall.callNext('w3');
    hall.run({ type: 'transfer', windowId: 'w3', toWindowId: 'w1', keepIssueTime: true });
    expect(hall.callNext('w1')).toBe('C001');
  });

  it('returns null for an unknown window and does not change the state', () => {
    const hall = standardHall();
    hall.issue('A');
    const before = structuredClone(hall.state);
    expect(nextTicketFor(hall.state, 'nope', hall.now)).toBeNull();
    nextTicketFor(hall.state, 'w1', hall.now);
    expect(hall.state).toEqual(before);
  });

  it('breaks sortKey ties by seqNo', () => {
    const hall = standardHall({ agingMinutes: 0 }).signIn('w1');
    hall.issue('A');
    hall.issue('A'); // same millisecond
    expect(hall.callNext('w1')).toBe('A001');
  });

  it('bounds the wait of a normal ticket under a stream of green tickets with normalPerPriority 0', () => {
    const hall = standardHall({ normalPerPriority: 0, agingMinutes: 30 }).signIn('w1');
    const normal = hall.issue('A');
    let calls = 0;
    // Two green tickets arrive per call: without aging the normal would wait forever.
    while (hall.ticket(normal.id).status === 'waiting') {
      hall.issue('A', 'green');
      hall.issue('A', 'green');
      hall.advance(5);
      hall.callNext('w1');
      calls++;
      expect(calls).toBeLessThan(10);
    }
    expect(calls).toBe(7); // at 35 minutes it has waited more than 30
  });
});
