import { PRIORITY_CLASSES, type PriorityClass } from '@onedoor/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/hall-time.js';
import type { QueueCommand } from './queue.commands.js';
import type { QueueEvent } from './queue.events.js';
import {
  callClassOf,
  commitChanges,
  countByStatus,
  createQueueState,
  decide,
  estimateWait,
  peopleAhead,
  project,
  windowsServing,
} from './queue.js';
import { callingWindow, callOrderAt, positionAt } from './queue.ordering.js';
import { holder, makeService, makeWindow, MINUTE, T0, DAY, TZ } from './queue.test-support.js';
import type { QueueRules, QueueState, Ticket, TicketIndex } from './queue.types.js';
import type { WaitingBucket } from './waiting-bucket.js';

// ---------- a hall and random steps ----------

const SERVICES = ['A', 'B', 'C'];
// w4 serves what w1 serves, in the same order: people ahead asks windows alike once.
const WINDOWS = ['w1', 'w2', 'w3', 'w4'];

/** Every service is served by two windows, so a ticket always has somewhere to go. */
function makeState(rules: Partial<QueueRules>, limits: boolean): QueueState {
  return createQueueState({
    businessDay: DAY,
    rules,
    services: [
      makeService('A', 'A', limits ? { rangeEnd: 6 } : { rangeEnd: 9999 }),
      makeService('B', 'B', limits ? { dailyCap: 4 } : {}),
      makeService('C', 'C', limits ? { perPersonDailyLimit: 2 } : {}),
    ],
    windows: [
      makeWindow('w1', '1', [
        ['A', 1],
        ['B', 2],
      ]),
      makeWindow('w2', '2', [
        ['B', 1],
        ['C', 1],
      ]),
      makeWindow(
        'w3',
        '3',
        [
          ['A', 1],
          ['C', 2],
        ],
        { autoCall: true },
      ),
      makeWindow('w4', '4', [
        ['A', 1],
        ['B', 2],
      ]),
    ],
  });
}

type Step =
  | { kind: 'issue'; service: number; priority: PriorityClass; person: number | null }
  | {
      kind: 'window';
      op:
        | 'call-next'
        | 'recall'
        | 'start'
        | 'finish'
        | 'no-show'
        | 'suspend'
        | 'sign-in'
        | 'sign-out'
        | 'open'
        | 'close'
        | 'pause';
      window: number;
    }
  | { kind: 'call'; window: number; pick: number }
  | { kind: 'reactivate'; pick: number; window: number | null }
  | { kind: 'transfer'; window: number; toService: number | null; toWindow: number; keep: boolean }
  | { kind: 'resume'; window: number; pick: number }
  | { kind: 'void'; pick: number }
  | { kind: 'reset-day' };

const windowIndex = fc.integer({ min: 0, max: WINDOWS.length - 1 });
const pick = fc.nat(1000);

const stepArb = (withReset: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('issue' as const),
        service: fc.integer({ min: 0, max: SERVICES.length - 1 }),
        priority: fc.constantFrom(...PRIORITY_CLASSES),
        person: fc.option(fc.integer({ min: 0, max: 3 })),
      }),
    },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('window' as const),
        op: fc.oneof(
          { weight: 6, arbitrary: fc.constant('call-next' as const) },
          {
            weight: 2,
            arbitrary: fc.constantFrom('recall' as const, 'start' as const, 'finish' as const, 'no-show' as const),
          },
          { weight: 1, arbitrary: fc.constantFrom('suspend' as const, 'sign-in' as const, 'open' as const) },
          { weight: 1, arbitrary: fc.constantFrom('sign-out' as const, 'close' as const, 'pause' as const) },
        ),
        window: windowIndex,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('call' as const), window: windowIndex, pick }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('reactivate' as const), pick, window: fc.option(windowIndex) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('transfer' as const),
        window: windowIndex,
        toService: fc.option(fc.integer({ min: 0, max: SERVICES.length - 1 })),
        toWindow: windowIndex,
        keep: fc.boolean(),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('resume' as const), window: windowIndex, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick }) },
    { weight: withReset ? 1 : 0, arbitrary: fc.constant({ kind: 'reset-day' as const }) },
  );

/** Steps each paired with the minutes the clock moves before it. */
const scriptArb = (withReset: boolean, maxLength: number) =>
  fc.array(fc.tuple(stepArb(withReset), fc.double({ min: 0, max: 8, noNaN: true })), {
    minLength: maxLength / 2,
    maxLength,
  });

function pickTicket(state: QueueState, index: number, filter: (t: Ticket) => boolean): string {
  const list = [...state.tickets.values()].filter(filter);
  return list.length === 0 ? 'missing' : list[index % list.length]!.id;
}

function toCommand(state: QueueState, step: Step): QueueCommand {
  switch (step.kind) {
    case 'issue':
      return {
        type: 'issue',
        serviceId: SERVICES[step.service]!,
        priority: step.priority,
        source: 'kiosk',
        holder: step.person === null ? undefined : holder(`person-${step.person}`),
      };
    case 'window': {
      const windowId = WINDOWS[step.window]!;
      if (step.op === 'sign-in')
        return { type: 'sign-in', windowId, clerkId: `clerk-${windowId}`, clerkName: '办事员' };
      if (step.op === 'pause') return { type: 'pause', windowId, reason: '午休' };
      return { type: step.op, windowId };
    }
    case 'call':
      return {
        type: 'call',
        windowId: WINDOWS[step.window]!,
        ticketId: pickTicket(state, step.pick, (t) => t.status === 'waiting'),
      };
    case 'reactivate':
      return {
        type: 'reactivate',
        ticketId: pickTicket(state, step.pick, (t) => t.status === 'no-show'),
        windowId: step.window === null ? undefined : WINDOWS[step.window],
      };
    case 'transfer':
      return step.toService === null
        ? {
            type: 'transfer',
            windowId: WINDOWS[step.window]!,
            toWindowId: WINDOWS[step.toWindow]!,
            keepIssueTime: step.keep,
          }
        : {
            type: 'transfer',
            windowId: WINDOWS[step.window]!,
            toServiceId: SERVICES[step.toService]!,
            keepIssueTime: step.keep,
          };
    case 'resume':
      return {
        type: 'resume',
        windowId: WINDOWS[step.window]!,
        ticketId: pickTicket(state, step.pick, (t) => t.status === 'suspended'),
      };
    case 'void':
      return {
        type: 'void',
        ticketId: pickTicket(state, step.pick, (t) => t.status === 'waiting'),
        reason: 'print-failed',
      };
    case 'reset-day':
      return { type: 'reset-day', businessDay: addDays(state.businessDay, 1) };
  }
}

/** Every value reachable from the state, as text: two equal fingerprints mean nothing was mutated. */
function fingerprint(state: QueueState): string {
  return JSON.stringify([
    state.businessDay,
    state.rules,
    [...state.services],
    [...state.windows],
    [...state.tickets],
    [...state.lastNumber],
    [...state.serviceMinutes],
    [...state.index.active.keys()],
    [...state.index.counts],
  ]);
}

const buckets = (byKey: Map<string, WaitingBucket>) =>
  [...byKey]
    .filter(([, bucket]) => bucket.size > 0)
    .map(([key, bucket]) => [key, [...bucket.tickets].sort(([a], [b]) => a.localeCompare(b))] as const)
    .sort(([a], [b]) => a.localeCompare(b));

/** The index as comparable plain data: services whose counts all fell to zero (moves) are left out. */
function indexData(index: TicketIndex) {
  return {
    active: [...index.active].sort(([a], [b]) => a.localeCompare(b)),
    counts: [...index.counts]
      .filter(([, c]) => Object.values(c).some((n) => n !== 0))
      .sort(([a], [b]) => a.localeCompare(b)),
    byHolder: [...index.byHolder]
      .filter(([, ids]) => ids.size > 0)
      .map(([key, ids]) => [key, [...ids].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
    waiting: buckets(index.waiting),
    targeted: buckets(index.targeted),
  };
}

/** A hall driven by the real decide → project → commit loop, with an injected clock and ids. */
class Driver {
  now = T0;
  private nextId = 1;
  constructor(readonly state: QueueState) {
    for (const windowId of WINDOWS)
      this.apply({ type: 'sign-in', windowId, clerkId: `clerk-${windowId}`, clerkName: '办事员' });
  }

  apply(command: QueueCommand, checkPurity = false): QueueEvent[] | null {
    const before = checkPurity ? fingerprint(this.state) : null;
    const result = decide(this.state, command, { now: this.now, newId: () => `id-${this.nextId++}`, timeZone: TZ });
    // (4) decide never mutates the state, whether it accepts or refuses.
    if (before) expect(fingerprint(this.state)).toBe(before);
    if (!result.ok) return null;
    const changes = project(this.state, result.value);
    // Each entity at most once.
    const keys = [
      changes.tickets.map((t) => t.id),
      changes.windows.map((w) => w.windowId),
      changes.counters.map((c) => c.serviceId),
      changes.serviceMinutes.map((m) => m.serviceId),
    ];
    for (const list of keys) expect(new Set(list).size).toBe(list.length);
    commitChanges(this.state, changes);
    return result.value;
  }
}

// ---------- invariants ----------

function checkInvariants(state: QueueState, issuedToday: number, now: number): void {
  // (3) counts add up: every issued ticket is in exactly one status.
  const counts = countByStatus(state);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(issuedToday);
  expect(state.tickets.size).toBe(issuedToday);
  // (5) the index the hot paths read instead of the whole day is the one the tickets give, after any commands.
  const rebuilt = createQueueState({ businessDay: state.businessDay, tickets: state.tickets.values() });
  expect(indexData(state.index)).toEqual(indexData(rebuilt.index));
  // (6) a ticket's people ahead, from the buckets' tallies or by walking the line, is its place in the fair order.
  for (const windowId of WINDOWS) {
    const window = callingWindow(state, windowId)!;
    const order = callOrderAt(state, window, now);
    // The front, the middle and the back of the line (the back is what an issue asks): all of it costs n² a step.
    for (const i of new Set([0, 1, order.length >> 1, order.length - 2, order.length - 1]))
      if (i >= 0 && i < order.length) expect(positionAt(state, window, order[i]!, now)).toBe(i);
  }
  // (7) people ahead is the soonest place among the windows that may call it (windows alike are asked once).
  const waiting = [...state.index.active.values()].filter((t) => t.status === 'waiting');
  for (const ticket of waiting.slice(-4)) {
    const candidates =
      ticket.targetWindowId !== null ? [ticket.targetWindowId] : windowsServing(state, ticket.serviceId);
    const places = candidates.map((id) => callOrderAt(state, callingWindow(state, id)!, now).indexOf(ticket));
    const alone = { id: '', services: [{ serviceId: ticket.serviceId, order: 1 }], normalsSincePriority: 0 };
    const expected =
      places.length > 0 ? Math.max(0, Math.min(...places)) : callOrderAt(state, alone, now).indexOf(ticket);
    expect(peopleAhead(state, ticket.id, now)).toBe(expected);
  }
  for (const serviceId of SERVICES) {
    const waiting = [...state.tickets.values()].filter(
      (t) => t.serviceId === serviceId && t.status === 'waiting',
    ).length;
    expect(countByStatus(state, serviceId).waiting).toBe(waiting);
    expect(estimateWait(state, serviceId, 0).peopleAhead).toBe(waiting);
  }
  // A window's current ticket is called or serving there, and every called/serving ticket is some window's current one.
  const current = new Map<string, string>();
  for (const { runtime } of state.windows.values()) {
    if (runtime.currentTicketId === null) continue;
    const ticket = state.tickets.get(runtime.currentTicketId);
    expect(ticket?.status === 'called' || ticket?.status === 'serving').toBe(true);
    expect(ticket?.windowId).toBe(runtime.windowId);
    expect(current.has(runtime.currentTicketId)).toBe(false);
    current.set(runtime.currentTicketId, runtime.windowId);
    expect(runtime.clerkId).not.toBeNull();
  }
  for (const ticket of state.tickets.values()) {
    if (ticket.status === 'called' || ticket.status === 'serving') expect(current.get(ticket.id)).toBe(ticket.windowId);
    expect(ticket.businessDay).toBe(state.businessDay);
  }
}

describe('queue properties', () => {
  it('never issues a number twice in a business day, keeps counts consistent, and decide never mutates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 40 }),
        scriptArb(true, 120),
        (normalPerPriority, agingMinutes, script) => {
          const driver = new Driver(makeState({ normalPerPriority, agingMinutes }, true));
          const numbersByDay = new Map<string, Set<string>>();
          let issuedToday = 0;
          for (const [step, minutes] of script) {
            driver.now += minutes * MINUTE;
            const events = driver.apply(toCommand(driver.state, step), true) ?? [];
            for (const event of events) {
              if (event.type === 'day.reset') issuedToday = 0;
              if (event.type !== 'ticket.issued') continue;
              issuedToday++;
              const day = event.ticket.businessDay;
              const numbers = numbersByDay.get(day) ?? new Set<string>();
              // (1) no ticket number is issued twice in a business day
              expect(numbers.has(event.ticket.number)).toBe(false);
              numbers.add(event.ticket.number);
              numbersByDay.set(day, numbers);
            }
            checkInvariants(driver.state, issuedToday, driver.now);
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000); // generous: the hall's CI shares two cores with browser and broker tests

  it('calls every waiting ticket within a bounded number of calls, under any interleave, while issuing continues and after it stops', () => {
    const arrivalArb = fc.array(
      fc.tuple(fc.integer({ min: 0, max: SERVICES.length - 1 }), fc.constantFrom(...PRIORITY_CLASSES)),
      { maxLength: 4 },
    );
    let agedTicketsChecked = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 45 }),
        scriptArb(false, 40),
        fc.array(fc.tuple(arrivalArb, fc.double({ min: 1, max: 4, noNaN: true })), { minLength: 10, maxLength: 60 }),
        (normalPerPriority, agingMinutes, prefix, busy) => {
          const driver = new Driver(makeState({ normalPerPriority, agingMinutes }, false));
          // Any history first: transfers, no-shows, suspensions, pauses …
          for (const [step, minutes] of prefix) {
            driver.now += minutes * MINUTE;
            driver.apply(toCommand(driver.state, step));
          }
          // From now on every window is staffed and presses "next" once per step.
          for (const windowId of WINDOWS) {
            expect(
              driver.apply({ type: 'sign-in', windowId, clerkId: `clerk-${windowId}`, clerkName: '办事员' }),
            ).not.toBeNull();
          }
          const aged = new Map<string, { step: number; ahead: number }>();
          const runStep = (stepIndex: number, arrivals: [number, PriorityClass][], minutes: number): void => {
            driver.now += minutes * MINUTE;
            for (const [service, priority] of arrivals) {
              expect(
                driver.apply({ type: 'issue', serviceId: SERVICES[service]!, priority, source: 'kiosk' }),
              ).not.toBeNull();
            }
            const waiting = [...driver.state.tickets.values()].filter((t) => t.status === 'waiting');
            for (const ticket of waiting) {
              if (aged.has(ticket.id) || callClassOf(ticket, driver.state.rules, driver.now) !== 'aged') continue;
              // Only tickets that entered the queue no later than this one can be called before it among aged ones.
              const ahead = waiting.filter((t) => t.id !== ticket.id && t.enqueuedAt <= ticket.enqueuedAt).length;
              aged.set(ticket.id, { step: stepIndex, ahead });
            }
            for (const windowId of WINDOWS) driver.apply({ type: 'call-next', windowId });
            for (const [id, since] of aged) {
              if (driver.state.tickets.get(id)?.status === 'waiting') continue;
              const stepsWhileAged = stepIndex - since.step + 1;
              agedTicketsChecked++;
              // (2) once aged, a window serving the ticket makes a priority call at least every N+1 calls,
              // and each such call takes this ticket or one of those ahead of it.
              expect(stepsWhileAged).toBeLessThanOrEqual((normalPerPriority + 1) * (since.ahead + 1));
              aged.delete(id);
            }
          };
          let stepIndex = 0;
          for (const [arrivals, minutes] of busy) runStep(stepIndex++, arrivals, minutes);
          // Issuing stops: the queue drains completely.
          const drainLimit = stepIndex + 5000;
          while ([...driver.state.tickets.values()].some((t) => t.status === 'waiting')) {
            expect(stepIndex).toBeLessThan(drainLimit);
            runStep(stepIndex++, [], 2);
          }
          expect(aged.size).toBe(0);
        },
      ),
      { numRuns: 120 },
    );
    // The bound above was really exercised, not vacuously true.
    expect(agedTicketsChecked).toBeGreaterThan(100);
  }, 120_000);
});
