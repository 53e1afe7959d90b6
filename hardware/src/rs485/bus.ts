import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { BindingInterface } from '@serialport/bindings-interface';
import type { PadKey } from '@onedoor/protocol';
import { openSerialTransport, type ByteTransport, type ByteTransportFactory } from '../transport/byte-transport.js';
import { DeviceError } from '../transport/device-error.js';
import {
  Cmd,
  DEFAULT_RATING_MAP,
  Rs485FrameParser,
  beepFrame,
  decodePadKey,
  hostReplyTo,
  ratingLevel,
  showNumberFrame,
  showTextFrame,
  showWaitingFrame,
  starLevelFrame,
  startEvaluationFrame,
  type RatingLevel,
  type Rs485Frame,
} from './protocol.js';

const NS = 'hw:rs485';

/** A key pressed on a call pad. */
export interface PadKeyPayload {
  address: number;
  key: PadKey;
  /** The frame's data bytes, for diagnostics. */
  data: Uint8Array;
}

/** A rating given on an evaluator. */
export interface EvaluatorRatingPayload {
  address: number;
  level: RatingLevel;
  /** The raw value the evaluator sent. */
  value: number;
}

/** Events of {@link Rs485Bus}. */
export interface Rs485BusEventMap {
  /** A pad key, after the host reply was sent. */
  key: [PadKeyPayload];
  /** An evaluator rating, after the host reply was sent. */
  rating: [EvaluatorRatingPayload];
  /** Every valid device frame (including unused keys), for diagnostics. */
  frame: [Rs485Frame];
  /** A corrupt frame, an unknown rating value, a failed reopen. Never thrown: the bus keeps running. */
  error: [Error];
  /** The port went away (USB adapter pulled, pty closed). The bus keeps trying to reopen it. */
  unplugged: [];
  /** The port is back after `unplugged` (or after a failed first open in {@link Rs485Bus.start}). */
  replugged: [];
}

/** Options for {@link Rs485Bus}. Give either `open` or `path`. */
export interface Rs485BusOptions {
  /** Opens the line; called again to reconnect. Takes precedence over `path`. */
  open?: ByteTransportFactory;
  /** Serial device path, e.g. `/dev/ttyUSB0` or `COM3`. */
  path?: string;
  /** Baud rate, defaults to 9600 (the pads' fixed rate, 8N1). */
  baudRate?: number;
  /** serialport binding for `path`; defaults to the OS binding. Tests pass `MockBinding`. */
  binding?: BindingInterface;
  /** Delay between reopen attempts after the port disappears, defaults to 1000 ms. */
  reconnectIntervalMs?: number;
  /** Evaluator value → level, per address; addresses not listed use {@link DEFAULT_RATING_MAP}. */
  ratingMaps?: Readonly<Record<number, Readonly<Record<number, RatingLevel>>>>;
  /**
   * An identical frame from the same address within this window is a retransmission (our reply was lost): it is
   * answered again but not reported twice, so one press never calls two tickets. Defaults to 300 ms; 0 disables.
   */
  repeatWindowMs?: number;
  /** Encoding for {@link Rs485Bus.showText}, defaults to `gb2312`. */
  textEncoding?: string;
  /** Clock for the repeat window, defaults to `Date.now`. */
  now?: () => number;
  /** Longest a write (including drain) may take before the port is treated as gone, default 2000 ms. */
  writeTimeoutMs?: number;
  /**
   * How often to check that `path` still exists, in ms. A pty whose other end closed never reports it on read
   * (only the next write fails), and a pulled USB adapter takes its /dev node with it, so watching the path is
   * what turns "unplugged" into an event. Defaults to 1000 when `path` is given with the OS binding; 0 disables.
   */
  presenceCheckMs?: number;
}

/**
 * One driver for one RS-485 line shared by many call pads, evaluators and window strips, each at its own address.
 * Answers every device frame as the reference host does, reports keys and ratings, sends display commands, and
 * reopens the port when it comes back after being unplugged.
 */
export class Rs485Bus extends EventEmitter<Rs485BusEventMap> {
  private transport: ByteTransport | null = null;
  private readonly parser = new Rs485FrameParser({ origin: 'device' });
  private readonly detach: (() => void)[] = [];
  private stopped = true;
  private lost = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  private writeChain: Promise<void> = Promise.resolve();
  private readonly lastFrame = new Map<number, { hex: string; at: number }>();
  private readonly openTransport: ByteTransportFactory;
  private readonly reconnectIntervalMs: number;
  private readonly repeatWindowMs: number;
  private readonly now: () => number;
  readonly description: string;

  constructor(private readonly options: Rs485BusOptions) {
    super();
    if (options.open) {
      this.openTransport = options.open;
    } else if (options.path) {
      const { path, binding } = options;
      const baudRate = options.baudRate ?? 9600;
      this.openTransport = () => openSerialTransport({ path, baudRate, ...(binding ? { binding } : {}) });
    } else {
      throw new TypeError('Rs485Bus needs `open` or `path` (the serial port of the RS-485 line, e.g. /dev/ttyUSB0)');
    }
    this.description = options.path ?? 'rs485';
    this.reconnectIntervalMs = options.reconnectIntervalMs ?? 1000;
    this.repeatWindowMs = options.repeatWindowMs ?? 300;
    this.now = options.now ?? Date.now;
    const presenceDefault = options.path && !options.binding && !options.open ? 1000 : 0;
    this.presenceCheckMs = options.presenceCheckMs ?? presenceDefault;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 2000;
  }

  private readonly writeTimeoutMs: number;

  private readonly presenceCheckMs: number;

  /**
   * Opens the port; rejects with a {@link DeviceError} if it cannot (for diagnostics tools that should stop).
   * After that, a lost port is reopened automatically until {@link close}.
   */
  async open(): Promise<void> {
    this.stopped = false;
    try {
      await this.connect();
    } catch (err) {
      this.stopped = true;
      throw err;
    }
  }

  /**
   * Like {@link open} but never rejects: if the port is missing it emits `error` and `unplugged` and keeps trying,
   * emitting `replugged` once it opens. Resolves whether the port is open now. For long-running gateways.
   */
  async start(): Promise<boolean> {
    this.stopped = false;
    try {
      await this.connect();
      return true;
    } catch (err) {
      this.report(err);
      this.markLost();
      return false;
    }
  }

  /** Stops reconnecting and closes the port. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPresenceCheck();
    const t = this.transport;
    this.unbind();
    this.transport = null;
    // Bounded, so stopping a gateway never hangs on a dead port.
    await withTimeout(
      this.writeChain.catch(() => undefined),
      this.writeTimeoutMs,
    );
    if (t)
      await withTimeout(
        t.close().catch(() => undefined),
        this.writeTimeoutMs,
      );
  }

  /** Whether the port is open now. */
  isConnected(): boolean {
    return this.transport?.isOpen() ?? false;
  }

  /** Shows a ticket's last three digits on a pad or 3-digit strip (`A012` → `012`). */
  showNumber(address: number, number: string): Promise<void> {
    return this.write(showNumberFrame(address, number));
  }

  /** Shows the waiting count (0–999) on a pad. */
  showWaiting(address: number, count: number): Promise<void> {
    return this.write(showWaitingFrame(address, count));
  }

  /** Makes a pad beep. */
  beep(address: number): Promise<void> {
    return this.write(beepFrame(address));
  }

  /** Asks an evaluator to start an evaluation. */
  startEvaluation(address: number): Promise<void> {
    return this.write(startEvaluationFrame(address));
  }

  /** Sets the star level an evaluator shows (the reference sends 5). */
  setStarLevel(address: number, level: RatingLevel): Promise<void> {
    return this.write(starLevelFrame(address, level));
  }

  /** Shows text on a window strip that takes text frames (CMD 04, OneDoor extension); at most 253 encoded bytes. */
  showText(address: number, text: string): Promise<void> {
    const bytes = iconv.encode(text, this.options.textEncoding ?? 'gb2312');
    if (bytes.length > 253) {
      return Promise.reject(
        new RangeError(
          `text is ${bytes.length} bytes after encoding; a strip frame holds at most 253 / 文字过长，最多 253 字节`,
        ),
      );
    }
    return this.write(showTextFrame(address, bytes));
  }

  /** Writes raw bytes, in order with every other write. Rejects with a DeviceError when the port is not open. */
  write(bytes: Uint8Array): Promise<void> {
    const run = async (): Promise<void> => {
      const t = this.transport;
      if (!t || !t.isOpen()) {
        throw new DeviceError(
          'PORT_CLOSED',
          `RS-485 串口 ${this.description} 未连接，请检查 USB 转 485 适配器`,
          `RS-485 port ${this.description} is not connected (check the USB–RS-485 adapter)`,
        );
      }
      const done = await withTimeout(
        t.write(bytes).then(() => true),
        this.writeTimeoutMs,
      );
      if (done !== true) {
        // A write that never drains means the far end is gone (a pty without its peer, a hung adapter).
        if (t === this.transport) {
          this.onClosed(t);
          t.close().catch(() => undefined);
        }
        throw new DeviceError(
          'TIMEOUT',
          `向 RS-485 串口 ${this.description} 写数据超过 ${this.writeTimeoutMs} ms 未完成，串口可能已断开`,
          `write to RS-485 port ${this.description} did not finish within ${this.writeTimeoutMs} ms; the port may be gone`,
        );
      }
    };
    const p = this.writeChain.then(run, run);
    this.writeChain = p.catch(() => undefined);
    return p;
  }

  private async connect(): Promise<void> {
    const t = await this.openTransport();
    if (this.stopped) {
      await t.close();
      return;
    }
    this.transport = t;
    this.parser.reset();
    this.detach.push(
      t.onData((chunk) => this.onData(chunk)),
      t.onClose(() => this.onClosed(t)),
    );
    this.startPresenceCheck(t);
    if (this.lost) {
      this.lost = false;
      this.emit('replugged');
    }
  }

  private startPresenceCheck(t: ByteTransport): void {
    const path = this.options.path;
    if (!path || this.presenceCheckMs <= 0) return;
    this.stopPresenceCheck();
    const timer = setInterval(() => {
      stat(path).catch(() => {
        // The node is gone. Report it now rather than on the close event: closing a tty whose other end vanished
        // can take long (or never finish) while a drain is stuck.
        if (t !== this.transport) return;
        this.onClosed(t);
        t.close().catch(() => undefined);
      });
    }, this.presenceCheckMs);
    timer.unref();
    this.presenceTimer = timer;
  }

  private stopPresenceCheck(): void {
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
  }

  private unbind(): void {
    for (const off of this.detach.splice(0)) off();
  }

  private onClosed(t: ByteTransport): void {
    if (t !== this.transport) return;
    this.unbind();
    this.stopPresenceCheck();
    this.transport = null;
    if (this.stopped) return;
    this.markLost();
  }

  private markLost(): void {
    if (!this.lost) {
      this.lost = true;
      this.emit('unplugged');
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.stopped) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, this.reconnectIntervalMs);
  }

  private onData(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'error') {
        this.report(new Error(`${NS}: dropped a bad frame (${ev.reason}): ${hex(ev.raw)}`));
        continue;
      }
      const frame = ev.frame;
      // Answer first, as the reference host does, so the device stops waiting.
      this.write(hostReplyTo(frame)).catch((err: unknown) => this.report(err));
      if (this.isRepeat(frame.address, ev.raw)) continue;
      this.emit('frame', frame);
      this.dispatch(frame);
    }
  }

  private isRepeat(address: number, raw: Uint8Array): boolean {
    if (this.repeatWindowMs <= 0) return false;
    const key = hex(raw);
    const at = this.now();
    const last = this.lastFrame.get(address);
    this.lastFrame.set(address, { hex: key, at });
    return last !== undefined && last.hex === key && at - last.at < this.repeatWindowMs;
  }

  /** `error` without a listener would throw out of a data callback; the bus must keep running, so it is dropped. */
  private report(err: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', asError(err));
  }

  private dispatch(frame: Rs485Frame): void {
    if (frame.cmd === Cmd.RATING) {
      const value = frame.data[0]!;
      const level = ratingLevel(value, this.options.ratingMaps?.[frame.address] ?? DEFAULT_RATING_MAP);
      if (level === null) {
        this.report(
          new Error(`${NS}: evaluator ${frame.address} sent unknown rating value ${value}; set its ratingMap`),
        );
        return;
      }
      this.emit('rating', { address: frame.address, level, value });
      return;
    }
    const key = decodePadKey(frame.data);
    if (key !== null) this.emit('key', { address: frame.address, key, data: frame.data });
  }
}

/** Resolves with `p`'s value, or with undefined after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
