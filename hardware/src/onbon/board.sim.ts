import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:net';
import type { BindingInterface } from '@serialport/bindings-interface';
import { acceptedSocketTransport, openSerialTransport, type ByteTransport } from '../transport/byte-transport.js';
import {
  Address,
  Command,
  OnbonFrameParser,
  ackData,
  commandOf,
  decodeDynamicArea,
  encodeFrame,
  nackData,
  type DecodedArea,
} from './protocol.js';

/** Events of {@link OnbonBoardSimulator}. */
export interface OnbonBoardSimulatorEventMap {
  /** A dynamic area was updated. */
  area: [DecodedArea];
  /** Any valid request arrived (data field). */
  request: [Uint8Array];
}

/** Options for {@link OnbonBoardSimulator}. */
export interface OnbonBoardSimulatorOptions {
  /** This screen's address, default 0x0001. Requests for other screens are ignored (shared RS-485). */
  address?: number;
  /** Start muted (see {@link OnbonBoardSimulator.mute}). Default false. */
  mute?: boolean;
}

/**
 * An Onbon BX-5K/6K controller: answers PING and A3 06 dynamic areas with ACK, unknown commands with NACK
 * ERR_NOCMD, bad CRCs with NACK ERR_CHECKSUM, and records what each dynamic area shows.
 */
export class OnbonBoardSimulator extends EventEmitter<OnbonBoardSimulatorEventMap> {
  private readonly parser = new OnbonFrameParser();
  private readonly areas = new Map<number, DecodedArea>();
  private readonly detach: (() => void)[];
  /** Every valid request data field, oldest first. */
  readonly requests: Uint8Array[] = [];
  /** Set to a CmdError to NACK the next request with it (fault injection). */
  failNext: number | null = null;
  /** Set to true to stay silent (no ACK), as a controller at the wrong baud rate would. */
  mute = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: OnbonBoardSimulatorOptions = {},
  ) {
    super();
    this.mute = options.mute ?? false;
    this.detach = [transport.onData((chunk) => this.onData(chunk))];
  }

  /** The text area `id` shows now, or undefined. */
  shown(id = 0): string | undefined {
    return this.areas.get(id)?.text;
  }

  /** The full decoded area `id`. */
  area(id = 0): DecodedArea | undefined {
    return this.areas.get(id);
  }

  /** Resolves when area `id` shows `text`; rejects after `timeoutMs` (default 3000). */
  waitForShown(text: string, id = 0, timeoutMs = 3000): Promise<void> {
    if (this.shown(id) === text) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = (a: DecodedArea): void => {
        if (a.id === id && a.text === text) {
          clearTimeout(timer);
          this.off('area', listener);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.off('area', listener);
        reject(new Error(`area ${id} did not show "${text}" within ${timeoutMs} ms (shows "${this.shown(id) ?? ''}")`));
      }, timeoutMs);
      this.on('area', listener);
    });
  }

  async close(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    await this.transport.close();
  }

  private onData(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'error') {
        // Only a CRC failure gets a NACK; other garbage is dropped like a controller drops noise.
        if (ev.reason === 'bad-crc')
          this.reply(Address.PC, this.options.address ?? Address.DEFAULT_SCREEN, nackData(5));
        continue;
      }
      const { header, data } = ev.packet;
      const mine = this.options.address ?? Address.DEFAULT_SCREEN;
      const forMe =
        header.dst === mine ||
        header.dst === Address.BROADCAST_NO_REPLY ||
        header.dst === Address.BROADCAST_WITH_REPLY ||
        (header.dst >= 0x8000 && header.dst <= 0xdfff);
      if (!forMe) continue;
      this.requests.push(data);
      this.emit('request', data);
      const wantsReply = data[2] === 0x01 && header.dst !== Address.BROADCAST_NO_REPLY;
      // Replies come from the address the request went to (0xFFFE stays 0xFFFE, as the protocol asks).
      const from = header.dst;
      if (this.failNext !== null) {
        const err = this.failNext;
        this.failNext = null;
        if (wantsReply) this.reply(header.src, from, nackData(err));
        continue;
      }
      const command = commandOf(data);
      let answer: Uint8Array;
      if (command === Command.PING) {
        answer = ackData();
      } else if (command === Command.DYNAMIC_AREA) {
        const decoded = decodeDynamicArea(data);
        if (!decoded) {
          answer = nackData(2);
        } else {
          if (decoded.deleteAreas === 'all') this.areas.clear();
          else decoded.deleteAreas.forEach((id) => this.areas.delete(id));
          for (const a of decoded.areas) {
            this.areas.set(a.id, a);
            this.emit('area', a);
          }
          answer = ackData();
        }
      } else {
        answer = nackData(2); // ERR_NOCMD
      }
      if (wantsReply) this.reply(header.src, from, answer);
    }
  }

  private reply(dst: number, src: number, data: Uint8Array): void {
    if (this.mute) return;
    this.transport.write(encodeFrame({ dst, src }, data)).catch(() => undefined);
  }
}

/** Options for {@link openOnbonSimulator}. */
export interface OpenOnbonSimulatorOptions extends OnbonBoardSimulatorOptions {
  /** Device end of the link, e.g. a pty's `devicePath`. */
  path: string;
  /** Default 9600. */
  baudRate?: number;
  binding?: BindingInterface;
}

/** Opens a serial port (usually a pty) and runs a board simulator on it. */
export async function openOnbonSimulator(options: OpenOnbonSimulatorOptions): Promise<OnbonBoardSimulator> {
  const { path, baudRate = 9600, binding, ...rest } = options;
  return new OnbonBoardSimulator(await openSerialTransport({ path, baudRate, ...(binding ? { binding } : {}) }), rest);
}

/** A simulated network controller. */
export interface OnbonTcpSimulator {
  /** The port it listens on. */
  port: number;
  /** One simulator per accepted connection, oldest first. */
  readonly boards: OnbonBoardSimulator[];
  /** The simulator of the newest connection (what a board that reconnects is talking to). */
  latest(): OnbonBoardSimulator | undefined;
  /** Drops every connection (as a controller reboot would). */
  dropConnections(): Promise<void>;
  close(): Promise<void>;
}

/** Listens on TCP (default 127.0.0.1 on a free port) like a BX-6K's port 5005. */
export async function listenOnbonTcpSimulator(
  options: OnbonBoardSimulatorOptions & { host?: string; port?: number } = {},
): Promise<OnbonTcpSimulator> {
  const boards: OnbonBoardSimulator[] = [];
  const server: Server = createServer((socket) => {
    boards.push(new OnbonBoardSimulator(acceptedSocketTransport(socket), options));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const dropConnections = async () => {
    await Promise.all(boards.map((b) => b.close()));
  };
  return {
    port,
    boards,
    latest: () => boards[boards.length - 1],
    dropConnections,
    close: async () => {
      await dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
