/**
 * The clerk screen as a pure function of the hall state: snapshot + window id (+ what this client saw today)
 * → the current ticket, the lists and which buttons work. No React, no sockets, no clock: `now` is passed in.
 *
 * The hall state itself comes from the one reducer in protocol (SequenceTracker / applyHallEvent). Two things a
 * clerk needs are not in the snapshot, because the snapshot carries active tickets only:
 * - the 过号 list (no-show tickets leave the active set), and
 * - today's counters for this window.
 * Both are folded here from the events this client applied (`foldWindowHistory`), stamped with the business day and
 * kept by the app in localStorage, so a reload keeps them. Events missed while this client was offline are not
 * counted (the server has the authoritative statistics); the screen says "本机统计".
 */
import {
  applyHallEvent,
  PRIORITY_CLASSES,
  type HallEvent,
  type HallSnapshot,
  type PriorityClass,
  type ServiceView,
  type TicketView,
  type WindowCallOrder,
  type WindowDay,
  type WindowView,
} from '@onedoor/protocol';

/** The server's default (`queue.reactivateWithinMinutes`); the server decides, this only greys out old entries. */
export const DEFAULT_REACTIVATE_MINUTES = 30;

export interface NoShowEntry {
  ticket: TicketView;
  /** When the ticket was marked 过号 (the event time). */
  at: string;
}

/** A window's day: first calls (recalls not counted), finished services and their minutes, no-shows, transfers away,
 * suspensions — the protocol's WindowDay without its date. */
export type WindowCounters = Omit<WindowDay, 'businessDay' | 'seq'>;

export interface WindowHistory {
  hallId: string;
  windowId: string;
  businessDay: string;
  /** The last event folded in; older events are ignored (a replay never counts twice). */
  lastSeq: number;
  counters: WindowCounters;
  /** Newest first. */
  noShows: NoShowEntry[];
}

export const emptyCounters = (): WindowCounters => ({
  called: 0,
  done: 0,
  noShow: 0,
  transferred: 0,
  suspended: 0,
  serviceMinutes: 0,
});

export function emptyHistory(hallId: string, windowId: string, businessDay: string, lastSeq = 0): WindowHistory {
  return { hallId, windowId, businessDay, lastSeq, counters: emptyCounters(), noShows: [] };
}

/** A stored history is used only for the same hall, window and business day. */
export function historyFits(
  h: WindowHistory | null | undefined,
  snapshot: HallSnapshot,
  windowId: string,
): h is WindowHistory {
  return !!h && h.hallId === snapshot.hallId && h.windowId === windowId && h.businessDay === snapshot.businessDay;
}

const minutesBetween = (from: string | null, to: string): number =>
  from ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000) : 0;

/**
 * Folds one applied event into the window's history. `before` is the hall state the event was applied to: what
 * happened to the window's current ticket (done, 过号, transferred, suspended) is read from the ticket views the
 * event carries.
 */
export function foldWindowHistory(history: WindowHistory, before: HallSnapshot, event: HallEvent): WindowHistory {
  if (event.seq <= history.lastSeq) return history;
  if (event.type === 'day.reset' && event.businessDay && event.businessDay !== history.businessDay) {
    return emptyHistory(history.hallId, history.windowId, event.businessDay, event.seq);
  }
  const me = history.windowId;
  const counters = { ...history.counters };
  let noShows = history.noShows;

  if (event.call && event.call.windowId === me && !event.call.recall) counters.called++;

  const currentId = before.windows.find((w) => w.id === me)?.currentTicketId ?? null;
  const previous = currentId ? before.tickets.find((t) => t.id === currentId) : undefined;
  const after = currentId ? event.tickets.find((t) => t.id === currentId) : undefined;
  if (previous && after && after.status !== previous.status) {
    switch (after.status) {
      case 'done':
        counters.done++;
        counters.serviceMinutes += minutesBetween(previous.calledAt, event.at);
        break;
      case 'no-show':
        counters.noShow++;
        noShows = [{ ticket: after, at: event.at }, ...noShows.filter((n) => n.ticket.id !== after.id)];
        break;
      case 'waiting':
        if (event.type === 'ticket.transferred') counters.transferred++;
        break;
      case 'suspended':
        counters.suspended++;
        break;
      default:
        break;
    }
  }
  // A 过号 ticket that comes back (re-queued here or elsewhere, voided at day end) leaves the list.
  const touched = new Map(event.tickets.map((t) => [t.id, t.status]));
  noShows = noShows.filter((n) => (touched.get(n.ticket.id) ?? 'no-show') === 'no-show');
  if (event.type === 'day.reset') noShows = [];
  return { ...history, lastSeq: event.seq, counters, noShows };
}

/**
 * Folds a batch the SequenceTracker applied on top of `base` (the state before the first of them), replaying the
 * shared reducer to know the state before each event.
 */
export function foldApplied(history: WindowHistory, base: HallSnapshot, applied: readonly HallEvent[]): WindowHistory {
  let state = base;
  let h = history;
  for (const e of applied) {
    h = foldWindowHistory(h, state, e);
    state = applyHallEvent(state, e);
  }
  return h;
}

// ---------- the view ----------

export type WindowAction =
  | 'callNext'
  | 'callTicket'
  | 'recall'
  | 'start'
  | 'finish'
  | 'noShow'
  | 'transfer'
  | 'suspend'
  | 'resume'
  | 'reactivate'
  | 'pause'
  | 'open'
  | 'signOut';

export interface CurrentTicket {
  ticket: TicketView;
  service: ServiceView | undefined;
  /** Whole minutes since the ticket was issued. */
  waitedMinutes: number;
  /** Whole minutes since it was (first) called; null before. */
  sinceCallMinutes: number | null;
}

export interface WaitingRow {
  ticket: TicketView;
  service: ServiceView | undefined;
  waitedMinutes: number;
  /** Transferred to this window in particular (指定本窗口). */
  targeted: boolean;
}

export interface NoShowRow extends NoShowEntry {
  /** Minutes left to re-queue it (0 = expired). */
  minutesLeft: number;
  expired: boolean;
}

export interface WindowModel {
  window: WindowView | null;
  /** The clerk is signed in at this window (the window's clerk is this staff member). */
  signedIn: boolean;
  current: CurrentTicket | null;
  waiting: WaitingRow[];
  suspended: WaitingRow[];
  noShows: NoShowRow[];
  /** `fromServer`: counted by the hall from its event log; otherwise what this screen saw (本机统计). */
  counters: WindowCounters & { averageServiceMinutes: number | null; waitingNow: number; fromServer: boolean };
  enabled: Record<WindowAction, boolean>;
  /** Why 叫下一位 is off, for the button's tooltip. */
  callNextHint: string | null;
}

export interface WindowModelOptions {
  staffId: string;
  history?: WindowHistory | null;
  /** Epoch ms, corrected to the server's clock by the caller. */
  now: number;
  /** A command is in flight: every action waits for its ack. */
  busy?: boolean;
  reactivateWithinMinutes?: number;
  /** The window's day as the hall counted it (GET /api/windows/:id/today); used when it is today's and current. */
  serverDay?: WindowDay | null;
  /** The order the hall will call this window's tickets in (GET /api/windows/:id/call-order); the list follows it. */
  callOrder?: WindowCallOrder | null;
}

const PRIORITY_RANK: Record<PriorityClass, number> = Object.fromEntries(
  PRIORITY_CLASSES.map((p, i) => [p, i]),
) as Record<PriorityClass, number>;

const wholeMinutes = (from: string, now: number): number => Math.max(0, Math.floor((now - Date.parse(from)) / 60_000));

/** Whether `windowId` may call this waiting ticket: targeted to it, or an untargeted ticket of a service it serves. */
export function servedBy(ticket: TicketView, window: WindowView): boolean {
  if (ticket.targetWindowId !== null) return ticket.targetWindowId === window.id;
  return window.serviceIds.includes(ticket.serviceId);
}

/** Priority (预约, 绿色通道, 普通), then issue time: only for tickets the hall's call order does not list yet. */
export function compareWaiting(a: TicketView, b: TicketView): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.issuedAt.localeCompare(b.issuedAt) ||
    a.number.localeCompare(b.number)
  );
}

/**
 * The waiting tickets as the hall will call them (`order`, the queue's fair order: priority, interleave, aging); a
 * ticket issued since the order was read goes after those it lists, by priority and issue time, until the next read.
 */
export function inCallOrder(tickets: readonly TicketView[], order: WindowCallOrder | null): TicketView[] {
  const rank = new Map((order?.ticketIds ?? []).map((id, i) => [id, i]));
  const unranked = rank.size;
  return [...tickets].sort(
    (a, b) => (rank.get(a.id) ?? unranked) - (rank.get(b.id) ?? unranked) || compareWaiting(a, b),
  );
}

export function buildWindowModel(snapshot: HallSnapshot, windowId: string, options: WindowModelOptions): WindowModel {
  const { now, staffId } = options;
  const busy = options.busy ?? false;
  const window = snapshot.windows.find((w) => w.id === windowId) ?? null;
  const services = new Map(snapshot.services.map((s) => [s.id, s]));
  const signedIn = !!window && window.clerkId === staffId;

  const currentTicket = window?.currentTicketId
    ? snapshot.tickets.find((t) => t.id === window.currentTicketId)
    : undefined;
  const current: CurrentTicket | null =
    currentTicket && (currentTicket.status === 'called' || currentTicket.status === 'serving')
      ? {
          ticket: currentTicket,
          service: services.get(currentTicket.serviceId),
          waitedMinutes: wholeMinutes(currentTicket.issuedAt, now),
          sinceCallMinutes: currentTicket.calledAt ? wholeMinutes(currentTicket.calledAt, now) : null,
        }
      : null;

  const row = (t: TicketView): WaitingRow => ({
    ticket: t,
    service: services.get(t.serviceId),
    waitedMinutes: wholeMinutes(t.issuedAt, now),
    targeted: t.targetWindowId === windowId,
  });
  const waiting = window
    ? inCallOrder(
        snapshot.tickets.filter((t) => t.status === 'waiting' && servedBy(t, window)),
        options.callOrder?.windowId === windowId ? options.callOrder : null,
      ).map(row)
    : [];
  const suspended = snapshot.tickets
    .filter((t) => t.status === 'suspended' && t.windowId === windowId)
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))
    .map(row);

  const history = historyFits(options.history, snapshot, windowId) ? options.history : null;
  const limit = options.reactivateWithinMinutes ?? DEFAULT_REACTIVATE_MINUTES;
  const noShows: NoShowRow[] = (history?.noShows ?? []).map((n) => {
    const left = Math.max(0, limit - (now - Date.parse(n.at)) / 60_000);
    return { ...n, minutesLeft: Math.ceil(left), expired: left <= 0 };
  });
  // The hall's count when it is for today and has seen at least what this screen has; else the screen's own.
  const fresh = options.serverDay;
  const serverDay =
    fresh && fresh.businessDay === snapshot.businessDay && fresh.seq >= (history?.lastSeq ?? 0) ? fresh : null;
  const base: WindowCounters = serverDay ?? history?.counters ?? emptyCounters();
  const counters = {
    called: base.called,
    done: base.done,
    noShow: base.noShow,
    transferred: base.transferred,
    suspended: base.suspended,
    serviceMinutes: base.serviceMinutes,
    fromServer: serverDay !== null,
    averageServiceMinutes: base.done > 0 ? Math.round((base.serviceMinutes / base.done) * 10) / 10 : null,
    waitingNow: waiting.length,
  };

  const state = window?.state ?? 'closed';
  const open = signedIn && state === 'open';
  const status = current?.ticket.status;
  const can = (ok: boolean) => !busy && ok;
  const enabled: Record<WindowAction, boolean> = {
    callNext: can(open && waiting.length > 0),
    callTicket: can(open && waiting.length > 0),
    recall: can(signedIn && status === 'called'),
    start: can(signedIn && status === 'called'),
    finish: can(signedIn && (status === 'called' || status === 'serving')),
    noShow: can(signedIn && status === 'called'),
    transfer: can(signedIn && (status === 'called' || status === 'serving')),
    suspend: can(signedIn && (status === 'called' || status === 'serving')),
    resume: can(signedIn && state !== 'closed' && !current && suspended.length > 0),
    reactivate: can(signedIn && noShows.some((n) => !n.expired)),
    pause: can(signedIn && state === 'open'),
    // Paused by the clerk, or closed from the console (the clerk stays signed in): the server opens either.
    open: can(signedIn && state !== 'open'),
    signOut: can(signedIn && !current),
  };
  let callNextHint: string | null = null;
  if (!signedIn) callNextHint = '尚未签到本窗口';
  else if (state === 'paused') callNextHint = `窗口暂停中（${window?.pauseReason ?? ''}），请先恢复服务`;
  else if (state !== 'open') callNextHint = '窗口未开放';
  else if (waiting.length === 0) callNextHint = '暂无等候群众';
  else if (busy) callNextHint = '正在处理上一个操作';

  return { window, signedIn, current, waiting, suspended, noShows, counters, enabled, callNextHint };
}

/** Where 转移 sends the current ticket: another service's queue or one window (exactly one of the two). */
export interface TransferTarget {
  toServiceId?: string;
  toWindowId?: string;
  keepIssueTime: boolean;
}

/** The default window for a clerk: clerk01 → w01 when that window exists. */
export function defaultWindowFor(username: string, windows: readonly WindowView[], staffId?: string): string | null {
  if (staffId) {
    const mine = windows.find((w) => w.clerkId === staffId);
    if (mine) return mine.id;
  }
  const m = /(\d+)$/.exec(username);
  if (m) {
    const n = Number(m[1]);
    const byId =
      windows.find((w) => w.id === `w${String(n).padStart(2, '0')}`) ?? windows.find((w) => w.number === String(n));
    if (byId) return byId.id;
  }
  return windows[0]?.id ?? null;
}

/** 12 → "12分钟"; 75 → "1小时15分". */
export function formatMinutes(min: number): string {
  if (min < 60) return `${min}分钟`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m === 0 ? `${h}小时` : `${h}小时${m}分`;
}
