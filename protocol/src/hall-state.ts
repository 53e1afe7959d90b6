import type { CallView, HallEvent, HallSnapshot, TicketView } from './dto/queue.js';

const ACTIVE: ReadonlySet<TicketView['status']> = new Set(['waiting', 'called', 'serving', 'suspended']);
export const RECENT_CALLS_KEPT = 20;

/**
 * Applies one hall event to a snapshot. Pure; every client (display, console, window, kiosk) uses this one reducer,
 * so they all converge on the server's state. Returns the same object when the event is not the next one.
 */
export function applyHallEvent(state: HallSnapshot, event: HallEvent): HallSnapshot {
  if (event.seq !== state.seq + 1) return state;
  const upsert = <T extends { id: string }>(list: T[], changed: T[]): T[] => {
    if (changed.length === 0) return list;
    const byId = new Map(changed.map((c) => [c.id, c]));
    const next = list.map((item) => byId.get(item.id) ?? item);
    for (const c of changed) if (!list.some((item) => item.id === c.id)) next.push(c);
    return next;
  };
  let tickets = upsert(state.tickets, event.tickets).filter((t) => ACTIVE.has(t.status));
  let recentCalls: CallView[] = state.recentCalls;
  if (event.call) recentCalls = [event.call, ...state.recentCalls].slice(0, RECENT_CALLS_KEPT);
  if (event.type === 'day.reset') {
    tickets = tickets.filter((t) => t.businessDay === event.businessDay);
    recentCalls = [];
  }
  return {
    ...state,
    seq: event.seq,
    serverTime: event.at,
    businessDay: event.businessDay ?? state.businessDay,
    notice: event.notice ?? state.notice,
    services: upsert(state.services, event.services),
    windows: upsert(state.windows, event.windows),
    tickets,
    recentCalls,
  };
}

/**
 * Keeps a client in step: feed it snapshots and events; it tells you when a gap means a fresh snapshot is needed.
 * Events older than the state are ignored, so a replay after reconnect never shows an old call as new.
 */
export class SequenceTracker {
  private state: HallSnapshot | null = null;
  private buffered: HallEvent[] = [];

  constructor(private readonly onGap: () => void) {}

  get current(): HallSnapshot | null {
    return this.state;
  }

  /** Returns the events that were applied (in order), so callers can react to new calls exactly once. */
  snapshot(snapshot: HallSnapshot): HallEvent[] {
    if (this.state && snapshot.seq < this.state.seq) return [];
    this.state = snapshot;
    const pending = this.buffered.filter((e) => e.seq > snapshot.seq).sort((a, b) => a.seq - b.seq);
    this.buffered = [];
    const applied: HallEvent[] = [];
    for (const e of pending) applied.push(...this.event(e));
    return applied;
  }

  event(event: HallEvent): HallEvent[] {
    if (!this.state) {
      this.buffered.push(event);
      return [];
    }
    if (event.seq <= this.state.seq) return [];
    if (event.seq !== this.state.seq + 1) {
      this.buffered.push(event);
      this.onGap();
      return [];
    }
    this.state = applyHallEvent(this.state, event);
    return [event];
  }
}
