/**
 * The board's link to the hall server: socket.io on /display with the paired device token.
 *
 * - Reconnects forever (network loss, server restart, a server-side disconnect); after each connect the server
 *   pushes `hall:snapshot`, and the board model announces what was missed.
 * - `requestSnapshot()` (on a sequence gap) asks with `hall:snapshot {}` and an ack; one request at a time, retried
 *   while connected until answered.
 * - A background resync asks for a snapshot every few minutes as a safety net against a silently lost event.
 * - An unknown or revoked token (connect_error data.code UNAUTHENTICATED / FORBIDDEN) hands control back to pairing.
 */
import { io, type Socket } from 'socket.io-client';
import type { AppError, DisplayClientEvents, HallEvent, HallServerEvents, HallSnapshot } from '@onedoor/protocol';

export type DisplaySocket = Socket<HallServerEvents, DisplayClientEvents>;
export type LinkStatus = 'connecting' | 'online' | 'offline';

export interface HallLinkHandlers {
  onSnapshot(snapshot: HallSnapshot, source: 'connect' | 'request'): void;
  onEvent(event: HallEvent): void;
  /** The board's device settings from the console, sent after connecting (before the snapshot) and on each change. */
  onSettings?(settings: Record<string, unknown>): void;
  onStatus(status: LinkStatus, detail?: string): void;
  /** The server refused the token: pair again. */
  onUnauthorized(error: { code: string; message: string }): void;
}

export interface HallLinkOptions {
  origin: string;
  deviceToken: string;
  /** Seconds between background snapshot checks (0 = off). */
  resyncSec: number;
}

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

export class HallLink {
  readonly socket: DisplaySocket;
  private requesting = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncTimer: ReturnType<typeof setInterval> | null = null;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Test hook: while true the link stays down, as if the network were unplugged. */
  private held = false;

  constructor(
    private readonly options: HallLinkOptions,
    private readonly handlers: HallLinkHandlers,
  ) {
    this.socket = io(`${options.origin}/display`, {
      auth: { deviceToken: options.deviceToken },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    const s = this.socket;
    handlers.onStatus('connecting');

    s.on('connect', () => {
      handlers.onStatus('online');
      // The server pushes a snapshot right after connect; ask ourselves if it has not come within a few seconds.
      this.clearSnapshotTimer();
      this.snapshotTimer = setTimeout(() => this.requestSnapshot(), 4000);
    });
    s.on('hall:snapshot', (snapshot) => {
      this.clearSnapshotTimer();
      handlers.onSnapshot(snapshot, 'connect');
    });
    s.on('hall:event', (event) => handlers.onEvent(event));
    s.on('device:settings', (settings) => handlers.onSettings?.(settings));
    s.on('disconnect', (reason) => {
      console.info(`[display] disconnected: ${reason}`);
      handlers.onStatus('offline', reason);
      this.requesting = false;
      // The server hung up on purpose (restart, kick): socket.io will not retry by itself; we do.
      if (reason === 'io server disconnect') this.later(() => this.reconnect(), 2000);
    });
    s.on('connect_error', (err: Error & { data?: unknown }) => {
      const data = err.data as Partial<AppError> | undefined;
      if (data?.code && AUTH_CODES.has(data.code)) {
        this.close();
        handlers.onUnauthorized({ code: data.code, message: data.message ?? err.message });
        return;
      }
      console.info(`[display] connect failed: ${data?.message ?? err.message}`);
      handlers.onStatus('offline', data?.message ?? err.message);
      // A refusal from a server middleware stops socket.io's own retries (socket.active is false): keep trying.
      if (!s.active) this.later(() => this.reconnect(), 3000);
    });

    // The OS says the network is back: retry now instead of waiting out socket.io's backoff (up to 10 s).
    window.addEventListener('online', this.onBrowserOnline);

    this.setResync(options.resyncSec);
  }

  /** Seconds between background snapshot checks (0 = off); device settings may change it while running. */
  setResync(sec: number): void {
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.resyncTimer = null;
    if (sec > 0 && !this.closed) {
      this.resyncTimer = setInterval(() => {
        if (this.socket.connected) this.requestSnapshot();
      }, sec * 1000);
    }
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  requestSnapshot(): void {
    if (this.closed || this.requesting || !this.socket.connected) return;
    this.requesting = true;
    this.socket.timeout(8000).emit('hall:snapshot', {}, (err, ack) => {
      this.requesting = false;
      if (!err && ack?.ok) {
        this.handlers.onSnapshot(ack.data, 'request');
        return;
      }
      if (this.socket.connected) this.later(() => this.requestSnapshot(), 2000);
    });
  }

  /** Test hook: drop the connection and keep it down until `restoreNetwork()`. */
  dropNetwork(): void {
    this.held = true;
    this.socket.disconnect();
  }

  restoreNetwork(): void {
    this.held = false;
    this.reconnect();
  }

  private readonly onBrowserOnline = (): void => {
    if (this.closed || this.held || this.socket.connected) return;
    this.socket.disconnect(); // ends a pending backoff wait
    this.socket.connect();
  };

  close(): void {
    this.closed = true;
    window.removeEventListener('online', this.onBrowserOnline);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.clearSnapshotTimer();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private reconnect(): void {
    if (this.closed || this.held || this.socket.connected) return;
    this.socket.connect();
  }

  private later(fn: () => void, ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      fn();
    }, ms);
  }

  private clearSnapshotTimer(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
  }
}

/** POST /api/devices/pair {code} → the device token. Errors come back as { code, message } data. */
export async function pairDevice(
  origin: string,
  code: string,
): Promise<{ ok: true; deviceId: string; deviceToken: string } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, message: '无法连接大厅服务器，请检查网络 / Cannot reach the hall server' };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  // Accept the bare PairResponse or an { ok, data } envelope.
  const data = (body && typeof body.data === 'object' && body.data ? body.data : body) as Record<string, unknown> | null;
  if (res.ok && data && typeof data.deviceToken === 'string') {
    if (data.kind !== undefined && data.kind !== 'display') {
      return { ok: false, message: `该配对码属于「${String(data.kind)}」设备，不是显示屏 / This code is not for a display` };
    }
    return { ok: true, deviceId: String(data.deviceId ?? ''), deviceToken: data.deviceToken };
  }
  const error = (body?.error ?? body) as Partial<AppError> | null;
  const message = error?.message
    ? `${error.message}${error.messageEn ? ` / ${error.messageEn}` : ''}`
    : `配对失败（${res.status}） / Pairing failed`;
  return { ok: false, message };
}
