import { appError, type AppError } from '@onedoor/protocol';

/**
 * Per-socket limits and per-device ownership, kept apart from the handler tables so the socket server only asks
 * "may this message run?". Everything here is in memory: a restart forgets it, which only ever loosens a limit.
 */

export const rateLimited = (): AppError =>
  appError('RATE_LIMITED', '请求过于频繁，请稍后再试', 'too many requests; slow down and try again');

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One snapshot shared by every socket until the hall changes (or `maxAgeMs` passes): a flood of `hall:snapshot`
 * requests costs one build, not one per request — 3,000 active tickets rebuilt 10,000 times a second ran the heap out.
 */
export class SnapshotCache<T> {
  private value: T | null = null;
  private builtAt = 0;

  constructor(
    private readonly build: () => T,
    private readonly maxAgeMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  get(): T {
    const t = this.now();
    if (this.value === null || t - this.builtAt > this.maxAgeMs) {
      this.value = this.build();
      this.builtAt = t;
    }
    return this.value;
  }

  /** Called on every committed change. */
  invalidate(): void {
    this.value = null;
  }
}

/**
 * Which tickets each kiosk issued, so a kiosk may report a print failure (and void) only for its own tickets —
 * one kiosk voided 38 of 40 active tickets, two of them being called at windows. Bounded per kiosk: a print
 * result comes seconds after the issue.
 */
export class KioskTickets {
  private readonly byDevice = new Map<string, string[]>();

  constructor(private readonly keepPerDevice = 500) {}

  remember(deviceId: string, ticketId: string): void {
    const list = this.byDevice.get(deviceId) ?? [];
    list.push(ticketId);
    if (list.length > this.keepPerDevice) list.splice(0, list.length - this.keepPerDevice);
    this.byDevice.set(deviceId, list);
  }

  owns(deviceId: string, ticketId: string): boolean {
    return this.byDevice.get(deviceId)?.includes(ticketId) ?? false;
  }
}

/**
 * How many packets went out to this client since its connection last drained: a client that stops reading never
 * drains, so the count only grows. Past `max` the client is handed to `overflow` once — checked as packets go out,
 * not only when the client sends: a board that only listens sends nothing.
 */
export function pendingPackets(
  socket: { conn: { on(event: 'packetCreate' | 'drain', listener: () => void): unknown } },
  max: number,
  overflow: () => void,
): () => number {
  let count = 0;
  let cut = false;
  socket.conn.on('packetCreate', () => {
    count += 1;
    if (count > max && !cut) {
      cut = true;
      overflow();
    }
  });
  socket.conn.on('drain', () => {
    count = 0;
  });
  return () => count;
}

/** Packets waiting in engine.io's buffer for a client that does not read: past this the socket is cut. */
export const MAX_PENDING_PACKETS = 1000;

export const notYourTicket = (): AppError =>
  appError('FORBIDDEN', '这张号票不是本机发出的，不能作废', 'this ticket was not issued by this kiosk');

/**
 * One token bucket per kiosk (not per socket: a kiosk may open several), for the tickets it issues — one kiosk once
 * issued 500 in 0.2 s and used up a service's daily cap. A queue of visitors never comes near the burst.
 */
export class DeviceBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {}

  take(deviceId: string): boolean {
    let bucket = this.buckets.get(deviceId);
    if (!bucket) {
      bucket = new TokenBucket(this.perMinute / 60, this.burst, this.now);
      this.buckets.set(deviceId, bucket);
    }
    return bucket.take();
  }
}

export const issuingTooFast = (): AppError =>
  appError(
    'RATE_LIMITED',
    '本机取号过于频繁，请稍候再取',
    'this kiosk is issuing tickets too fast; wait a moment and try again',
  );
