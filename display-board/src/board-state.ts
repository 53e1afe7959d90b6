/**
 * The display board's model: hall snapshots and events in (through the shared SequenceTracker), what to render and
 * which calls to announce out. Pure: no DOM, no timers, no socket. The browser shell feeds it and speaks what it says.
 *
 * Announcing rules (DESIGN.md rule 2: no call is ever missed on a screen or spoken twice):
 * - A call is identified by `call.seq` and announced at most once.
 * - Calls already in the first snapshot a board receives are history: shown, never announced.
 * - Events replayed after a reconnect, duplicates and events older than the state are ignored (SequenceTracker).
 * - A recall (`call.recall`) carries its own seq, so it is announced again — that is what a recall is for.
 * - Calls made while the board was offline (or lost in a sequence gap) come back in the next snapshot's recentCalls.
 *   Those with a seq above what the board had already seen and at most `missedMaxAgeMs` old (by the server's clock)
 *   are announced once each, oldest first: a hall must not lose a call. Older ones are shown but not spoken — a
 *   visitor called ten minutes ago is not helped by hearing it now, and a stale call is never shown as new.
 * - A board that missed more calls than the snapshot keeps (20) asks the server for all of them (`replay` in the
 *   update → `hall:calls-since` → `replayed()`); until the answer comes, later calls wait behind them, so every
 *   missed call is announced once and in order. Without an answer the snapshot's 20 are what it has.
 */
import {
  RECENT_CALLS_KEPT,
  SequenceTracker,
  WINDOW_KIND_TEXT,
  type CallView,
  type HallEvent,
  type HallSnapshot,
  type MissedCalls,
  type ServiceView,
  type WindowView,
} from '@onedoor/protocol';

export interface BoardFilter {
  /** Service ids to show; null = all (or, with a window filter, what those windows serve). */
  services: readonly string[] | null;
  /** Window ids whose calls to show; null = all. */
  windows: readonly string[] | null;
}

export interface BoardModelOptions {
  filter: BoardFilter;
  /** Missed calls older than this (relative to the snapshot's server time) are not announced. */
  missedMaxAgeMs: number;
  /** Called when the event stream has a gap: fetch a fresh snapshot and pass it to `snapshot()`. */
  onGap: () => void;
  /**
   * The seq this board had decided up to before the page was reloaded (browser crash, player restart), if recent:
   * the first snapshot is then treated like a reconnect, so calls made meanwhile are still announced once.
   */
  resumeFrom?: number | null;
}

export interface BoardUpdate {
  /** New calls to announce, oldest first. Each seq appears in exactly one update, ever. */
  announce: CallView[];
  /** Calls seen for the first time but not announced (history, too old, filtered out), for diagnostics. */
  skipped: CallView[];
  /** More calls were missed than the snapshot holds: ask `hall:calls-since` for this range, pass the answer to `replayed()`. */
  replay?: { afterSeq: number; upTo: number };
}

/** A replay asked for and not answered yet: what the snapshot had meanwhile, and the calls that came after. */
interface PendingReplay {
  afterSeq: number;
  upTo: number;
  fallback: CallView[];
  serverNow: number;
  held: { call: CallView; fresh: boolean }[];
}

export type SnapshotSource = 'connect' | 'request';

const ANNOUNCED_MEMORY = 500;

/** What a board's link must answer for a replay (`HallLink.request` on /display). */
export interface ReplayLink {
  request(
    event: 'hall:calls-since',
    payload: { afterSeq: number; upTo: number },
  ): Promise<{ ok: true; data: MissedCalls } | { ok: false } | null>;
}

/** Asks the hall for the calls in a replay range; null when there is no link or no answer (the model falls back). */
export async function askReplay(
  link: ReplayLink | null,
  range: { afterSeq: number; upTo: number },
): Promise<MissedCalls | null> {
  const ack = link ? await link.request('hall:calls-since', range) : null;
  return ack?.ok ? ack.data : null;
}

export function callMatches(call: CallView, filter: BoardFilter): boolean {
  if (filter.services && !filter.services.includes(call.serviceId)) return false;
  if (filter.windows && !filter.windows.includes(call.windowId)) return false;
  return true;
}

export class BoardModel {
  private tracker: SequenceTracker;
  /** Highest hall seq whose calls have been decided (announced or deliberately skipped); null before the first snapshot. */
  private watermark: number | null = null;
  private readonly announcedSeqs = new Set<number>();
  private readonly announcedOrder: number[] = [];

  /** Seq to resume from on the first snapshot only (see BoardModelOptions.resumeFrom). */
  private resumeFrom: number | null;
  private pending: PendingReplay | null = null;

  constructor(private options: BoardModelOptions) {
    this.tracker = new SequenceTracker(options.onGap);
    this.resumeFrom = options.resumeFrom ?? null;
  }

  /** Highest seq whose calls are decided: persist it to resume after a reload. */
  get decidedUpTo(): number | null {
    // While missed calls are being fetched, only what came before them is decided.
    return this.pending ? this.pending.afterSeq : this.watermark;
  }

  get state(): HallSnapshot | null {
    return this.tracker.current;
  }

  get seq(): number | null {
    return this.tracker.current?.seq ?? null;
  }

  get filter(): BoardFilter {
    return this.options.filter;
  }

  /**
   * New filters or missed-call age from the console (`device:settings`), applied live: later calls are decided with
   * them and the view selects with them; nothing already decided is announced again.
   */
  reconfigure(change: { filter?: BoardFilter; missedMaxAgeMs?: number }): void {
    this.options = { ...this.options, ...change };
  }

  /** Whether this call was announced by this board (drives the visual flash: history never flashes). */
  wasAnnounced(seq: number): boolean {
    return this.announcedSeqs.has(seq);
  }

  snapshot(snapshot: HallSnapshot, source: SnapshotSource = 'request'): BoardUpdate {
    const current = this.tracker.current;
    if (current && snapshot.seq < current.seq) {
      if (source === 'request') return { announce: [], skipped: [] }; // a late answer to an older request
      // Pushed on (re)connect yet older than what we hold: the hall server's history was replaced (restored
      // database). Nothing can be compared across that line: start again from this snapshot, as on first boot.
      this.tracker = new SequenceTracker(this.options.onGap);
      this.watermark = null;
      this.pending = null;
    }

    const update: BoardUpdate = { announce: [], skipped: [] };
    if (this.watermark === null && this.resumeFrom !== null) {
      // After a reload: resume from the stored seq unless the server's history went back past it.
      if (snapshot.seq >= this.resumeFrom) this.watermark = this.resumeFrom;
      this.resumeFrom = null;
    }
    if (this.watermark === null) {
      update.skipped.push(...snapshot.recentCalls.filter((c) => c.seq <= snapshot.seq));
    } else {
      const from = this.watermark;
      const serverNow = Date.parse(snapshot.serverTime);
      const missed = snapshot.recentCalls
        .filter((c) => c.seq > from && c.seq <= snapshot.seq)
        .sort((a, b) => a.seq - b.seq);
      // The snapshot keeps the last 20 calls: with 20 after our seq, older missed ones may be beyond them.
      if (missed.length >= RECENT_CALLS_KEPT && !this.pending) {
        this.pending = { afterSeq: from, upTo: snapshot.seq, fallback: missed, serverNow, held: [] };
        update.replay = { afterSeq: from, upTo: snapshot.seq };
      } else {
        for (const call of missed) this.emit(call, this.isRecent(call, serverNow), update);
      }
    }

    const applied = this.tracker.snapshot(snapshot);
    if (this.tracker.current?.seq === snapshot.seq || applied.length > 0) {
      this.watermark = Math.max(this.watermark ?? snapshot.seq, snapshot.seq);
    }
    this.take(applied, update);
    return update;
  }

  event(event: HallEvent): BoardUpdate {
    const update: BoardUpdate = { announce: [], skipped: [] };
    this.take(this.tracker.event(event), update);
    return update;
  }

  /**
   * The answer to an update's `replay` (null when none came): the missed calls announced oldest first, then the calls
   * that waited behind them. An answer for another range (asked before the hall's history was replaced) is ignored.
   */
  replayed(answer: MissedCalls | null, range: { afterSeq: number; upTo: number }): BoardUpdate {
    const update: BoardUpdate = { announce: [], skipped: [] };
    const p = this.pending;
    if (!p || p.afterSeq !== range.afterSeq || p.upTo !== range.upTo) return update;
    this.pending = null;
    const serverNow = answer ? Date.parse(answer.serverTime) : p.serverNow;
    const calls = (answer ? answer.calls.filter((c) => c.seq > p.afterSeq && c.seq <= p.upTo) : p.fallback).sort(
      (a, b) => a.seq - b.seq,
    );
    for (const call of calls) this.decide(call, this.isRecent(call, serverNow), update);
    for (const { call, fresh } of p.held) this.decide(call, fresh, update);
    return update;
  }

  private isRecent(call: CallView, serverNow: number): boolean {
    const at = Date.parse(call.at);
    const age = Number.isFinite(serverNow) && Number.isFinite(at) ? serverNow - at : 0;
    return age <= this.options.missedMaxAgeMs;
  }

  private take(applied: HallEvent[], update: BoardUpdate): void {
    for (const e of applied) {
      if (this.watermark !== null && e.seq <= this.watermark) continue;
      if (e.call) this.emit(e.call, true, update);
      if (this.watermark !== null) this.watermark = e.seq;
    }
  }

  /** Decides a call now, or after the missed calls being fetched. */
  private emit(call: CallView, fresh: boolean, update: BoardUpdate): void {
    if (this.pending) this.pending.held.push({ call, fresh });
    else this.decide(call, fresh, update);
  }

  private decide(call: CallView, fresh: boolean, update: BoardUpdate): void {
    if (this.announcedSeqs.has(call.seq)) return;
    if (!fresh || !callMatches(call, this.options.filter)) {
      update.skipped.push(call);
      return;
    }
    this.announcedSeqs.add(call.seq);
    this.announcedOrder.push(call.seq);
    if (this.announcedOrder.length > ANNOUNCED_MEMORY) this.announcedSeqs.delete(this.announcedOrder.shift()!);
    update.announce.push(call);
  }
}

// ---------- what to render ----------

export interface ServiceLine {
  id: string;
  name: string;
  prefix: string;
  waiting: number;
  openNow: boolean;
}

export interface BoardView {
  hallName: string;
  notice: string;
  businessDay: string;
  /** The newest call for this board, shown big. */
  newest: CallView | null;
  /** True only when the newest call was announced by this board (not history from a snapshot). */
  newestIsNew: boolean;
  /** Earlier calls, newest first, one row per ticket (a recall replaces its earlier row). */
  recent: CallView[];
  services: ServiceLine[];
  totalWaiting: number;
}

/** Services the board covers: the explicit list, else what the filtered windows serve, else all. */
export function effectiveServices(state: HallSnapshot, filter: BoardFilter): readonly string[] | null {
  if (filter.services) return filter.services;
  if (filter.windows) {
    const ids = new Set<string>();
    for (const w of state.windows) if (filter.windows.includes(w.id)) for (const s of w.serviceIds) ids.add(s);
    return [...ids];
  }
  return null;
}

export function selectBoardView(
  state: HallSnapshot,
  filter: BoardFilter,
  recentCount: number,
  wasAnnounced: (seq: number) => boolean = () => false,
): BoardView {
  const calls: CallView[] = [];
  const seenTickets = new Set<string>();
  for (const call of [...state.recentCalls].sort((a, b) => b.seq - a.seq)) {
    if (!callMatches(call, filter) || seenTickets.has(call.ticketId)) continue;
    seenTickets.add(call.ticketId);
    calls.push(call);
  }
  const newest = calls[0] ?? null;
  const services = effectiveServices(state, filter);
  const lines = state.services
    .filter((s: ServiceView) => s.enabled && (services === null || services.includes(s.id)))
    .sort((a, b) => a.sort - b.sort || a.prefix.localeCompare(b.prefix))
    .map((s) => ({ id: s.id, name: s.name, prefix: s.prefix, waiting: s.waiting, openNow: s.openNow }));
  return {
    hallName: state.hallName,
    notice: state.notice,
    businessDay: state.businessDay,
    newest,
    newestIsNew: newest !== null && wasAnnounced(newest.seq),
    recent: calls.slice(1, 1 + recentCount),
    services: lines,
    totalWaiting: lines.reduce((sum, s) => sum + s.waiting, 0),
  };
}

export interface WindowStripView {
  hallName: string;
  found: boolean;
  windowId: string;
  windowNumber: string;
  windowName: string;
  kindText: string;
  state: WindowView['state'] | 'unknown';
  pauseReason: string | null;
  /** The number being called or served at this window now. */
  currentNumber: string | null;
  /** Masked name for real-name tickets (张*三). */
  holderName: string | null;
  /** The last call made at this window, if it is still the current ticket. */
  call: CallView | null;
  callIsNew: boolean;
}

export function selectWindowStrip(
  state: HallSnapshot,
  windowId: string,
  wasAnnounced: (seq: number) => boolean = () => false,
): WindowStripView {
  const w = state.windows.find((x) => x.id === windowId);
  const lastCall = [...state.recentCalls].sort((a, b) => b.seq - a.seq).find((c) => c.windowId === windowId) ?? null;
  const currentNumber = w?.currentNumber ?? null;
  const ticket = w?.currentTicketId ? state.tickets.find((t) => t.id === w.currentTicketId) : undefined;
  const call = lastCall && w && lastCall.ticketId === w.currentTicketId ? lastCall : null;
  return {
    hallName: state.hallName,
    found: w !== undefined,
    windowId,
    windowNumber: w?.number ?? '',
    windowName: w?.name ?? windowId,
    kindText: w ? WINDOW_KIND_TEXT[w.kind] : '',
    state: w?.state ?? 'unknown',
    pauseReason: w?.pauseReason ?? null,
    currentNumber,
    holderName: maskName(ticket?.holderName ?? call?.holderName ?? null),
    call,
    callIsNew: call !== null && wasAnnounced(call.seq),
  };
}

/**
 * The server masks names already (张*三); this keeps a board from ever showing a full name should an unmasked one
 * slip through: two characters → 张*, three or more → first and last with stars between.
 */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return null;
  if (chars.includes('*')) return chars.join('');
  if (chars.length === 1) return `${chars[0]}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
