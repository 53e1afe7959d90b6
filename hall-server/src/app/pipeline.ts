import { appError, type AppError, type HallEvent } from '@onedoor/protocol';
import type { QueueEvent } from '../domain/queue/queue.events.js';
import { type Result, failure, success } from '../domain/result.js';
import type { Actor, Clock, CommandLog, EventLog, EventLogEntry, Logger, UnitOfWork } from './ports.js';

/**
 * The hall's one writer. Every command: validate (at the edge) → work (domain decide, store writes, memory) → its
 * event rows under the command's sequence number → ack after COMMIT → broadcast. Commands that arrive in the same tick
 * share one `BEGIN IMMEDIATE … COMMIT` (group commit: a synchronous=FULL database still takes thousands of tickets a
 * second), each inside its own savepoint, so a refused command changes nothing while the others go through.
 *
 * Memory follows the database, never the other way round: when a command fails after it changed memory (a store that
 * throws on sealing a holder, on marking a booking, on recording the result) the pipeline rolls its writes back to the
 * savepoint and reloads every piece of derived memory from what the database holds then; a failed COMMIT reloads it
 * from what the database holds after ROLLBACK. Nobody is told of a change before it is durable.
 */

/** What a command's work may ask of the pipeline. */
export interface CommandScope {
  /**
   * This command's sequence number: allocated on first use, the same on every call, kept only when the command
   * commits a change. The one place numbers come from: nothing else computes `seq + 1`.
   */
  seq(): number;
}

/** A committed change: its event-log rows (all under the command's number) and what screens and bridges are told. */
export interface Change {
  log: {
    entries: readonly EventLogEntry[];
    /** The business day the rows belong to; by default the hall's current day. */
    businessDay?: string;
  };
  /** Stamped with `scope.seq()`. */
  hallEvent: HallEvent;
  /** The queue's domain events behind it (for metrics and bridges), if any. */
  domainEvents?: readonly QueueEvent[];
}

/** A command's answer: refused, or done — with the change it made, or null when it changed nothing. */
export type Outcome<T> = { error: AppError } | { value: T; change: Change | null };

export type Work<T> = (scope: CommandScope) => Outcome<T>;

/** A write of another module (cases, catalog, appointments, evaluations): one event row, broadcast as case.changed. */
export type RecordedWork<T> = (scope: CommandScope) =>
  | {
      value: T;
      eventType: string | null;
      payload: unknown;
      /** More rows under the same number (a 差评 also opens its rectification). */
      also?: readonly { type: string; payload: unknown }[];
    }
  | { error: AppError };

/**
 * Memory derived from the database (the queue state, the notice, recent calls, caches). `version` grows with every
 * change; the pipeline reloads memory whose version moved while a command or a batch was being undone.
 */
export interface DerivedMemory {
  readonly version: number;
  /** Makes memory equal to what the database holds now (inside the open transaction, or after ROLLBACK). */
  reload(): void;
}

export type CommittedListener = (event: HallEvent, domainEvents: readonly QueueEvent[]) => void;

export interface PipelineDeps {
  uow: UnitOfWork;
  events: EventLog;
  commands: CommandLog;
  clock: Clock;
  log: Logger;
  /** The hall's business day, for event rows that do not bring their own. */
  businessDay(): string;
}

interface Pending {
  actor: Actor;
  requestId: string | undefined;
  work: Work<unknown>;
  resolve: (r: Result<unknown>) => void;
}

export const internalError = (): AppError =>
  appError('INTERNAL', '服务器内部错误，请稍后再试', 'internal server error, please try again');

/** How an actor is written in the event log's `actor` column. */
export const actorText = (a: Actor): string =>
  a.kind === 'staff' ? `staff:${a.staffId}` : a.kind === 'device' ? `device:${a.deviceId}` : `system:${a.reason}`;

export class CommandPipeline {
  private seq: number;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly memories: DerivedMemory[] = [];
  private readonly screens: CommittedListener[] = [];
  private readonly listeners: CommittedListener[] = [];
  private readonly afterBatchHooks: (() => void)[] = [];

  constructor(private readonly deps: PipelineDeps) {
    this.seq = deps.events.lastSeq();
  }

  /** The sequence number of the last committed change. */
  get currentSeq(): number {
    return this.seq;
  }

  /** Memory to reload when a command or a batch is undone. */
  track(memory: DerivedMemory): void {
    this.memories.push(memory);
  }

  /**
   * Hears every committed change, in sequence order, after COMMIT. Screens (the socket broadcast) hear each event before
   * any other listener (the MQTT bridge, metrics), whatever the order of subscription.
   */
  onCommitted(listener: CommittedListener, options: { screens?: boolean } = {}): void {
    (options.screens ? this.screens : this.listeners).push(listener);
  }

  /** Runs after each batch that committed at least one change, once its events are out (auto-call). */
  afterBatch(hook: () => void): void {
    this.afterBatchHooks.push(hook);
  }

  stop(): void {
    this.closed = true;
  }

  /** Queues a command for the next group commit; resolves after COMMIT (or with the reason it was refused). */
  submit<T>(actor: Actor, work: Work<T>, requestId?: string): Promise<Result<T>> {
    if (this.closed)
      return Promise.resolve(failure(appError('UNAVAILABLE', '服务正在停止', 'the hall server is stopping')));
    return new Promise<Result<T>>((resolve) => {
      this.pending.push({ actor, requestId, work, resolve: resolve as (r: Result<unknown>) => void });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Runs a write of another module in the pipeline: `work` does its store writes; the change is logged under the
   * command's number and broadcast as `case.changed` (it carries no queue state, and keeps every client's sequence
   * gap-free). Return `eventType: null` when nothing changed: no number, nobody told.
   */
  record<T>(actor: Actor, work: RecordedWork<T>, requestId?: string): Promise<Result<T>> {
    return this.submit<T>(
      actor,
      (scope) => {
        const out = work(scope);
        if ('error' in out) return out;
        if (out.eventType === null) return { value: out.value, change: null };
        const seq = scope.seq();
        const at = new Date(this.deps.clock.now()).toISOString();
        return {
          value: out.value,
          change: {
            log: {
              entries: [
                { type: out.eventType, at, payload: out.payload },
                ...(out.also ?? []).map((e) => ({ ...e, at })),
              ],
            },
            hallEvent: { seq, type: 'case.changed', at, tickets: [], windows: [], services: [], call: null },
          },
        };
      },
      requestId,
    );
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const { uow, log } = this.deps;
    const atStart = this.versions();
    const results: Result<unknown>[] = [];
    const published: Change[] = [];
    try {
      uow.begin();
      for (const item of batch) {
        const done = this.run(item);
        results.push(done.result);
        if (done.change) published.push(done.change);
      }
      uow.commit();
    } catch (err) {
      // Nothing of this batch was acknowledged: follow the database back to where it was.
      log.error({ err }, 'commit failed; reloading state from the database');
      this.undoBatch(atStart);
      for (const item of batch)
        item.resolve(
          failure(appError('UNAVAILABLE', '保存失败，请重试', 'the change could not be saved, please retry')),
        );
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
    for (const change of published) this.announce(change);
    if (published.length > 0) for (const hook of this.afterBatchHooks) hook();
  }

  /** One command inside the open transaction. Throws only when the database cannot even be rolled back to the savepoint. */
  private run(item: Pending): { result: Result<unknown>; change: Change | null } {
    const { uow, events, commands, clock, log } = this.deps;
    const before = this.versions();
    let allocated: number | null = null;
    const scope: CommandScope = { seq: () => (allocated ??= this.seq + 1) };
    uow.savepoint();
    try {
      if (item.requestId) {
        const previous = commands.find(item.requestId);
        if (previous) {
          uow.release();
          return { result: success(previous.result), change: null };
        }
      }
      const out = item.work(scope);
      if ('error' in out) {
        this.undoCommand(before);
        return { result: failure(out.error), change: null };
      }
      const { change } = out;
      if (change) {
        const seq = scope.seq();
        if (change.hallEvent.seq !== seq)
          throw new Error(`the hall event carries seq ${change.hallEvent.seq}, the command's number is ${seq}`);
        events.append(
          seq,
          change.log.entries,
          change.log.businessDay ?? this.deps.businessDay(),
          actorText(item.actor),
        );
      } else if (allocated !== null) {
        throw new Error('a command that changed nothing took a sequence number');
      }
      if (item.requestId) commands.record(item.requestId, out.value ?? null, new Date(clock.now()).toISOString());
      uow.release();
      if (change) this.seq = change.hallEvent.seq;
      return { result: success(out.value), change };
    } catch (err) {
      this.undoCommand(before);
      log.error({ err }, 'command failed inside the transaction');
      return { result: failure(internalError()), change: null };
    }
  }

  private versions(): number[] {
    return this.memories.map((m) => m.version);
  }

  /** ROLLBACK TO the command's savepoint, then memory follows what the database holds now. */
  private undoCommand(before: readonly number[]): void {
    this.deps.uow.rollbackToSavepoint();
    this.reloadChanged(before);
  }

  private undoBatch(atStart: readonly number[]): void {
    try {
      this.deps.uow.rollback();
    } catch (err) {
      this.deps.log.error({ err }, 'rollback failed');
    }
    this.reloadChanged(atStart);
    try {
      this.seq = this.deps.events.lastSeq();
    } catch (err) {
      this.deps.log.error({ err }, 'cannot read the last sequence number after a rollback');
    }
  }

  private reloadChanged(before: readonly number[]): void {
    this.memories.forEach((m, i) => {
      if (m.version !== before[i]) m.reload();
    });
  }

  private announce(change: Change): void {
    const domainEvents = change.domainEvents ?? [];
    for (const listener of [...this.screens, ...this.listeners]) {
      try {
        listener(change.hallEvent, domainEvents);
      } catch (err) {
        this.deps.log.error({ err, seq: change.hallEvent.seq }, 'a listener of committed events failed');
      }
    }
  }
}
