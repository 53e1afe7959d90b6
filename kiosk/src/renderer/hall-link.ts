/**
 * The kiosk's link to the hall server: socket.io on /kiosk with the paired device token.
 *
 * - Keeps the hall state with the protocol's SequenceTracker (one reducer for every client); a gap asks for a fresh
 *   snapshot.
 * - Reconnects forever; the controller shows the maintenance screen while the link is down.
 * - `issue()` sends `ticket:issue` with the caller's requestId and tells apart an answer (ok / refused) from a lost
 *   ack, which the caller retries with the same requestId; `checkIn()` does the same for `appointment:check-in`.
 * - Print results and abandoned issues go through a small outbox (kept in localStorage) that is flushed until the
 *   server acknowledges them, so a ticket that never printed is always voided, even across a reload.
 */
import { io, type Socket } from 'socket.io-client';
import {
  SequenceTracker,
  type Ack,
  type AppError,
  type CheckInResult,
  type HallServerEvents,
  type HallSnapshot,
  type IssuedTicket,
  type KioskClientEvents,
  type PrintResultPayload,
} from '@onedoor/protocol';
import type { PendingCheckIn, PendingIssue } from './visit-flow';

export type KioskSocket = Socket<HallServerEvents, KioskClientEvents>;
export type LinkStatus = 'connecting' | 'online' | 'offline';

export type IssueResult =
  | { kind: 'ok'; ticket: IssuedTicket }
  | { kind: 'refused'; error: Pick<AppError, 'code' | 'message' | 'messageEn'> }
  | { kind: 'lost' };

export type CheckInAnswer =
  | { kind: 'ok'; result: CheckInResult }
  | { kind: 'refused'; error: Pick<AppError, 'code' | 'message' | 'messageEn'> }
  | { kind: 'lost' };

export interface KioskLinkHandlers {
  onSnapshot(snapshot: HallSnapshot): void;
  /** The kiosk's settings from the console (`device:settings`), sent after connecting and on every change. */
  onSettings?(settings: Record<string, unknown>): void;
  onStatus(status: LinkStatus, detail?: string): void;
  /** The server refused the token: pair again. */
  onUnauthorized(error: { code: string; message: string }): void;
}

export interface KioskLinkOptions {
  origin: string;
  deviceToken: string;
  /** Ack timeout for commands, default 8000 ms. */
  ackTimeoutMs?: number;
  /** WebSocket only (Electron: a file:// page cannot use HTTP long-polling across origins). Default false. */
  websocketOnly?: boolean;
  /** Where the outbox survives a reload; default window.localStorage when available. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  newId: () => string;
}

type OutboxJob =
  | { kind: 'print-result'; payload: PrintResultPayload & { requestId: string } }
  | { kind: 'abandoned'; pending: PendingIssue }
  | { kind: 'abandoned-check-in'; pending: PendingCheckIn };

const OUTBOX_KEY = 'onedoor.kiosk.outbox';
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
/** Errors after which sending again can succeed; anything else is the server's final answer. */
const TRANSIENT = new Set(['UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);

export class KioskLink {
  readonly socket: KioskSocket;
  private readonly tracker: SequenceTracker;
  private readonly ackMs: number;
  private outbox: OutboxJob[];
  private flushing = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotPending = false;
  private closed = false;

  constructor(
    private readonly options: KioskLinkOptions,
    private readonly handlers: KioskLinkHandlers,
  ) {
    this.ackMs = options.ackTimeoutMs ?? 8000;
    this.outbox = this.loadOutbox();
    this.tracker = new SequenceTracker(() => this.requestSnapshot());
    this.socket = io(`${options.origin}/kiosk`, {
      auth: { deviceToken: options.deviceToken },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 8000,
      ...(options.websocketOnly ? { transports: ['websocket'] } : {}),
    });
    const s = this.socket;
    handlers.onStatus('connecting');
    s.on('connect', () => {
      handlers.onStatus('online');
      this.flushSoon(0);
    });
    s.on('hall:snapshot', (snapshot) => this.applySnapshot(snapshot));
    s.on('device:settings', (settings) => handlers.onSettings?.(settings));
    s.on('hall:event', (event) => {
      if (this.tracker.event(event).length > 0 && this.tracker.current) handlers.onSnapshot(this.tracker.current);
    });
    s.on('disconnect', (reason) => {
      handlers.onStatus('offline', reason);
      // The server hung up on purpose (restart, kick): socket.io will not retry by itself.
      if (reason === 'io server disconnect') this.retryLater(2000);
    });
    s.on('connect_error', (err: Error & { data?: unknown }) => {
      const data = err.data as Partial<AppError> | undefined;
      if (data?.code && AUTH_CODES.has(data.code)) {
        this.close();
        handlers.onUnauthorized({ code: data.code, message: data.message ?? err.message });
        return;
      }
      handlers.onStatus('offline', data?.message ?? err.message);
      if (!s.active) this.retryLater(3000);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get snapshot(): HallSnapshot | null {
    return this.tracker.current;
  }

  /** Sends `ticket:issue`; resolves with the answer, or `lost` when none came in time (retry with the same id). */
  issue(pending: PendingIssue): Promise<IssueResult> {
    return new Promise((resolve) => {
      if (!this.socket.connected) return resolve({ kind: 'lost' });
      this.socket
        .timeout(this.ackMs)
        .emit('ticket:issue', pending.payload, (err: Error | null, ack: Ack<IssuedTicket>) => {
          if (err || !ack) return resolve({ kind: 'lost' });
          if (ack.ok) return resolve({ kind: 'ok', ticket: ack.data });
          if (TRANSIENT.has(ack.error.code)) return resolve({ kind: 'lost' });
          resolve({ kind: 'refused', error: ack.error });
        });
    });
  }

  /** Sends `appointment:check-in`; like `issue()`, a lost ack is retried by the caller with the same requestId. */
  checkIn(pending: PendingCheckIn): Promise<CheckInAnswer> {
    return new Promise((resolve) => {
      if (!this.socket.connected) return resolve({ kind: 'lost' });
      this.socket
        .timeout(this.ackMs)
        .emit('appointment:check-in', pending.payload, (err: Error | null, ack: Ack<CheckInResult>) => {
          if (err || !ack) return resolve({ kind: 'lost' });
          if (ack.ok) return resolve({ kind: 'ok', result: ack.data });
          if (TRANSIENT.has(ack.error.code)) return resolve({ kind: 'lost' });
          resolve({ kind: 'refused', error: ack.error });
        });
    });
  }

  /** Queues `ticket:print-result`; it is sent (and re-sent) until the server acknowledges it. */
  reportPrint(payload: PrintResultPayload & { requestId: string }): void {
    this.enqueue({ kind: 'print-result', payload });
  }

  /** The visitor left while an issue was unanswered: find out whether it made a ticket and void it if so. */
  resolveAbandoned(pending: PendingIssue): void {
    this.enqueue({ kind: 'abandoned', pending });
  }

  /** The visitor left while a check-in was unanswered: find out whether it made a ticket and void it if so. */
  resolveAbandonedCheckIn(pending: PendingCheckIn): void {
    this.enqueue({ kind: 'abandoned-check-in', pending });
  }

  /** Jobs still waiting for the server (for tests and the status line). */
  get outboxSize(): number {
    return this.outbox.length;
  }

  close(): void {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private applySnapshot(snapshot: HallSnapshot): void {
    this.snapshotPending = false;
    this.tracker.snapshot(snapshot);
    if (this.tracker.current) this.handlers.onSnapshot(this.tracker.current);
  }

  private requestSnapshot(): void {
    if (this.snapshotPending || !this.socket.connected) return;
    this.snapshotPending = true;
    this.socket.timeout(this.ackMs).emit('hall:snapshot', {}, (err: Error | null, ack: Ack<HallSnapshot>) => {
      this.snapshotPending = false;
      if (!err && ack?.ok) this.applySnapshot(ack.data);
      else if (this.socket.connected) setTimeout(() => this.requestSnapshot(), 2000);
    });
  }

  private retryLater(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, ms);
  }

  private enqueue(job: OutboxJob): void {
    this.outbox.push(job);
    this.saveOutbox();
    this.flushSoon(0);
  }

  private flushSoon(ms: number): void {
    if (this.closed || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && this.socket.connected) {
        const job = this.outbox[0]!;
        const next = await this.run(job);
        if (next === 'retry') break;
        this.outbox.shift();
        if (next !== 'done') this.outbox.unshift(next);
        this.saveOutbox();
      }
    } finally {
      this.flushing = false;
    }
    if (this.outbox.length > 0 && this.socket.connected) this.flushSoon(2000);
  }

  /** Runs one job: 'done', 'retry' (try again later) or a follow-up job that replaces it. */
  private async run(job: OutboxJob): Promise<'done' | 'retry' | OutboxJob> {
    if (job.kind === 'abandoned' || job.kind === 'abandoned-check-in') {
      const ticketId = await this.abandonedTicket(job);
      if (ticketId === 'retry' || ticketId === null) return ticketId === null ? 'done' : 'retry';
      return {
        kind: 'print-result',
        payload: {
          requestId: this.options.newId(),
          ticketId,
          printed: false,
          reason: '访客已离开，号票未打印 / visitor left before printing',
        },
      };
    }
    const ack = await new Promise<Ack<unknown> | null>((resolve) => {
      this.socket
        .timeout(this.ackMs)
        .emit('ticket:print-result', job.payload, (err: Error | null, a: Ack<unknown>) => resolve(err ? null : a));
    });
    if (!ack || (!ack.ok && TRANSIENT.has(ack.error.code))) return 'retry';
    return 'done';
  }

  /** Re-sends an abandoned command (same requestId): the ticket it made, null if it made none, or 'retry'. */
  private async abandonedTicket(
    job: Extract<OutboxJob, { kind: 'abandoned' | 'abandoned-check-in' }>,
  ): Promise<string | null | 'retry'> {
    if (job.kind === 'abandoned') {
      const r = await this.issue(job.pending);
      return r.kind === 'lost' ? 'retry' : r.kind === 'refused' ? null : r.ticket.ticket.id;
    }
    const r = await this.checkIn(job.pending);
    return r.kind === 'lost' ? 'retry' : r.kind === 'refused' ? null : r.result.issued.ticket.id;
  }

  private storage(): Pick<Storage, 'getItem' | 'setItem'> | null {
    if (this.options.storage !== undefined) return this.options.storage;
    try {
      return typeof window !== 'undefined' ? window.localStorage : null;
    } catch {
      return null;
    }
  }

  private loadOutbox(): OutboxJob[] {
    try {
      const raw = this.storage()?.getItem(OUTBOX_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as OutboxJob[]) : [];
    } catch {
      return [];
    }
  }

  private saveOutbox(): void {
    try {
      this.storage()?.setItem(OUTBOX_KEY, JSON.stringify(this.outbox));
    } catch {
      // storage full or disabled: the outbox lives in memory until the page reloads
    }
  }
}
