import { RECENT_CALLS_KEPT, type CallView, type ServiceConfig, type WindowConfig } from '@onedoor/protocol';
import type { HallConfig } from '../../config/config.schema.js';
import { closedWindowRuntime, commitChanges } from '../../domain/queue/queue.js';
import type { QueueChanges, QueueState } from '../../domain/queue/queue.types.js';
import { businessDayOf } from '../../domain/time/hall-time.js';
import type { DerivedMemory } from '../pipeline.js';
import type { Clock, EventLog, QueueStore } from '../ports.js';
import { callView } from './views.js';

/**
 * The live hall in memory: the queue state of the business day, the boards' notice and their recent calls. Derived
 * from the database and kept in step with it by the pipeline: every change bumps `version`, so a command that fails
 * after touching memory gets it reloaded. Read `state` afresh each time: a reload replaces it.
 */
export class HallMemory implements DerivedMemory {
  private changes = 0;
  state: QueueState;
  notice: string;
  recentCalls: CallView[];

  constructor(private readonly deps: { config: HallConfig; queue: QueueStore; events: EventLog; clock: Clock }) {
    const { queue, config, clock } = deps;
    const today = businessDayOf(clock.now(), config.hall.timeZone, config.hall.resetTime);
    const storedDay = queue.getMeta('business_day');
    this.state = queue.loadState(config.queue, storedDay ?? today);
    if (!storedDay) queue.putMeta('business_day', today);
    this.notice = queue.getMeta('notice') ?? '';
    this.recentCalls = this.loadRecentCalls();
  }

  get version(): number {
    return this.changes;
  }

  reload(): void {
    const { queue, config } = this.deps;
    this.changes++;
    this.state = queue.loadState(config.queue, queue.getMeta('business_day') ?? this.state.businessDay);
    this.notice = queue.getMeta('notice') ?? '';
    this.recentCalls = this.loadRecentCalls();
  }

  /** Applies a command's projected changes (written to the database just before). */
  commit(changes: QueueChanges): void {
    this.changes++;
    commitChanges(this.state, changes);
  }

  setNotice(text: string): void {
    this.changes++;
    this.notice = text;
  }

  /** A new call goes on top of the boards' list; a day reset clears it. */
  noteCall(call: CallView | null, reset: boolean): void {
    if (!call && !reset) return;
    this.changes++;
    if (call) this.recentCalls = [call, ...this.recentCalls].slice(0, RECENT_CALLS_KEPT);
    if (reset) this.recentCalls = [];
  }

  putService(service: ServiceConfig): void {
    this.changes++;
    this.state.services.set(service.id, service);
  }

  /** Adds or replaces a window's configuration, keeping its runtime; returns whether the window is new. */
  putWindow(window: WindowConfig): boolean {
    this.changes++;
    const existing = this.state.windows.get(window.id);
    this.state.windows.set(window.id, { config: window, runtime: existing?.runtime ?? closedWindowRuntime(window.id) });
    return !existing;
  }

  /**
   * The day's calls a board missed, from the event log: (afterSeq, upTo], oldest first, at most the newest `limit` —
   * the snapshot's recent calls stop at 20, and a board cut off at 40 calls a second misses far more.
   */
  callsBetween(afterSeq: number, upTo: number, limit: number): CallView[] {
    return this.deps.events
      .callsBetween(afterSeq, upTo, limit)
      .filter((c) => this.state.tickets.has(c.ticketId) && this.state.windows.has(c.windowId))
      .map((c) => callView(this.state, c.seq, c.ticketId, c.recall, c.at, c.windowId));
  }

  private loadRecentCalls(): CallView[] {
    return this.deps.events
      .recentCalls(this.state.businessDay, RECENT_CALLS_KEPT)
      .filter((c) => this.state.tickets.get(c.ticketId)?.windowId)
      .map((c) => callView(this.state, c.seq, c.ticketId, c.recall, c.at));
  }
}
