import { PRIORITY_CLASSES } from '@onedoor/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callOrder, nextTicketFor, peopleAhead } from './queue.js';
import { interleavedPosition } from './queue.ordering.js';
import { makeService, makeWindow, standardHall, TestHall } from './queue.test-support.js';

/** Calls at `windowId` until nobody is left, without the clock moving; returns the numbers in call order. */
function callAll(hall: TestHall, windowId: string): string[] {
  const numbers: string[] = [];
  while (nextTicketFor(hall.state, windowId, hall.now)) numbers.push(hall.callNext(windowId)!);
  return numbers;
}

describe('the fair call order (callOrder, peopleAhead)', () => {
  it('tells a 绿色通道 ticket behind five normal ones that two people are ahead — and calls it third', () => {
    // The bug it guards: "people ahead" counted earlier issue times, so this visitor was told 5 and called third.
    const hall = standardHall({ normalPerPriority: 2, agingMinutes: 0 }).signIn('w1');
    for (let i = 0; i < 5; i++) hall.issue('A');
    const green = hall.issue('A', 'green');
    expect(peopleAhead(hall.state, green.id, hall.now)).toBe(2);
    expect(callAll(hall, 'w1').indexOf(green.number)).toBe(2);
  });

  it('counts what the window still owes: after two normals a priority ticket is next', () => {
    const hall = standardHall({ normalPerPriority: 2, agingMinutes: 0 }).signIn('w1');
    for (let i = 0; i < 4; i++) hall.issue('A');
    hall.callNext('w1');
    hall.callNext('w1');
    const green = hall.issue('A', 'green');
    expect(peopleAhead(hall.state, green.id, hall.now)).toBe(0);
  });

  it('counts tickets of the window’s earlier services and ignores those of other windows', () => {
    const hall = standardHall({ agingMinutes: 0 }).signIn('w1');
    hall.issue('C'); // window 3 only
    const b = hall.issue('B'); // window 1 serves B at order 2, after A
    hall.issue('A');
    hall.issue('A');
    expect(peopleAhead(hall.state, b.id, hall.now)).toBe(2);
  });

  it('takes the staffed window that reaches the ticket soonest', () => {
    const hall = standardHall({ agingMinutes: 0 }).signIn('w1').signIn('w2');
    hall.issue('A');
    hall.issue('A');
    const b = hall.issue('B');
    // Window 1 would call both A tickets first; window 2 serves only B.
    expect(peopleAhead(hall.state, b.id, hall.now)).toBe(0);
  });

  it('with nobody signed in, counts as a window serving only the ticket’s service', () => {
    const hall = standardHall({ agingMinutes: 0 });
    hall.issue('A');
    hall.issue('B');
    const a = hall.issue('A');
    expect(peopleAhead(hall.state, a.id, hall.now)).toBe(1);
  });

  it('is null for a ticket that is not waiting', () => {
    const hall = standardHall().signIn('w1');
    const a = hall.issue('A');
    hall.callNext('w1');
    expect(peopleAhead(hall.state, a.id, hall.now)).toBeNull();
  });

  it('is nextTicketFor repeated, for any mix of classes, services, transfers and interleave rules', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.array(
          fc.record({
            service: fc.constantFrom('A', 'B', 'C'),
            priority: fc.constantFrom(...PRIORITY_CLASSES),
            minutes: fc.integer({ min: 0, max: 20 }),
          }),
          { maxLength: 25 },
        ),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(0, 30),
        (normalPerPriority, issues, calledFirst, agingMinutes) => {
          const hall = new TestHall({
            rules: { normalPerPriority, agingMinutes },
            services: [makeService('A', 'A'), makeService('B', 'B'), makeService('C', 'C')],
            windows: [
              makeWindow('w1', '1', [
                ['A', 1],
                ['B', 2],
              ]),
              makeWindow('w2', '2', [['C', 1]]),
            ],
          })
            .signIn('w1')
            .signIn('w2');
          for (const i of issues) {
            hall.issue(i.service, i.priority);
            hall.advance(i.minutes);
          }
          // A few calls first, so the window's interleave counter is anywhere; one ticket sent from w2 to w1.
          for (let i = 0; i < calledFirst && nextTicketFor(hall.state, 'w1', hall.now); i++) hall.callNext('w1');
          if (nextTicketFor(hall.state, 'w2', hall.now)) {
            hall.callNext('w2');
            hall.run({ type: 'transfer', windowId: 'w2', toWindowId: 'w1', keepIssueTime: true });
          }
          const predicted = callOrder(hall.state, 'w1', hall.now);
          const ahead = new Map(predicted.map((t) => [t.number, peopleAhead(hall.state, t.id, hall.now)]));
          const actual = callAll(hall, 'w1');
          expect(predicted.map((t) => t.number)).toEqual(actual);
          // With only window 1 serving A and B, each ticket's people ahead is its place in that order.
          for (const [number, n] of ahead) {
            const t = hall.byNumber(number);
            if (t.serviceId !== 'C') expect(n).toBe(actual.indexOf(number));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('interleavedPosition', () => {
  /** callOrderAt's merge played step by step: the reference the closed form must equal. */
  function walk(k: number, since: number, priority: boolean, p: number, n: number, ahead: number): number {
    let taken = { p: 0, n: 0 };
    let normals = since;
    for (;;) {
      const turn = k === 0 || normals >= k || taken.n >= n;
      if (taken.p < p && turn) {
        if (priority && taken.p === ahead) return taken.p + taken.n;
        taken = { ...taken, p: taken.p + 1 };
        normals = 0;
      } else {
        if (!priority && taken.n === ahead) return taken.p + taken.n;
        taken = { ...taken, n: taken.n + 1 };
        normals++;
      }
    }
  }

  it('places a ticket where the step-by-step merge does, for any interleave, counter and pool sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.nat(),
        (k, since, priority, p, n, seed) => {
          const own = priority ? p : n;
          if (own === 0) return;
          const ahead = seed % own;
          const tally = { priorityTotal: p, normalTotal: n, ahead };
          expect(interleavedPosition(k, since, priority, tally)).toBe(walk(k, since, priority, p, n, ahead));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
