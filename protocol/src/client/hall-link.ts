/**
 * One client's link to the hall server, shared by the kiosk, the clerk app, the display board and the console. It
 * runs over a socket the app creates (`io(`${origin}/window`, …)`) and hands in; timers and wake-ups are injected,
 * so it is tested over a fake socket without real time.
 *
 * - Hall state: the protocol's SequenceTracker over the snapshot the server pushes on every (re)connect plus the
 *   numbered events after it; a gap asks for a fresh snapshot (one request at a time, retried while connected).
 *   A snapshot pushed on connect that is older than the state held means the server's history was replaced (a
 *   restored database): the link starts again from it instead of ignoring the hall for good.
 * - Reconnects forever: socket.io's own backoff, plus a retry after a server-side hang-up and after a refusal by a
 *   server middleware, after both of which socket.io stops by itself.
 * - An unknown or revoked token or session (connect_error UNAUTHENTICATED / FORBIDDEN) closes the link and hands
 *   control back (pair again, sign in again).
 * - Safety nets against a screen that silently stops updating: a snapshot request when none was pushed soon after
 *   connecting, every `resyncMs`, and on a wake-up (the browser's `online`, a tab shown again), which also cuts a
 *   reconnect backoff short when the link is down.
 * - `request()` sends one acked command and resolves with its ack, or null when none came in time; `command()` adds
 *   a requestId and, when the ack is lost, asks once more with the same id (the server answers a repeat with the
 *   first result instead of acting twice), then gives up with a Chinese message. Nothing is sent while offline.
 */
import type { Ack, AppError } from '../errors.js';
import type { HallEvent, HallSnapshot } from '../dto/queue.js';
import { SequenceTracker } from '../hall-state.js';
import { newRequestId, systemTimers, type LinkTimers, type WakeSource } from './link-env.js';
import {
  emitAck,
  noAnswerError,
  offlineError,
  type CommandOf,
  type DataOf,
  type EventsMap,
  type LinkSocket,
  type PayloadOf,
  type SnapshotRequestEvents,
} from './link-socket.js';

export type LinkStatus = 'connecting' | 'online' | 'offline';
/** Where a snapshot came from: pushed by the server on (re)connect, or asked for by the link. */
export type SnapshotSource = 'connect' | 'request';

export interface HallLinkHandlers {
  onStatus(status: LinkStatus, detail?: string): void;
  /** The server refused the device token or staff session: the link is closed. */
  onUnauthorized(error: AppError): void;
  /** The hall state changed. `base` is the state before `applied` (the new snapshot itself when one arrived). */
  onChange?(state: HallSnapshot, base: HallSnapshot, applied: HallEvent[]): void;
  /** Every snapshot the link takes, before the `onChange` it causes (the board decides missed calls from it). */
  onSnapshot?(snapshot: HallSnapshot, source: SnapshotSource): void;
  /** The device's settings from the console (`device:settings`), sent after connecting and on every change. */
  onSettings?(settings: Record<string, unknown>): void;
}

export interface HallLinkOptions<Ev extends EventsMap> {
  socket: LinkSocket<Ev>;
  /** How long a command waits for its ack, default 8000 ms. */
  ackTimeoutMs?: number;
  /** Background snapshot check while connected, in ms; 0 or absent = off. */
  resyncMs?: number;
  wake?: WakeSource;
  timers?: LinkTimers;
  newRequestId?: () => string;
}

/** socket.io stops retrying after the server hangs up on purpose (restart, kick) or a middleware refuses. */
const SERVER_HANGUP_RETRY_MS = 2000;
const REFUSED_RETRY_MS = 3000;
const SNAPSHOT_RETRY_MS = 2000;
/** The server pushes a snapshot right after connect; ask ourselves if it has not come by then. */
const SNAPSHOT_AFTER_CONNECT_MS = 4000;

function authError(err: Error): AppError | null {
  const data: unknown = 'data' in err ? err.data : undefined;
  if (typeof data !== 'object' || data === null || !('code' in data)) return null;
  const { code } = data;
  if (code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN') return null;
  const text = (v: unknown): string => (typeof v === 'string' ? v : err.message);
  return {
    code,
    message: text('message' in data ? data.message : undefined),
    messageEn: text('messageEn' in data ? data.messageEn : undefined),
  };
}

function refusalText(err: Error): string {
  const data: unknown = 'data' in err ? err.data : undefined;
  if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') {
    return data.message;
  }
  return err.message;
}

export class HallLink<Ev extends SnapshotRequestEvents & EventsMap> {
  readonly socket: LinkSocket<Ev>;
  private tracker: SequenceTracker;
  private readonly ackMs: number;
  private readonly timers: LinkTimers;
  private readonly nextRequestId: () => string;
  private requesting = false;
  private closed = false;
  /** While held the link stays down, as if the network were unplugged (a board's test hook). */
  private held = false;
  private cancelReconnect: (() => void) | null = null;
  private cancelSnapshotRetry: (() => void) | null = null;
  private cancelConnectCheck: (() => void) | null = null;
  private cancelResync: (() => void) | null = null;
  private readonly stopWake: () => void;

  constructor(
    options: HallLinkOptions<Ev>,
    private readonly handlers: HallLinkHandlers,
  ) {
    this.socket = options.socket;
    this.ackMs = options.ackTimeoutMs ?? 8000;
    this.timers = options.timers ?? systemTimers;
    this.nextRequestId = options.newRequestId ?? newRequestId;
    this.tracker = this.newTracker();
    const s = this.socket;
    handlers.onStatus('connecting');
    s.on('connect', () => {
      handlers.onStatus('online');
      this.cancelConnectCheck?.();
      this.cancelConnectCheck = this.timers.after(SNAPSHOT_AFTER_CONNECT_MS, () => this.requestSnapshot());
    });
    s.on('hall:snapshot', (snapshot) => {
      this.cancelConnectCheck?.();
      this.take(snapshot, 'connect');
    });
    s.on('hall:event', (event) => {
      const base = this.tracker.current;
      const applied = this.tracker.event(event);
      const state = this.tracker.current;
      if (applied.length > 0 && base && state) handlers.onChange?.(state, base, applied);
    });
    s.on('device:settings', (settings) => handlers.onSettings?.(settings));
    s.on('disconnect', (reason) => {
      handlers.onStatus('offline', reason);
      this.requesting = false;
      if (reason === 'io server disconnect') this.reconnectAfter(SERVER_HANGUP_RETRY_MS);
    });
    s.on('connect_error', (err) => {
      const refused = authError(err);
      if (refused) {
        this.close();
        handlers.onUnauthorized(refused);
        return;
      }
      handlers.onStatus('offline', refusalText(err));
      if (!s.active) this.reconnectAfter(REFUSED_RETRY_MS);
    });
    this.stopWake = options.wake?.(this.poke) ?? (() => undefined);
    this.setResync(options.resyncMs ?? 0);
  }

  get state(): HallSnapshot | null {
    return this.tracker.current;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends one command once; resolves with its ack, or null when there was no answer in time or no connection. */
  request<E extends keyof Ev & string>(event: E, payload: PayloadOf<Ev, E>): Promise<Ack<DataOf<Ev, E>> | null> {
    return new Promise((resolve) => emitAck<Ev, E>(this.socket, this.ackMs, event, payload, resolve));
  }

  /**
   * Sends one command with a requestId (a fresh one unless given) and resolves with its ack, never rejecting. A lost
   * ack is asked once more with the same requestId; a refusal, no connection or no answer come back as errors.
   */
  async command<E extends CommandOf<Ev>>(
    event: E,
    payload: PayloadOf<Ev, E>,
    requestId: string = this.nextRequestId(),
  ): Promise<Ack<DataOf<Ev, E>>> {
    if (!this.socket.connected) return { ok: false, error: offlineError() };
    const body = Object.assign({}, payload, { requestId });
    const first = await this.request(event, body);
    if (first) return first;
    const second = this.socket.connected ? await this.request(event, body) : null;
    return second ?? { ok: false, error: noAnswerError() };
  }

  requestSnapshot(): void {
    if (this.closed || this.requesting || !this.socket.connected) return;
    this.requesting = true;
    emitAck(this.socket, this.ackMs, 'hall:snapshot', {}, (ack) => {
      this.requesting = false;
      if (this.closed) return;
      if (ack?.ok) this.take(ack.data, 'request');
      else if (this.socket.connected) {
        this.cancelSnapshotRetry?.();
        this.cancelSnapshotRetry = this.timers.after(SNAPSHOT_RETRY_MS, () => this.requestSnapshot());
      }
    });
  }

  /** Background snapshot checks every `ms` while connected (0 = off); device settings may change it while running. */
  setResync(ms: number): void {
    this.cancelResync?.();
    this.cancelResync = null;
    if (ms > 0 && !this.closed) this.cancelResync = this.timers.every(ms, () => this.requestSnapshot());
  }

  /** Drops the connection and keeps it down until `release()`, as if the cable were pulled. */
  hold(): void {
    this.held = true;
    this.socket.disconnect();
  }

  release(): void {
    this.held = false;
    this.reconnect();
  }

  close(): void {
    this.closed = true;
    this.stopWake();
    for (const cancel of [this.cancelReconnect, this.cancelSnapshotRetry, this.cancelConnectCheck, this.cancelResync])
      cancel?.();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private newTracker(): SequenceTracker {
    return new SequenceTracker(() => this.requestSnapshot());
  }

  private take(snapshot: HallSnapshot, source: SnapshotSource): void {
    const held = this.tracker.current;
    if (held && snapshot.seq < held.seq) {
      if (source === 'request') return; // a late answer to an older request
      this.tracker = this.newTracker();
    }
    const before = this.tracker.current;
    const applied = this.tracker.snapshot(snapshot);
    this.handlers.onSnapshot?.(snapshot, source);
    const state = this.tracker.current;
    if (state && state !== before) this.handlers.onChange?.(state, snapshot, applied);
  }

  /** A wake-up: check the state when connected; otherwise retry now instead of waiting out socket.io's backoff. */
  private readonly poke = (): void => {
    if (this.closed || this.held) return;
    if (this.socket.connected) {
      this.requestSnapshot();
      return;
    }
    this.socket.disconnect(); // ends a pending backoff wait
    this.socket.connect();
  };

  private reconnect(): void {
    if (this.closed || this.held || this.socket.connected) return;
    this.socket.connect();
  }

  private reconnectAfter(ms: number): void {
    this.cancelReconnect?.();
    this.cancelReconnect = this.timers.after(ms, () => {
      this.cancelReconnect = null;
      this.reconnect();
    });
  }
}
