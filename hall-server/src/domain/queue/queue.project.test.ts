import { describe, expect, it } from 'vitest';
import {
  activeTickets,
  autoCallWindows,
  commitChanges,
  countByStatus,
  createQueueState,
  DEFAULT_QUEUE_RULES,
  estimateWait,
  project,
} from './queue.js';
import type { QueueEvent } from './queue.events.js';
import { DAY, makeService, makeWindow, MINUTE, standardHall, T0, TestHall } from './queue.test-support.js';

describe('project', () => {
  it('returns each touched entity once, in its final version, without touching the state', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.issue('A');
    hall.callNext('w1');
    hall.advance(3);
    const decided = hall.decide({ type: 'call-next', windowId: 'w1' });
    if (!decided.ok) throw new Error('call-next failed');
    const before = structuredClone(hall.state);
    const changes = project(hall.state, decided.value);
    expect(hall.state).toEqual(before);
    expect(changes.tickets.map((t) => [t.number, t.status])).toEqual([
      ['A001', 'done'],
      ['A002', 'called'],
    ]);
    expect(changes.windows).toHaveLength(1);
    expect(changes.windows[0]).toMatchObject({ windowId: 'w1', currentTicketId: changes.tickets[1]!.id });
    expect(changes.serviceMinutes).toEqual([{ serviceId: 'A', samples: [3] }]);
    expect(changes.counters).toEqual([]);
    expect(changes.businessDay).toBeNull();
  });

  it('lets later events see earlier ones in the same batch', () => {
    const hall = standardHall().signIn('w1');
    const at = new Date(T0).toISOString();
    const ticket = {
      ...hall.issue('A'),
      id: 'fresh',
      seqNo: 2,
      number: 'A002',
    };
    const events: QueueEvent[] = [
      { type: 'ticket.issued', at, ticket },
      { type: 'ticket.called', at, ticketId: 'fresh', windowId: 'w1', clerkId: 'c', recall: false },
      { type: 'ticket.called', at, ticketId: 'fresh', windowId: 'w1', clerkId: 'c', recall: true },
    ];
    const changes = project(hall.state, events);
    expect(changes.tickets).toHaveLength(1);
    expect(changes.tickets[0]).toMatchObject({ id: 'fresh', status: 'called', callCount: 2 });
    expect(changes.counters).toEqual([{ serviceId: 'A', lastNumber: 2 }]);
  });

  it('throws on an event for an unknown ticket or window (a bug, not a user error)', () => {
    const hall = standardHall();
    const at = new Date(T0).toISOString();
    expect(() => project(hall.state, [{ type: 'ticket.serving', at, ticketId: 'nope', windowId: 'w1' }])).toThrow(
      /unknown ticket/,
    );
    expect(() =>
      project(hall.state, [{ type: 'window.changed', at, windowId: 'nope', runtime: hall.runtime('w1') }]),
    ).toThrow(/unknown window/);
  });

  it('keeps no service times with serviceTimeSamples 0', () => {
    const hall = standardHall({ serviceTimeSamples: 0 }).signIn('w1');
    hall.issue('A');
    hall.callNext('w1');
    hall.advance(5);
    hall.run({ type: 'finish', windowId: 'w1' });
    expect(hall.state.serviceMinutes.get('A')).toEqual([]);
  });

  it('gives the same state whether events are committed one by one or in one batch', () => {
    const run = (batched: boolean) => {
      const hall = standardHall().signIn('w1');
      hall.issue('A');
      hall.issue('A', 'green');
      hall.callNext('w1');
      hall.advance(2);
      const decided = hall.decide({ type: 'call-next', windowId: 'w1' });
      if (!decided.ok) throw new Error('call-next failed');
      if (batched) commitChanges(hall.state, project(hall.state, decided.value));
      else for (const event of decided.value) commitChanges(hall.state, project(hall.state, [event]));
      return hall.state;
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('commitChanges', () => {
  it('drops the old day’s tickets and counters on a new business day', () => {
    const hall = standardHall();
    hall.issue('A');
    commitChanges(hall.state, {
      tickets: [],
      windows: [],
      counters: [],
      serviceMinutes: [],
      businessDay: '2026-11-28',
    });
    expect(hall.state.tickets.size).toBe(0);
    expect(hall.state.lastNumber.size).toBe(0);
    expect(hall.state.businessDay).toBe('2026-11-28');
  });
});

describe('createQueueState', () => {
  it('fills in default rules and closed windows, and keeps only the given day’s tickets', () => {
    const other = standardHall();
    const old = { ...other.issue('A'), businessDay: '2026-11-26' };
    const state = createQueueState({
      businessDay: DAY,
      rules: { normalPerPriority: 1 },
      services: [makeService('A', 'A')],
      windows: [makeWindow('w1', '1', [['A', 1]])],
      tickets: [old],
    });
    expect(state.rules).toEqual({ ...DEFAULT_QUEUE_RULES, normalPerPriority: 1 });
    expect(state.windows.get('w1')!.runtime).toMatchObject({ state: 'closed', clerkId: null });
    expect(state.tickets.size).toBe(0);
    expect(createQueueState({ businessDay: DAY, rules: { agingMinutes: undefined } }).rules.agingMinutes).toBe(30);
    expect(DEFAULT_QUEUE_RULES).toEqual({
      normalPerPriority: 2,
      agingMinutes: 30,
      maxRecalls: 3,
      reactivateWithinMinutes: 30,
      reactivatePlaceBehind: 2,
      serviceTimeSamples: 20,
    });
  });
});

describe('estimateWait', () => {
  it('uses the service default until real service times exist', () => {
    const hall = standardHall({}, [
      makeService('A', 'A', { defaultServiceMinutes: 10 }),
      makeService('B', 'B'),
      makeService('C', 'C'),
    ]);
    expect(estimateWait(hall.state, 'A', hall.now)).toEqual({ peopleAhead: 0, minutes: 0 });
    hall.issue('A');
    hall.issue('A');
    hall.issue('A');
    // Nobody is at a window: still an estimate, as if one window were open.
    expect(estimateWait(hall.state, 'A', hall.now)).toEqual({ peopleAhead: 3, minutes: 30 });
  });

  it('averages recent service times and divides by the staffed open windows serving the service', () => {
    const hall = new TestHall({
      services: [makeService('A', 'A')],
      windows: [
        makeWindow('w1', '1', [['A', 1]]),
        makeWindow('w2', '2', [['A', 1]]),
        makeWindow('w3', '3', [['A', 1]]),
      ],
    })
      .signIn('w1')
      .signIn('w2')
      .signIn('w3');
    hall.state.serviceMinutes.set('A', [4, 6]);
    for (let i = 0; i < 6; i++) hall.issue('A');
    expect(estimateWait(hall.state, 'A', hall.now)).toEqual({ peopleAhead: 6, minutes: 10 });
    hall.run({ type: 'pause', windowId: 'w3', reason: '午休' });
    expect(estimateWait(hall.state, 'A', hall.now)).toEqual({ peopleAhead: 6, minutes: 15 });
    // Called tickets are no longer "ahead".
    hall.callNext('w1');
    expect(estimateWait(hall.state, 'A', hall.now)).toEqual({ peopleAhead: 5, minutes: 13 });
  });
});

describe('countByStatus / activeTickets / autoCallWindows', () => {
  it('counts every status, per service or for the hall', () => {
    const hall = standardHall().signIn('w1');
    hall.issue('A');
    hall.issue('A');
    hall.issue('B');
    hall.callNext('w1');
    expect(countByStatus(hall.state, 'A')).toMatchObject({ waiting: 1, called: 1, done: 0, abandoned: 0 });
    const all = countByStatus(hall.state);
    expect(Object.values(all).reduce((a, b) => a + b, 0)).toBe(3);
    expect(all.waiting).toBe(2);
  });

  it('lists active tickets in queue order', () => {
    const hall = standardHall().signIn('w1');
    const a = hall.issue('A');
    hall.advance(1);
    const b = hall.issue('B');
    hall.advance(1);
    const done = hall.issue('C');
    hall.signIn('w3');
    hall.callNext('w3');
    hall.run({ type: 'finish', windowId: 'w3' });
    hall.callNext('w1');
    expect(activeTickets(hall.state).map((t) => t.id)).toEqual([a.id, b.id]);
    expect(activeTickets(hall.state).some((t) => t.id === done.id)).toBe(false);
  });

  it('names idle, open, staffed auto-call windows that have someone to call', () => {
    const hall = new TestHall({
      services: [makeService('A', 'A'), makeService('B', 'B')],
      windows: [
        makeWindow('auto', '1', [['A', 1]], { autoCall: true }),
        makeWindow('manual', '2', [['A', 1]]),
        makeWindow('autoB', '3', [['B', 1]], { autoCall: true }),
      ],
    });
    hall.issue('A');
    hall.issue('A');
    expect(autoCallWindows(hall.state, hall.now)).toEqual([]);
    hall.signIn('auto').signIn('manual').signIn('autoB');
    expect(autoCallWindows(hall.state, hall.now)).toEqual(['auto']);
    hall.callNext('auto');
    expect(autoCallWindows(hall.state, hall.now)).toEqual([]);
    hall.run({ type: 'finish', windowId: 'auto' });
    hall.run({ type: 'pause', windowId: 'auto', reason: '午休' });
    expect(autoCallWindows(hall.state, hall.now + MINUTE)).toEqual([]);
  });
});
