import {
  serviceConfigSchema,
  windowConfigSchema,
  type AppError,
  type PriorityClass,
  type ServiceConfig,
  type TicketSource,
  type WindowConfig,
} from '@onedoor/protocol';
import type { Result } from '../result.js';
import type { QueueCommand } from './queue.commands.js';
import type { QueueEvent } from './queue.events.js';
import { commitChanges, createQueueState, decide, project } from './queue.js';
import type { DomainContext, Holder, QueueRules, QueueState, Ticket } from './queue.types.js';

/** Test support only (not shipped behaviour): builders and a hall that runs commands through decide → project → commit. */

/** Friday 2026-11-27 09:00 in Shanghai. */
export const T0 = Date.parse('2026-11-27T01:00:00Z');
export const DAY = '2026-11-27';
export const TZ = 'Asia/Shanghai';
export const MINUTE = 60_000;

export function makeService(id: string, prefix: string, extra: Partial<ServiceConfig> = {}): ServiceConfig {
  return serviceConfigSchema.parse({ id, name: `业务${prefix}`, prefix, ...extra });
}

export function makeWindow(
  id: string,
  number: string,
  services: [serviceId: string, order: number][],
  extra: Partial<WindowConfig> = {},
): WindowConfig {
  return windowConfigSchema.parse({
    id,
    number,
    name: `${number}号窗口`,
    kind: 'comprehensive',
    services: services.map(([serviceId, order]) => ({ serviceId, order })),
    ...extra,
  });
}

export function holder(key: string): Holder {
  return { key, nameMasked: '张*三', idMasked: '4201**********1234' };
}

/** A, B, C services; window 1 serves A (order 1) and B (order 2), window 2 serves B, window 3 serves C. */
export function standardHall(rules: Partial<QueueRules> = {}, services?: ServiceConfig[]): TestHall {
  return new TestHall({
    rules,
    services: services ?? [makeService('A', 'A'), makeService('B', 'B'), makeService('C', 'C')],
    windows: [
      makeWindow('w1', '1', [
        ['A', 1],
        ['B', 2],
      ]),
      makeWindow('w2', '2', [['B', 1]]),
      makeWindow('w3', '3', [['C', 1]]),
    ],
  });
}

export class TestHall {
  readonly state: QueueState;
  now: number;
  private nextId = 1;
  readonly log: QueueEvent[] = [];

  constructor(args: {
    services: ServiceConfig[];
    windows: WindowConfig[];
    rules?: Partial<QueueRules>;
    businessDay?: string;
    now?: number;
  }) {
    this.state = createQueueState({
      businessDay: args.businessDay ?? DAY,
      rules: args.rules,
      services: args.services,
      windows: args.windows,
    });
    this.now = args.now ?? T0;
  }

  ctx(): DomainContext {
    return { now: this.now, newId: () => `t${this.nextId++}`, timeZone: TZ };
  }

  advance(minutes: number): this {
    this.now += minutes * MINUTE;
    return this;
  }

  decide(command: QueueCommand): Result<QueueEvent[]> {
    return decide(this.state, command, this.ctx());
  }

  /** Runs a command that must succeed; checks that window runtimes change only through window.changed events. */
  run(command: QueueCommand): QueueEvent[] {
    const result = this.decide(command);
    if (!result.ok) throw new Error(`${command.type} failed: ${result.error.code} ${result.error.message}`);
    const before = new Map([...this.state.windows].map(([id, w]) => [id, w.runtime]));
    commitChanges(this.state, project(this.state, result.value));
    const announced = new Map<string, unknown>();
    for (const e of result.value) if (e.type === 'window.changed') announced.set(e.windowId, e.runtime);
    for (const [id, entry] of this.state.windows) {
      const expected = announced.has(id) ? announced.get(id) : before.get(id);
      if (JSON.stringify(entry.runtime) !== JSON.stringify(expected)) {
        throw new Error(`window ${id} runtime changed without a matching window.changed event`);
      }
    }
    this.log.push(...result.value);
    return result.value;
  }

  /** Runs a command that must fail, and returns its error; the state must not change. */
  fail(command: QueueCommand): AppError {
    const before = structuredClone(this.state);
    const result = this.decide(command);
    if (result.ok) throw new Error(`${command.type} should have failed but gave ${JSON.stringify(result.value)}`);
    if (JSON.stringify([...before.tickets]) !== JSON.stringify([...this.state.tickets])) {
      throw new Error('a failed command changed the state');
    }
    return result.error;
  }

  issue(
    serviceId: string,
    priority: PriorityClass = 'normal',
    extra: { holder?: Holder; source?: TicketSource } = {},
  ): Ticket {
    const events = this.run({
      type: 'issue',
      serviceId,
      priority,
      source: extra.source ?? 'kiosk',
      holder: extra.holder,
    });
    const issued = events[0];
    if (issued?.type !== 'ticket.issued') throw new Error('issue did not issue');
    return this.ticket(issued.ticket.id);
  }

  signIn(windowId: string, clerkId = `clerk-${windowId}`): this {
    this.run({ type: 'sign-in', windowId, clerkId, clerkName: `办事员${windowId}` });
    return this;
  }

  /** call-next at the window; returns the number called (or null when only the current one was finished). */
  callNext(windowId: string): string | null {
    const called = this.run({ type: 'call-next', windowId }).find((e) => e.type === 'ticket.called');
    return called?.type === 'ticket.called' ? this.ticket(called.ticketId).number : null;
  }

  ticket(id: string): Ticket {
    const ticket = this.state.tickets.get(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    return ticket;
  }

  byNumber(number: string): Ticket {
    const ticket = [...this.state.tickets.values()].find((t) => t.number === number);
    if (!ticket) throw new Error(`no ticket ${number}`);
    return ticket;
  }

  runtime(windowId: string) {
    const entry = this.state.windows.get(windowId);
    if (!entry) throw new Error(`no window ${windowId}`);
    return entry.runtime;
  }
}
