import { EventEmitter } from 'node:events';
import iconv from 'iconv-lite';
import type { BindingInterface } from '@serialport/bindings-interface';
import type { PadKey } from '@onedoor/protocol';
import { openSerialTransport, type ByteTransport } from '../transport/byte-transport.js';
import {
  Cmd,
  DEFAULT_RATING_MAP,
  Rs485FrameParser,
  decodeHostCommand,
  encodeFrame,
  padKeyData,
  ratingValue,
  type HostCommand,
  type RatingLevel,
} from './protocol.js';

/** What one simulated device shows now. */
export type SimDisplay =
  | { kind: 'number'; value: string }
  | { kind: 'waiting'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'star-level'; value: string };

/** The simulator's record of one address. */
export interface SimDeviceRecord {
  address: number;
  /** Current display content, or undefined if nothing was shown yet. */
  display: SimDisplay | undefined;
  /** How many beep commands arrived. */
  beeps: number;
  /** True after a start-evaluation command, false again after {@link Rs485BusSimulator.rate}. */
  evaluating: boolean;
  /** Every host command received, decoded, oldest first (replies to our own frames are not included). */
  commands: HostCommand[];
  /** The same commands as the raw frames that carried them. */
  frames: Uint8Array[];
}

/** Events of {@link Rs485BusSimulator}. */
export interface Rs485BusSimulatorEventMap {
  /** A host command arrived for `address`. */
  command: [{ address: number; command: HostCommand; record: SimDeviceRecord }];
  /** The host answered one of our frames. */
  reply: [{ address: number; bytes: Uint8Array }];
}

/** Options for {@link Rs485BusSimulator}. */
export interface Rs485BusSimulatorOptions {
  /** Encoding of text frames (CMD 04), defaults to `gb2312`. */
  textEncoding?: string;
  /** Evaluator value table per address (defaults to the 4-key table, {@link DEFAULT_RATING_MAP}). */
  ratingMaps?: Readonly<Record<number, Readonly<Record<number, RatingLevel>>>>;
  /** How long {@link Rs485BusSimulator.pressKey} and `rate` wait for the host's reply, defaults to 1000 ms. */
  replyTimeoutMs?: number;
}

/**
 * The device side of an RS-485 line: any number of call pads, evaluators and window strips, one per address.
 * Sends key and rating frames as the devices do, checks the host's replies, and records what each address was
 * told to show, decoded, so a test can say "the strip at address 3 shows A012".
 */
export class Rs485BusSimulator extends EventEmitter<Rs485BusSimulatorEventMap> {
  private readonly parser = new Rs485FrameParser({ origin: 'host' });
  private readonly records = new Map<number, SimDeviceRecord>();
  private readonly awaitingReply = new Map<string, () => void>();
  private readonly detach: (() => void)[];

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: Rs485BusSimulatorOptions = {},
  ) {
    super();
    this.detach = [transport.onData((chunk) => this.onData(chunk))];
  }

  /** Presses a key on the pad at `address`; resolves true once the host echoed the frame, false on timeout. */
  pressKey(address: number, key: PadKey): Promise<boolean> {
    const data = padKeyData(key);
    if (data === null) return Promise.reject(new RangeError(`the wired pad has no "${key}" key`));
    return this.send(encodeFrame({ address, cmd: Cmd.KEY, data }), encodeFrame({ address, cmd: Cmd.KEY, data }));
  }

  /** Gives a rating (1–5) on the evaluator at `address`; resolves true once the host answered (CMD 01). */
  rate(address: number, level: RatingLevel): Promise<boolean> {
    const value = ratingValue(level, this.options.ratingMaps?.[address] ?? DEFAULT_RATING_MAP);
    if (value === null) return Promise.reject(new RangeError(`evaluator ${address} has no key for level ${level}`));
    this.record(address).evaluating = false;
    return this.rateValue(address, value);
  }

  /** Sends a raw evaluator value (for values outside the rating table). */
  rateValue(address: number, value: number): Promise<boolean> {
    return this.send(
      encodeFrame({ address, cmd: Cmd.RATING, data: [value] }),
      encodeFrame({ address, cmd: Cmd.KEY, data: [value] }),
    );
  }

  /** Writes raw bytes onto the line (garbage, split frames). */
  sendRaw(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }

  /** The record of `address` (created empty if the host never addressed it). */
  device(address: number): SimDeviceRecord {
    return this.record(address);
  }

  /** What the display at `address` shows now, as text (`'A012'`, `'012'`, `'007'`), or undefined. */
  shown(address: number): string | undefined {
    return this.records.get(address)?.display?.value;
  }

  /** Resolves when the display at `address` shows `value` (now or later); rejects after `timeoutMs` (default 3000). */
  waitForShown(address: number, value: string, timeoutMs = 3000): Promise<void> {
    if (this.shown(address) === value) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `address ${address} did not show "${value}" within ${timeoutMs} ms (shows "${this.shown(address) ?? ''}")`,
          ),
        );
      }, timeoutMs);
      const listener = (ev: { address: number }): void => {
        if (ev.address === address && this.shown(address) === value) {
          clearTimeout(timer);
          stop();
          resolve();
        }
      };
      const stop = (): void => {
        this.off('command', listener);
      };
      this.on('command', listener);
    });
  }

  /** Detaches from the transport and closes it. */
  async close(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    await this.transport.close();
  }

  private record(address: number): SimDeviceRecord {
    let r = this.records.get(address);
    if (!r) {
      r = { address, display: undefined, beeps: 0, evaluating: false, commands: [], frames: [] };
      this.records.set(address, r);
    }
    return r;
  }

  private send(frame: Uint8Array, expectedReply: Uint8Array): Promise<boolean> {
    const key = hexOf(expectedReply);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.awaitingReply.delete(key);
        resolve(false);
      }, this.options.replyTimeoutMs ?? 1000);
      this.awaitingReply.set(key, () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.transport.write(frame).catch((err: unknown) => {
        clearTimeout(timer);
        this.awaitingReply.delete(key);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  private onData(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type !== 'frame') continue;
      const address = ev.frame.address;
      // A reply to our own frame looks like a command (the echo of 01 0B is "start evaluation"), so match it first.
      const waiter = this.awaitingReply.get(hexOf(ev.raw));
      if (waiter) {
        this.awaitingReply.delete(hexOf(ev.raw));
        waiter();
        this.emit('reply', { address, bytes: ev.raw });
        continue;
      }
      const command = decodeHostCommand(ev.frame);
      const record = this.record(address);
      record.commands.push(command);
      record.frames.push(ev.raw);
      this.apply(record, command);
      this.emit('command', { address, command, record });
    }
  }

  private apply(record: SimDeviceRecord, command: HostCommand): void {
    switch (command.type) {
      case 'number':
        record.display = { kind: 'number', value: command.digits };
        break;
      case 'waiting':
        record.display = { kind: 'waiting', value: String(command.count).padStart(3, '0') };
        break;
      case 'text':
        record.display = {
          kind: 'text',
          value: iconv.decode(Buffer.from(command.bytes), this.options.textEncoding ?? 'gb2312'),
        };
        break;
      case 'star-level':
        record.display = { kind: 'star-level', value: String(command.level) };
        break;
      case 'beep':
        record.beeps++;
        break;
      case 'start-evaluation':
        record.evaluating = true;
        break;
      case 'unknown':
        break;
    }
  }
}

/** Options for {@link openBusSimulator}. */
export interface OpenBusSimulatorOptions extends Rs485BusSimulatorOptions {
  /** The device end of the line, e.g. the `devicePath` of a socat pty pair. */
  path: string;
  /** Defaults to 9600. */
  baudRate?: number;
  /** serialport binding, defaults to the OS binding. */
  binding?: BindingInterface;
}

/** Opens a serial port (usually a pty) and runs a bus simulator on it. */
export async function openBusSimulator(options: OpenBusSimulatorOptions): Promise<Rs485BusSimulator> {
  const { path, baudRate = 9600, binding, ...rest } = options;
  const transport = await openSerialTransport({ path, baudRate, ...(binding ? { binding } : {}) });
  return new Rs485BusSimulator(transport, rest);
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
