import { EventEmitter } from 'node:events';
import type { BindingInterface } from '@serialport/bindings-interface';
import {
  connectTcpTransport,
  openSerialTransport,
  type ByteTransport,
  type ByteTransportFactory,
} from '../transport/byte-transport.js';
import { DeviceError } from '../transport/device-error.js';
import {
  Address,
  Command,
  DeviceType,
  OnbonFrameParser,
  decodeReply,
  describeCmdError,
  encodeDynamicArea,
  encodeFrame,
  encodeRequest,
  type DynamicArea,
  type OnbonReply,
} from './protocol.js';

const NS = 'hw:onbon';

/** The controller answered with a NACK. */
export class OnbonNackError extends Error {
  override readonly name = 'OnbonNackError';
  readonly code = 'LED_BOARD_NACK';
  constructor(
    /** CmdError value from the reply. */
    readonly cmdError: number,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

/** Events of {@link OnbonBoard}. */
export interface OnbonBoardEventMap {
  /** Corrupt frames and other trouble that did not fail a request. */
  error: [Error];
  /** The link closed (cable, serial server or controller gone). The next request reopens it. */
  unplugged: [];
  /** The link opened again after `unplugged`. */
  replugged: [];
}

/** Options for {@link OnbonBoard}. Give `open`, `path` (serial) or `host` (TCP). */
export interface OnbonBoardOptions {
  /** Opens the link; called again after it is lost. Takes precedence over `path` and `host`. */
  open?: ByteTransportFactory;
  /** Serial port (RS-232/485), e.g. `/dev/ttyUSB1`. */
  path?: string;
  /** Serial baud rate, 9600 (default) or 57600. */
  baudRate?: number;
  /** serialport binding for `path`, defaults to the OS binding. */
  binding?: BindingInterface;
  /** Controller IP for TCP. */
  host?: string;
  /** Controller TCP port, default 5005. */
  port?: number;
  /** Screen address (DstAddr), default 0x0001 (factory setting); TCP controllers ignore it. */
  address?: number;
  /** Controller type byte, default 0xFE (any). */
  deviceType?: number;
  /** Screen width in pixels for the default area, default 128. */
  width?: number;
  /** Screen height in pixels for the default area, default 32. */
  height?: number;
  /** How long to wait for ACK/NACK, default 2000 ms (the protocol's own baud-detection timeout). */
  replyTimeoutMs?: number;
}

/**
 * Driver for one Onbon BX-5K/6K controller over serial or TCP. Shows text in dynamic areas (RAM only, so frequent
 * updates do not wear the flash) and waits for the controller's ACK.
 */
export class OnbonBoard extends EventEmitter<OnbonBoardEventMap> {
  private transport: ByteTransport | null = null;
  private readonly parser = new OnbonFrameParser();
  private readonly detach: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private pending: ((reply: OnbonReply) => void) | null = null;
  private wasLost = false;
  private closed = false;
  private readonly openTransport: ByteTransportFactory;
  readonly description: string;

  constructor(private readonly options: OnbonBoardOptions) {
    super();
    if (options.open) {
      this.openTransport = options.open;
      this.description = options.path ?? options.host ?? 'onbon';
    } else if (options.path) {
      const { path, binding } = options;
      const baudRate = options.baudRate ?? 9600;
      this.openTransport = () => openSerialTransport({ path, baudRate, ...(binding ? { binding } : {}) });
      this.description = path;
    } else if (options.host) {
      const { host } = options;
      const port = options.port ?? 5005;
      this.openTransport = () => connectTcpTransport({ host, port });
      this.description = `${host}:${port}`;
    } else {
      throw new TypeError('OnbonBoard needs `open`, `path` (serial) or `host` (TCP)');
    }
  }

  /** Opens the link now; rejects with a {@link DeviceError} if it cannot. Requests also open it on demand. */
  async connect(): Promise<void> {
    this.closed = false;
    await this.ensureOpen();
  }

  /** Whether the link is open now. */
  isConnected(): boolean {
    return this.transport?.isOpen() ?? false;
  }

  /**
   * Shows `text` in a dynamic area (default: area 0 covering the whole screen) and waits for the ACK.
   * Rejects with a DeviceError (no link, no reply) or an {@link OnbonNackError}.
   */
  async showText(text: string, area: Omit<DynamicArea, 'text'> = {}): Promise<void> {
    const full: DynamicArea = {
      width: this.options.width ?? 128,
      height: this.options.height ?? 32,
      ...area,
      text,
    };
    await this.expectAck(encodeDynamicArea({ areas: [full] }));
  }

  /** Deletes every dynamic area (the screen falls back to its programs). */
  async clear(): Promise<void> {
    await this.expectAck(encodeDynamicArea({ deleteAreas: 'all', areas: [] }));
  }

  /** Pings the controller (A2 00); resolves on ACK. Used as a heartbeat and to reopen a lost link. */
  async ping(): Promise<void> {
    await this.expectAck(encodeRequest(Command.PING));
  }

  /** Sends a request data field and resolves with the reply. One request at a time. */
  request(data: Uint8Array): Promise<OnbonReply> {
    const run = () => this.exchange(data);
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Closes the link. A later request opens it again. */
  async close(): Promise<void> {
    this.closed = true;
    const t = this.transport;
    this.unbind();
    this.transport = null;
    if (!t) return;
    // Bounded: closing a link whose far end vanished may never finish.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([t.close().catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
  }

  private async expectAck(data: Uint8Array): Promise<void> {
    const reply = await this.request(data);
    if (reply.command === Command.ACK && reply.error === 0) return;
    const { zh, en } = describeCmdError(reply.error);
    throw new OnbonNackError(
      reply.error,
      `LED 屏 ${this.description} 拒绝了命令：${zh}`,
      `LED board ${this.description} refused the command: ${en}`,
    );
  }

  private async exchange(data: Uint8Array): Promise<OnbonReply> {
    const t = await this.ensureOpen();
    const timeoutMs = this.options.replyTimeoutMs ?? 2000;
    const frame = encodeFrame(
      {
        dst: this.options.address ?? Address.DEFAULT_SCREEN,
        src: Address.PC,
        deviceType: this.options.deviceType ?? DeviceType.ANY,
      },
      data,
    );
    return new Promise<OnbonReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(
          new DeviceError(
            'TIMEOUT',
            `LED 屏 ${this.description} 在 ${timeoutMs} ms 内没有应答，请检查连线、屏地址和波特率（9600/57600）`,
            `LED board ${this.description} did not answer within ${timeoutMs} ms (check the cable, screen address and baud rate 9600/57600)`,
          ),
        );
      }, timeoutMs);
      this.pending = (reply) => {
        clearTimeout(timer);
        this.pending = null;
        resolve(reply);
      };
      t.write(frame).catch((err: unknown) => {
        clearTimeout(timer);
        this.pending = null;
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  private async ensureOpen(): Promise<ByteTransport> {
    if (this.transport?.isOpen()) return this.transport;
    this.closed = false;
    const t = await this.openTransport();
    this.transport = t;
    this.parser.reset();
    this.detach.push(
      t.onData((chunk) => this.onData(chunk)),
      t.onClose(() => this.onClosed(t)),
    );
    if (this.wasLost) {
      this.wasLost = false;
      this.emit('replugged');
    }
    return t;
  }

  private unbind(): void {
    for (const off of this.detach.splice(0)) off();
  }

  private onClosed(t: ByteTransport): void {
    if (t !== this.transport) return;
    this.unbind();
    this.transport = null;
    if (this.closed) return;
    this.wasLost = true;
    this.emit('unplugged');
  }

  private onData(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'error') {
        if (this.listenerCount('error') > 0) this.emit('error', new Error(`${NS}: dropped a bad frame (${ev.reason})`));
        continue;
      }
      const reply = decodeReply(ev.packet.data);
      if (reply && this.pending) this.pending(reply);
    }
  }
}
