/**
 * IdCardReader: the driver for a SAM serial ID-card reader. Polls find → select → read over an injected
 * ByteTransport factory (or a serial path + binding), emits one `card` event per card placed, and reopens the
 * link after the device disappears.
 *
 * Where errors go: `start()` and the one-shot methods (`readCard`, `command`, `getSamId`) reject with a
 * DeviceError. The polling loop never throws; it emits `error` (and `status`).
 */
import { EventEmitter } from 'node:events';
import type { BindingInterface } from '@serialport/bindings-interface';
import { openSerialTransport, type ByteTransport, type ByteTransportFactory } from '../transport/byte-transport.js';
import { DeviceError, isDeviceError } from '../transport/device-error.js';
import { decodeCardRecord, type IdCardRecord, type PhotoDecoder } from './card-text.js';
import { SamFrameParser } from './frame-parser.js';
import {
  decodeBaseInfo,
  decodeResponse,
  decodeSamId,
  describeSw3,
  REQUEST_FRAMES,
  SW3,
  type SamResponse,
} from './protocol.js';

/** Reader state, emitted on every change. */
export interface IdCardReaderStatus {
  /** The link (serial port, socket) is open. */
  connected: boolean;
  /** The reader answered its last command. */
  answering: boolean;
  /** A card has been read and is still on the reader. */
  cardPresent: boolean;
  /** The last error, also when nobody listens to `error`. */
  lastError: DeviceError | null;
}

/** Typed event map of {@link IdCardReader}. */
export interface IdCardReaderEventMap {
  /** One event per card placed; no repeats while it stays on the reader. */
  card: [record: IdCardRecord];
  /**
   * A card not yet read answered find: its `card` event follows once it is read (the answer alone takes ≈ 0.11 s at
   * 115,200 baud), unless it is lifted or unreadable.
   */
  found: [];
  error: [error: DeviceError];
  /** The link closed unexpectedly (cable pulled, USB adapter gone). */
  unplugged: [];
  /** The link was reopened after `unplugged`. */
  replugged: [];
  status: [status: IdCardReaderStatus];
}

/** Options for {@link IdCardReader}. Give either `transport` or `path`. */
export interface IdCardReaderOptions {
  /** Opens the link; called again to reconnect. Takes precedence over `path`. */
  transport?: ByteTransportFactory;
  /** Serial device path, e.g. `/dev/ttyUSB0`. */
  path?: string;
  /** Baud rate for `path`, default 115200 (the SAM module's default). */
  baudRate?: number;
  /** serialport binding for `path`, default the real OS binding. */
  binding?: BindingInterface;
  /** Time between find-card polls, default 500 ms. */
  pollIntervalMs?: number;
  /** How long to wait for each reply, default 1000 ms. */
  commandTimeoutMs?: number;
  /** Time between attempts to reopen a vanished device, default 1000 ms. */
  reopenIntervalMs?: number;
  /**
   * Consecutive "no card" find replies before a read card counts as removed, default 2. Guards against one
   * missed RF poll turning into a second `card` event for the same card.
   */
  removalMisses?: number;
  /** Sends the SAM status command (11 FF) on start and after a replug and requires SW3 0x90, default true. */
  checkStatusOnOpen?: boolean;
  /** Decodes the WLT photo; default none (the raw 1024 bytes are still delivered). */
  photoDecoder?: PhotoDecoder;
}

interface Pending {
  resolve: (r: SamResponse) => void;
  reject: (e: DeviceError) => void;
}

export function readerTimeoutError(ms: number): DeviceError {
  return new DeviceError(
    'TIMEOUT',
    `读卡器无响应（${ms} ms 内没有应答），请检查连线和波特率（默认 115200）`,
    `reader did not answer within ${ms} ms (check the cable and the baud rate, default 115200)`,
  );
}

export class IdCardReader extends EventEmitter<IdCardReaderEventMap> {
  private readonly opts: Required<Omit<IdCardReaderOptions, 'path' | 'binding' | 'photoDecoder' | 'transport'>> & {
    photoDecoder?: PhotoDecoder;
  };
  private readonly factory: ByteTransportFactory;
  private transport: ByteTransport | null = null;
  private unsubscribe: (() => void)[] = [];
  private readonly parser = new SamFrameParser();
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private reopenTimer: NodeJS.Timeout | null = null;
  private misses = 0;
  private state: IdCardReaderStatus = { connected: false, answering: false, cardPresent: false, lastError: null };

  constructor(options: IdCardReaderOptions) {
    super();
    const { transport, path, binding } = options;
    const baudRate = options.baudRate ?? 115200;
    if (transport) this.factory = transport;
    else if (path) this.factory = () => openSerialTransport({ path, baudRate, ...(binding ? { binding } : {}) });
    else throw new TypeError('IdCardReader needs a `transport` factory or a serial `path`');
    this.opts = {
      baudRate,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      commandTimeoutMs: options.commandTimeoutMs ?? 1000,
      reopenIntervalMs: options.reopenIntervalMs ?? 1000,
      removalMisses: options.removalMisses ?? 2,
      checkStatusOnOpen: options.checkStatusOnOpen ?? true,
      ...(options.photoDecoder ? { photoDecoder: options.photoDecoder } : {}),
    };
  }

  get status(): IdCardReaderStatus {
    return { ...this.state };
  }

  /**
   * Opens the link, checks the SAM, starts polling. Rejects when the port cannot be opened or the reader is silent,
   * and keeps trying until `stop()`: a kiosk is often switched on before its reader's USB adapter shows up.
   * `replugged` says when the reader came.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.connect();
    } catch (err) {
      if (this.running) this.scheduleReopen();
      throw err;
    }
    if (await this.closedByStop()) return;
    this.schedulePoll(0);
  }

  /** Opens the link without polling, for one-shot use (`readCard`). */
  async open(): Promise<void> {
    if (!this.transport) await this.connect();
  }

  /** Stops polling and reconnecting and closes the link. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.pollTimer = this.reopenTimer = null;
    const t = this.transport;
    this.detach();
    this.failPending(new DeviceError('PORT_CLOSED', '读卡器已停止', 'the reader was stopped'));
    await t?.close();
    this.setState({ connected: false, answering: false, cardPresent: false });
  }

  /** Sends one request frame and resolves with the decoded reply. */
  command(frame: Uint8Array, timeoutMs = this.opts.commandTimeoutMs): Promise<SamResponse> {
    return this.serialise(() => this.exchange(frame, timeoutMs));
  }

  /** Reads the SAM ID (12 FF). */
  async getSamId(): Promise<string> {
    const r = await this.command(REQUEST_FRAMES.samId);
    this.expectOk(r);
    return decodeSamId(r);
  }

  /**
   * One find → select → read cycle. Resolves null when no card is on the reader; rejects with a DeviceError
   * when the reader is silent, answers with an error, or the card data is invalid.
   */
  readCard(): Promise<IdCardRecord | null> {
    return this.serialise(async () => {
      const find = await this.exchange(REQUEST_FRAMES.findCard);
      if (find.sw3 !== SW3.FIND_OK) return null;
      return this.selectAndRead();
    });
  }

  private async selectAndRead(): Promise<IdCardRecord | null> {
    const select = await this.exchange(REQUEST_FRAMES.selectCard);
    if (select.sw3 !== SW3.OK) return null; // card lifted between find and select
    const read = await this.exchange(REQUEST_FRAMES.readBase);
    this.expectOk(read);
    let info;
    try {
      info = decodeBaseInfo(read);
    } catch (e) {
      throw new DeviceError(
        'READER_ERROR',
        '读卡器返回的证件数据不完整，请重新放卡',
        `incomplete card data from the reader: ${(e as Error).message}`,
      );
    }
    return decodeCardRecord(
      info.text,
      info.photoWlt,
      this.opts.photoDecoder ? { photoDecoder: this.opts.photoDecoder } : {},
    );
  }

  private expectOk(r: SamResponse): void {
    if (r.sw3 !== SW3.OK) {
      const t = describeSw3(r.sw3);
      throw new DeviceError('READER_ERROR', t.zh, t.en);
    }
  }

  // ---- link -------------------------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    const t = await this.factory();
    this.attach(t);
    if (this.opts.checkStatusOnOpen) {
      try {
        await this.command(REQUEST_FRAMES.status);
      } catch (e) {
        this.detach();
        await t.close();
        this.setState({ connected: false });
        throw e;
      }
    }
  }

  private attach(t: ByteTransport): void {
    this.transport = t;
    this.parser.reset();
    this.unsubscribe = [t.onData((chunk) => this.onData(chunk)), t.onClose(() => this.onClosed(t))];
    this.setState({ connected: true });
  }

  private detach(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
    this.transport = null;
  }

  private onClosed(t: ByteTransport): void {
    if (this.transport !== t) return;
    this.detach();
    this.failPending(new DeviceError('PORT_CLOSED', '读卡器连接已断开', 'the reader link closed'));
    this.setState({ connected: false, answering: false, cardPresent: false });
    this.emit('unplugged');
    if (this.running) this.scheduleReopen();
  }

  /** A link opened while `stop()` ran is closed again; true when that happened. */
  private async closedByStop(): Promise<boolean> {
    if (this.running) return false;
    const t = this.transport;
    this.detach();
    await t?.close();
    return true;
  }

  private scheduleReopen(): void {
    // The link can close during a failing open, and both then ask for a reopen: one timer is enough.
    if (this.reopenTimer) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      void this.reopen();
    }, this.opts.reopenIntervalMs);
  }

  private async reopen(): Promise<void> {
    if (!this.running) return;
    try {
      await this.connect();
    } catch {
      // Still gone: try again later. The unplugged event already told the listeners.
      if (this.running) this.scheduleReopen();
      return;
    }
    if (await this.closedByStop()) return;
    this.emit('replugged');
    this.schedulePoll(0);
  }

  // ---- request / reply ----------------------------------------------------------------------------------------

  private serialise<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private exchange(frame: Uint8Array, timeoutMs = this.opts.commandTimeoutMs): Promise<SamResponse> {
    const t = this.transport;
    if (!t || !t.isOpen()) {
      return Promise.reject(new DeviceError('PORT_CLOSED', '读卡器未连接', 'the reader is not connected'));
    }
    return new Promise<SamResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        this.parser.reset();
        reject(readerTimeoutError(timeoutMs));
      }, timeoutMs);
      this.pending = {
        resolve: (r) => {
          clearTimeout(timer);
          this.pending = null;
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          this.pending = null;
          reject(e);
        },
      };
      t.write(frame).catch((e: unknown) => this.failPending(toDeviceError(e)));
    }).then(
      (r) => {
        if (!this.state.answering) this.setState({ answering: true, lastError: null });
        return r;
      },
      (e: unknown) => {
        if (isDeviceError(e) && e.code === 'TIMEOUT') this.setState({ answering: false });
        throw e;
      },
    );
  }

  private failPending(e: DeviceError): void {
    this.pending?.reject(e);
  }

  private onData(chunk: Buffer): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'corrupt') {
        const err = new DeviceError(
          'READER_ERROR',
          '读卡器数据校验错误，正在重试',
          `reader sent a frame with a bad checksum (expected 0x${ev.expected.toString(16)}, got 0x${ev.actual.toString(16)})`,
        );
        if (this.pending) this.pending.reject(err);
        else this.report(err);
        continue;
      }
      // A reply nobody waits for is a late answer to a timed-out command: drop it.
      this.pending?.resolve(decodeResponse(ev.frame));
    }
  }

  // ---- polling ------------------------------------------------------------------------------------------------

  private schedulePoll(delay: number): void {
    if (!this.running || this.pollTimer || this.reopenTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.serialise(() => this.pollOnce()).finally(() => {
        if (this.transport) this.schedulePoll(this.opts.pollIntervalMs);
      });
    }, delay);
  }

  private async pollOnce(): Promise<void> {
    if (!this.transport) return;
    const wasAnswering = this.state.answering;
    try {
      const find = await this.exchange(REQUEST_FRAMES.findCard);
      if (find.sw3 !== SW3.FIND_OK) {
        this.misses++;
        if (this.state.cardPresent && this.misses >= this.opts.removalMisses) this.setState({ cardPresent: false });
        return;
      }
      this.misses = 0;
      if (this.state.cardPresent) return; // the same card is still there
      this.emit('found');
      const record = await this.selectAndRead();
      if (!record) return;
      this.setState({ cardPresent: true });
      this.emit('card', record);
    } catch (e) {
      const err = toDeviceError(e);
      if (err.code === 'PORT_CLOSED') return; // reported as `unplugged`
      if (err.code === 'BAD_CARD_DATA') this.setState({ cardPresent: true }); // one error per placement, not per poll
      // A silent reader is reported once, when it stops answering, not on every poll.
      if (err.code === 'TIMEOUT' && !wasAnswering && this.state.lastError?.code === 'TIMEOUT') return;
      this.report(err);
    }
  }

  private report(err: DeviceError): void {
    this.setState({ lastError: err });
    // Node throws on an 'error' nobody listens to; a reader must not take the kiosk down, so then status carries it.
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  private setState(patch: Partial<IdCardReaderStatus>): void {
    const next = { ...this.state, ...patch };
    const changed = (Object.keys(patch) as (keyof IdCardReaderStatus)[]).some((k) => this.state[k] !== next[k]);
    this.state = next;
    if (changed) this.emit('status', { ...next });
  }
}

function toDeviceError(e: unknown): DeviceError {
  if (isDeviceError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new DeviceError('READER_ERROR', `读卡器出错：${msg}`, `reader error: ${msg}`, { cause: e });
}
