/**
 * TicketPrinter: sends ESC/POS bytes over a ByteTransport and checks DLE EOT status before and after, so a print
 * either really went to a ready printer or rejects with a PrinterError (Chinese + English). Never silent.
 *
 * Where errors go: `print`, `queryStatus` and `open` reject; background status polling emits `status` (and
 * `error` when someone listens).
 *
 * node-thermal-printer (4.6.1) is not on this byte path: it never sends FS &, counts QR length in UTF-16 units,
 * folds by characters and switches code page on ¥ (reference §2.5). What we take from it is its interface contract:
 * `thermal-printer-interface.ts` exposes a ByteTransport as its custom `interface` object, so code that builds
 * with its API (e.g. `printImage` for a raster logo) prints through the same transports as ours.
 */
import { EventEmitter } from 'node:events';
import type { BindingInterface } from '@serialport/bindings-interface';
import {
  connectTcpTransport,
  openSerialTransport,
  type ByteTransport,
  type ByteTransportFactory,
} from '../transport/byte-transport.js';
import { DeviceError, isDeviceError, type DeviceErrorCode } from '../transport/device-error.js';
import { openFileTransport } from '../transport/file-transport.js';
import {
  decodePrinterStatus,
  isStatusByte,
  PRINTER_PROBLEMS,
  STATUS_KINDS,
  STATUS_REQUESTS,
  type PrinterProblemCode,
  type PrinterStatus,
  type StatusKind,
} from './status.js';

/** Where a printer is: `serial:/dev/ttyUSB0`, `tcp:192.168.1.50:9100` (port optional, default 9100), `file:/dev/usb/lp0`. */
export type PrinterTarget =
  { kind: 'serial'; path: string } | { kind: 'tcp'; host: string; port: number } | { kind: 'file'; path: string };

export function parsePrinterTarget(to: string): PrinterTarget {
  const m = /^(serial|tcp|file):(.+)$/.exec(to.trim());
  if (!m) {
    throw new DeviceError(
      'PORT_OPEN_FAILED',
      `打印机地址「${to}」格式不对，应为 serial:/dev/ttyUSB0、tcp:192.168.1.50:9100 或 file:/路径`,
      `printer target "${to}" must be serial:PATH, tcp:HOST[:PORT] or file:PATH`,
    );
  }
  const [, kind, rest] = m as unknown as [string, 'serial' | 'tcp' | 'file', string];
  if (kind !== 'tcp') return { kind, path: rest };
  const hp = /^(.*?)(?::(\d+))?$/.exec(rest)!;
  const host = hp[1]!.replace(/^\[(.*)\]$/, '$1');
  const port = hp[2] ? Number(hp[2]) : 9100;
  if (!host || port < 1 || port > 65535) {
    throw new DeviceError('PORT_OPEN_FAILED', `打印机地址「${to}」无效`, `printer target "${to}" is not valid`);
  }
  return { kind, host, port };
}

/** Options for {@link printerTransportFactory}. */
export interface PrinterTransportOptions {
  /** Serial baud rate, default 9600 (the factory setting of most Chinese receipt printers). */
  baudRate?: number;
  /** serialport binding, default the real one. */
  binding?: BindingInterface;
  /** TCP connect timeout, default 3000 ms. */
  connectTimeoutMs?: number;
}

/** A ByteTransport factory for a target, and whether that link can carry DLE EOT replies. */
export function printerTransportFactory(
  target: PrinterTarget,
  options: PrinterTransportOptions = {},
): { factory: ByteTransportFactory; hasStatus: boolean } {
  switch (target.kind) {
    case 'serial':
      return {
        factory: () =>
          openSerialTransport({
            path: target.path,
            baudRate: options.baudRate ?? 9600,
            ...(options.binding ? { binding: options.binding } : {}),
          }),
        hasStatus: true,
      };
    case 'tcp':
      return {
        factory: () =>
          connectTcpTransport({
            host: target.host,
            port: target.port,
            ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
          }),
        hasStatus: true,
      };
    case 'file':
      return { factory: () => openFileTransport(target.path), hasStatus: false };
  }
}

/** A print or status check that failed; `status` is what the printer said (or null when it could not be asked). */
export class PrinterError extends DeviceError {
  constructor(
    code: DeviceErrorCode,
    messageZh: string,
    messageEn: string,
    readonly status: PrinterStatus | null,
    /** 'before' = nothing was sent; 'after' = the bytes went out but the printer then reported a problem. */
    readonly stage: 'before' | 'after' | 'write',
    options?: { cause?: unknown },
  ) {
    super(code, messageZh, messageEn, options);
  }
}

const PROBLEM_ERROR_CODE: Record<PrinterProblemCode, DeviceErrorCode> = {
  'paper-out': 'PRINTER_PAPER_OUT',
  'paper-end-stop': 'PRINTER_PAPER_OUT',
  'cover-open': 'PRINTER_COVER_OPEN',
  'cutter-error': 'PRINTER_CUTTER_ERROR',
  'mechanical-error': 'PRINTER_ERROR',
  'unrecoverable-error': 'PRINTER_ERROR',
  'auto-recoverable-error': 'PRINTER_ERROR',
  error: 'PRINTER_ERROR',
  offline: 'PRINTER_OFFLINE',
  'no-reply': 'PRINTER_NO_REPLY',
  'paper-near-end': 'PRINTER_ERROR',
};

function statusError(status: PrinterStatus, stage: 'before' | 'after'): PrinterError {
  const blocking = status.problems.filter((p) => PRINTER_PROBLEMS[p].blocking);
  const first = blocking[0] ?? 'error';
  const zhWhat = blocking.map((p) => PRINTER_PROBLEMS[p].zh).join('；');
  const enWhat = blocking.map((p) => PRINTER_PROBLEMS[p].en).join('; ');
  const zh = stage === 'before' ? `无法打印：${zhWhat}` : `打印失败：${zhWhat}，请处理后重新打印`;
  const en = stage === 'before' ? `cannot print: ${enWhat}` : `print failed: ${enWhat}; fix it and print again`;
  return new PrinterError(PROBLEM_ERROR_CODE[first], zh, en, status, stage);
}

/** Typed event map of {@link TicketPrinter}. */
export interface TicketPrinterEventMap {
  /** Emitted when the status changes (background polling or around a print). */
  status: [status: PrinterStatus];
  error: [error: DeviceError];
}

/** Options for {@link TicketPrinter}. */
export interface TicketPrinterOptions {
  /** Opens the link; called again after it closed. */
  transport: ByteTransportFactory;
  /** Whether the link carries DLE EOT replies, default true. False for file/USB-lp targets: print resolves once written. */
  hasStatus?: boolean;
  /** Background status poll interval in ms, default 0 (off; call `startStatusPolling()` or pass a value). */
  statusIntervalMs?: number;
  /** How long to wait for each DLE EOT reply byte, default 1000 ms. */
  statusTimeoutMs?: number;
  /**
   * How long an OK status, with nothing sent since, stands for the check before a print; default 0 (every print asks
   * first). A caller that knows a print is coming (a kiosk, when a card is read) calls `queryStatus()` then, so the
   * print does not wait for four DLE EOT round trips.
   */
  statusFreshMs?: number;
}

/** What a successful print returns. */
export interface PrintResult {
  bytesWritten: number;
  /** Status after printing, or null when the link has no status channel (file target). */
  status: PrinterStatus | null;
}

export class TicketPrinter extends EventEmitter<TicketPrinterEventMap> {
  private readonly factory: ByteTransportFactory;
  private readonly hasStatus: boolean;
  private readonly statusTimeoutMs: number;
  private readonly statusIntervalMs: number;
  private readonly statusFreshMs: number;
  private transport: ByteTransport | null = null;
  private offs: (() => void)[] = [];
  private inbox: number[] = [];
  private waiter: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private lastStatusKey = '';
  private lastStatus: PrinterStatus | null = null;
  /** When the last OK status was read on this link (performance.now()); -Infinity when none stands. */
  private okAt = -Infinity;

  constructor(options: TicketPrinterOptions) {
    super();
    this.factory = options.transport;
    this.hasStatus = options.hasStatus ?? true;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.statusIntervalMs = options.statusIntervalMs ?? 0;
    this.statusFreshMs = options.statusFreshMs ?? 0;
  }

  /** A printer for a `serial:` / `tcp:` / `file:` target string. */
  static forTarget(
    to: string,
    options: PrinterTransportOptions & Omit<TicketPrinterOptions, 'transport' | 'hasStatus'> = {},
  ): TicketPrinter {
    const { factory, hasStatus } = printerTransportFactory(parsePrinterTarget(to), options);
    return new TicketPrinter({ ...options, transport: factory, hasStatus });
  }

  /** The last status read, or null. */
  get status(): PrinterStatus | null {
    return this.lastStatus;
  }

  /** Opens the link now (otherwise the first print or status query opens it). */
  async open(): Promise<void> {
    await this.ensureOpen();
    if (this.statusIntervalMs > 0) this.startStatusPolling(this.statusIntervalMs);
  }

  async close(): Promise<void> {
    this.stopStatusPolling();
    await this.queue.catch(() => undefined);
    const t = this.transport;
    this.detach();
    await t?.close();
  }

  startStatusPolling(intervalMs = this.statusIntervalMs || 5000): void {
    this.stopStatusPolling();
    const tick = (): void => {
      this.pollTimer = setTimeout(() => {
        this.queryStatus()
          .catch((e: unknown) => {
            if (this.listenerCount('error') > 0) this.emit('error', toDeviceError(e));
          })
          .finally(() => {
            if (this.pollTimer) tick();
          });
      }, intervalMs);
    };
    tick();
  }

  stopStatusPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  /** Asks DLE EOT 1..4 and decodes the replies. Resolves with `problems: ['no-reply']` when the printer is silent. */
  queryStatus(): Promise<PrinterStatus> {
    return this.serialise(() => this.readStatus());
  }

  /**
   * Sends the bytes. Resolves only when they were written AND the status afterwards is OK; rejects with a
   * PrinterError otherwise. With a status channel, the status is also checked before sending (or was, within
   * `statusFreshMs`), so a ticket is not left waiting inside a printer whose cover is open.
   */
  print(bytes: Uint8Array): Promise<PrintResult> {
    return this.serialise(async () => {
      if (this.hasStatus && performance.now() - this.okAt >= this.statusFreshMs) {
        const before = await this.readStatus();
        if (!before.ok) throw statusError(before, 'before');
      }
      const t = await this.ensureOpen();
      this.okAt = -Infinity; // a status read before these bytes says nothing about after them
      try {
        await t.write(bytes);
      } catch (e) {
        const err = toDeviceError(e);
        throw new PrinterError(
          err.code,
          `打印失败：${err.messageZh}`,
          `print failed: ${err.messageEn}`,
          null,
          'write',
          { cause: e },
        );
      }
      if (!this.hasStatus) return { bytesWritten: bytes.length, status: null };
      const after = await this.readStatus();
      if (!after.ok) throw statusError(after, 'after');
      return { bytesWritten: bytes.length, status: after };
    });
  }

  // ---- internals ------------------------------------------------------------------------------------------

  private serialise<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ensureOpen(): Promise<ByteTransport> {
    if (this.transport?.isOpen()) return this.transport;
    this.detach();
    const t = await this.factory();
    this.transport = t;
    this.inbox = [];
    this.offs = [
      t.onData((chunk) => {
        for (const b of chunk) this.inbox.push(b);
        this.waiter?.();
      }),
      t.onClose(() => {
        if (this.transport === t) this.detach();
        this.waiter?.();
      }),
    ];
    return t;
  }

  private detach(): void {
    this.offs.splice(0).forEach((off) => off());
    this.transport = null;
    this.okAt = -Infinity;
  }

  private async readStatus(): Promise<PrinterStatus> {
    if (!this.hasStatus) {
      throw new PrinterError(
        'PRINTER_NO_REPLY',
        '此连接方式（文件/USB 设备文件）无法读取打印机状态',
        'this link (file / USB device file) cannot read printer status',
        null,
        'before',
      );
    }
    let t: ByteTransport;
    try {
      t = await this.ensureOpen();
    } catch (e) {
      const err = toDeviceError(e);
      throw new PrinterError(
        err.code,
        `无法连接打印机：${err.messageZh}`,
        `cannot reach the printer: ${err.messageEn}`,
        null,
        'before',
        {
          cause: e,
        },
      );
    }
    const raw: Partial<Record<StatusKind, number>> = {};
    this.inbox = []; // stale bytes belong to no request
    for (const kind of STATUS_KINDS) {
      await t.write(STATUS_REQUESTS[kind]);
      const b = await this.nextStatusByte(t);
      if (b === null) break; // silent: don't wait four timeouts
      raw[kind] = b;
    }
    const status = decodePrinterStatus(raw);
    this.okAt = status.ok ? performance.now() : -Infinity;
    this.publish(status);
    return status;
  }

  private nextStatusByte(t: ByteTransport): Promise<number | null> {
    return new Promise((resolve) => {
      const done = (v: number | null): void => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(v);
      };
      const check = (): void => {
        while (this.inbox.length) {
          const b = this.inbox.shift()!;
          if (isStatusByte(b)) {
            done(b);
            return;
          }
        }
        if (!t.isOpen()) done(null);
      };
      const timer = setTimeout(() => done(null), this.statusTimeoutMs);
      this.waiter = check;
      check();
    });
  }

  private publish(status: PrinterStatus): void {
    this.lastStatus = status;
    const key = JSON.stringify([status.problems, status.raw]);
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.emit('status', status);
  }
}

function toDeviceError(e: unknown): DeviceError {
  if (isDeviceError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new DeviceError('PRINTER_ERROR', `打印机出错：${msg}`, `printer error: ${msg}`, { cause: e });
}
