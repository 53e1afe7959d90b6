/**
 * The kiosk's link to the hall server: socket.io on /kiosk with the paired device token, run by the shared hall
 * link (`@onedoor/protocol/client`: reconnects forever, snapshot + sequence resync, the hand-back to pairing when
 * the token is refused). What is the kiosk's own:
 *
 * - `issue()` sends `ticket:issue` with the caller's requestId and tells apart an answer (ok / refused) from a lost
 *   ack, which the caller retries with the same requestId; `checkIn()` does the same for `appointment:check-in`.
 * - Print results and abandoned issues go through the print outbox (kept in localStorage), flushed until the server
 *   acknowledges them, so a ticket that never printed is always voided, even across a reload.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  KioskBundle,
  Ack,
  AppError,
  CheckInResult,
  HallServerEvents,
  GreenUnlock,
  HallSnapshot,
  IssuedTicket,
  KioskClientEvents,
  PrintResultPayload,
} from '@onedoor/protocol';
import { HallLink, type LinkStatus } from '@onedoor/protocol/client';
import { PrintOutbox, type JobOutcome, type OutboxJob, type OutboxStorage } from './print-outbox';
import type { PendingCheckIn, PendingIssue, PendingUnlock } from './visit-flow';

export type { LinkStatus } from '@onedoor/protocol/client';
export type KioskSocket = Socket<HallServerEvents, KioskClientEvents>;

type Refusal = Pick<AppError, 'code' | 'message' | 'messageEn' | 'details'>;
export type IssueResult = { kind: 'ok'; ticket: IssuedTicket } | { kind: 'refused'; error: Refusal } | { kind: 'lost' };
export type CheckInAnswer =
  { kind: 'ok'; result: CheckInResult } | { kind: 'refused'; error: Refusal } | { kind: 'lost' };
export type UnlockAnswer = { kind: 'ok'; unlock: GreenUnlock } | { kind: 'refused'; error: Refusal } | { kind: 'lost' };

export interface KioskLinkHandlers {
  onSnapshot(snapshot: HallSnapshot): void;
  /** The server's clock (epoch ms) as a fresh snapshot states it: a kiosk's own clock may be hours off. */
  onServerTime?(serverNow: number): void;
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
  storage?: OutboxStorage | null;
  newId: () => string;
}

/** Errors after which sending again can succeed; anything else is the server's final answer. */
const TRANSIENT = new Set(['UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);

/** An ack as the visit flow needs it: the data, the server's refusal, or lost (retry with the same requestId). */
function answer<T>(
  ack: Ack<T> | null,
): { kind: 'ok'; data: T } | { kind: 'refused'; error: Refusal } | { kind: 'lost' } {
  if (!ack || (!ack.ok && TRANSIENT.has(ack.error.code))) return { kind: 'lost' };
  return ack.ok ? { kind: 'ok', data: ack.data } : { kind: 'refused', error: ack.error };
}

export class KioskLink {
  readonly socket: KioskSocket;
  private readonly link: HallLink<KioskClientEvents>;
  private readonly outbox: PrintOutbox;

  constructor(
    private readonly options: KioskLinkOptions,
    handlers: KioskLinkHandlers,
  ) {
    this.outbox = new PrintOutbox({
      run: (job) => this.run(job),
      connected: () => this.socket.connected,
      ...(options.storage !== undefined ? { storage: options.storage } : {}),
    });
    this.socket = io(`${options.origin}/kiosk`, {
      auth: { deviceToken: options.deviceToken },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 8000,
      ...(options.websocketOnly ? { transports: ['websocket'] } : {}),
    });
    this.link = new HallLink<KioskClientEvents>(
      { socket: this.socket, ackTimeoutMs: options.ackTimeoutMs ?? 8000 },
      {
        onChange: (state) => handlers.onSnapshot(state),
        onSnapshot: (snapshot) => {
          const at = Date.parse(snapshot.serverTime);
          if (Number.isFinite(at)) handlers.onServerTime?.(at);
        },
        onSettings: (settings) => handlers.onSettings?.(settings),
        onStatus: (status, detail) => {
          handlers.onStatus(status, detail);
          if (status === 'online') this.outbox.flushSoon(0);
        },
        onUnauthorized: (error) => {
          this.outbox.stop();
          handlers.onUnauthorized(error);
        },
      },
    );
  }

  get connected(): boolean {
    return this.link.connected;
  }

  get snapshot(): HallSnapshot | null {
    return this.link.state;
  }

  /** Sends `ticket:issue`; resolves with the answer, or `lost` when none came in time (retry with the same id). */
  async issue(pending: PendingIssue): Promise<IssueResult> {
    const a = answer(await this.link.request('ticket:issue', pending.payload));
    return a.kind === 'ok' ? { kind: 'ok', ticket: a.data } : a;
  }

  /** Sends `appointment:check-in`; like `issue()`, a lost ack is retried by the caller with the same requestId. */
  async checkIn(pending: PendingCheckIn): Promise<CheckInAnswer> {
    const a = answer(await this.link.request('appointment:check-in', pending.payload));
    return a.kind === 'ok' ? { kind: 'ok', result: a.data } : a;
  }

  /**
   * Sends `staff:green-unlock` once. Every refusal is final for the staff member to read (a lock after wrong codes
   * too); only a missing answer is `lost`, and the flow asks for the card or code again rather than re-sending it.
   */
  async greenUnlock(pending: PendingUnlock): Promise<UnlockAnswer> {
    const ack = await this.link.request('staff:green-unlock', pending.payload);
    if (!ack) return { kind: 'lost' };
    return ack.ok ? { kind: 'ok', unlock: ack.data } : { kind: 'refused', error: ack.error };
  }

  /** The hall's 一件事 tiles (`catalog:bundles`); null when the server did not answer (older server, link down). */
  async bundles(): Promise<KioskBundle[] | null> {
    const a = answer(await this.link.request('catalog:bundles', {}));
    return a.kind === 'ok' ? a.data : null;
  }

  /** Queues `ticket:print-result`; it is sent (and re-sent) until the server acknowledges it. */
  reportPrint(payload: PrintResultPayload & { requestId: string }): void {
    this.outbox.add({ kind: 'print-result', payload });
  }

  /** The visitor left while an issue was unanswered: find out whether it made a ticket and void it if so. */
  resolveAbandoned(pending: PendingIssue): void {
    this.outbox.add({ kind: 'abandoned', pending });
  }

  /** The visitor left while a check-in was unanswered: find out whether it made a ticket and void it if so. */
  resolveAbandonedCheckIn(pending: PendingCheckIn): void {
    this.outbox.add({ kind: 'abandoned-check-in', pending });
  }

  /** Jobs still waiting for the server (for tests and the status line). */
  get outboxSize(): number {
    return this.outbox.size;
  }

  close(): void {
    this.outbox.stop();
    this.link.close();
  }

  /** Runs one outbox job. */
  private async run(job: OutboxJob): Promise<JobOutcome> {
    if (job.kind === 'print-result') {
      const a = answer(await this.link.request('ticket:print-result', job.payload));
      return a.kind === 'lost' ? 'retry' : 'done';
    }
    // Re-send the abandoned command (same requestId): the ticket it made, if any, is then voided.
    const a = job.kind === 'abandoned' ? await this.issue(job.pending) : await this.checkIn(job.pending);
    if (a.kind === 'lost') return 'retry';
    if (a.kind === 'refused') return 'done';
    return {
      kind: 'print-result',
      payload: {
        requestId: this.options.newId(),
        ticketId: 'ticket' in a ? a.ticket.ticket.id : a.result.issued.ticket.id,
        printed: false,
        reason: '访客已离开，号票未打印 / visitor left before printing',
      },
    };
  }
}
