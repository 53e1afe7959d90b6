/**
 * Stand-ins for the hall link's surroundings, for unit tests of the link and of the apps built on it: a socket that
 * records what is emitted and lets the test play the server, and timers that move only when the test says so.
 */
import type { HallEvent, HallSnapshot } from '../dto/queue.js';
import type { LinkTimers, WakeSource } from './link-env.js';
import type { EventsMap, LinkSocket } from './link-socket.js';

type Listener = (...args: never[]) => void;

/**
 * A socket the test drives: `serverSends(...)` delivers a server event, `answers` decides per emit whether its ack
 * times out (`null`), stays out until `answerHeld()` (`HOLD`) or what it says. `connect()` and `disconnect()` are only counted; the test decides when the
 * link connects (`serverSends('connect')`).
 */
export class FakeSocket<Ev extends EventsMap> implements LinkSocket<Ev> {
  connected = true;
  active = true;
  readonly emitted: { event: string; payload: Record<string, unknown> }[] = [];
  answers: unknown[] = [];
  static readonly HOLD = Symbol('hold the ack');
  private held: ((err: Error | null, response?: unknown) => void)[] = [];
  connects = 0;
  disconnects = 0;
  private readonly listeners = new Map<string, Listener>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }

  /** Plays the server (or socket.io itself, for connect / disconnect / connect_error). */
  serverSends(event: 'hall:snapshot', snapshot: HallSnapshot): void;
  serverSends(event: 'hall:event', hallEvent: HallEvent): void;
  serverSends(event: 'device:settings', settings: Record<string, unknown>): void;
  serverSends(event: 'connect'): void;
  serverSends(event: 'disconnect', reason: string): void;
  serverSends(event: 'connect_error', err: Error): void;
  serverSends(event: string, arg?: unknown): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    const listener = this.listeners.get(event) as ((arg?: unknown) => void) | undefined;
    listener?.(arg);
  }

  timeout(_ms: number) {
    return {
      emit: (event: string, ...args: unknown[]) => {
        const [payload, ack] = args;
        if (typeof ack !== 'function') throw new Error(`${event}: the link always asks for an ack`);
        this.emitted.push({ event, payload: { ...(payload as Record<string, unknown>) } });
        const answer = this.answers.shift();
        if (answer === FakeSocket.HOLD) this.held.push(ack as (err: Error | null, response?: unknown) => void);
        else if (answer === null || answer === undefined) ack(new Error('operation has timed out'));
        else ack(null, answer);
      },
    };
  }

  /** Answers the oldest held ack (`null` = it timed out). */
  answerHeld(response: unknown): void {
    const ack = this.held.shift();
    if (!ack) throw new Error('no ack is held');
    if (response === null) ack(new Error('operation has timed out'));
    else ack(null, response);
  }

  connect(): this {
    this.connects++;
    return this;
  }

  disconnect(): this {
    this.disconnects++;
    this.connected = false;
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
}

/** Timers on a clock that only `advance(ms)` moves. */
export class ManualTimers implements LinkTimers {
  private now = 0;
  private nextId = 0;
  private readonly jobs = new Map<number, { at: number; fn: () => void; every: number | null }>();

  after(ms: number, fn: () => void): () => void {
    return this.add(ms, fn, null);
  }

  every(ms: number, fn: () => void): () => void {
    return this.add(ms, fn, ms);
  }

  /** Jobs waiting to run (for asserting that nothing is left behind). */
  get pending(): number {
    return this.jobs.size;
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.jobs.entries()].filter(([, j]) => j.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, job] = due;
      this.now = job.at;
      if (job.every === null) this.jobs.delete(id);
      else job.at += job.every;
      job.fn();
    }
    this.now = end;
  }

  private add(ms: number, fn: () => void, every: number | null): () => void {
    const id = ++this.nextId;
    this.jobs.set(id, { at: this.now + ms, fn, every });
    return () => this.jobs.delete(id);
  }
}

/** A wake source the test pokes by hand. */
export function manualWake(): { wake: WakeSource; poke(): void; subscribed(): boolean } {
  let current: (() => void) | null = null;
  return {
    wake: (poke) => {
      current = poke;
      return () => {
        current = null;
      };
    },
    poke: () => current?.(),
    subscribed: () => current !== null,
  };
}
