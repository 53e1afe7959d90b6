/**
 * Receipt printer simulator: records what it receives, answers DLE EOT n with its current state, and can be
 * attached to any ByteTransport (memory pair, the device end of a pty) or serve TCP like a network printer on 9100.
 */
import { createServer, type Server } from 'node:net';
import { acceptedSocketTransport, type ByteTransport } from '../transport/byte-transport.js';
import { encodePrinterStatus, type StatusKind } from './status.js';

const KIND_BY_N: Record<number, StatusKind> = { 1: 'printer', 2: 'offline', 3: 'error', 4: 'paper' };

/** Simulated printer state. */
export interface PrinterSimState {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  /** Receives but never answers DLE EOT (a printer with status turned off, or a dead one). */
  silent: boolean;
}

const HEALTHY: PrinterSimState = {
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  cutterError: false,
  silent: false,
};

export class PrinterSim {
  private state: PrinterSimState = { ...HEALTHY };
  private readonly links = new Map<ByteTransport, { off: () => void; held: number[] }>();
  private data: number[] = [];
  private paperLeft: number | null = null;
  /** Number of DLE EOT requests answered (or ignored while silent). */
  statusRequests = 0;

  /** Listens on a link; several links may share one printer (e.g. successive TCP connections). */
  attach(link: ByteTransport): () => void {
    const entry = { off: () => undefined as void, held: [] as number[] };
    const offData = link.onData((chunk) => this.receive(link, entry.held, chunk));
    const offClose = link.onClose(() => this.detach(link));
    entry.off = () => {
      offData();
      offClose();
    };
    this.links.set(link, entry);
    return () => this.detach(link);
  }

  detach(link: ByteTransport): void {
    this.links.get(link)?.off();
    this.links.delete(link);
  }

  /** Bytes received, without the DLE EOT requests (what the printer would print from). */
  get received(): Uint8Array {
    return Uint8Array.from(this.data);
  }

  clearReceived(): void {
    this.data = [];
  }

  get currentState(): PrinterSimState {
    return { ...this.state };
  }

  paperOut(): void {
    this.state.paperOut = true;
  }

  /** Runs out of paper once `bytes` more data bytes have arrived (paper ending in the middle of a ticket). */
  runOutOfPaperAfter(bytes: number): void {
    this.paperLeft = this.data.length + bytes;
  }

  paperNearEnd(): void {
    this.state.paperNearEnd = true;
  }

  openCover(): void {
    this.state.coverOpen = true;
  }

  goOffline(): void {
    this.state.offline = true;
  }

  cutterError(): void {
    this.state.cutterError = true;
  }

  setSilent(silent: boolean): void {
    this.state.silent = silent;
  }

  /** Back to healthy: paper loaded, cover closed, online, no errors, answering. */
  restore(): void {
    this.state = { ...HEALTHY };
    this.paperLeft = null;
  }

  /**
   * Splits off DLE EOT n (`10 04 n`, n 1..4) wherever it appears, as a real printer does (it acts on the
   * pattern even inside data), holding a partial pattern across chunks.
   */
  private receive(link: ByteTransport, held: number[], chunk: Buffer): void {
    for (const b of chunk) {
      held.push(b);
      if (held[0] !== 0x10) {
        this.data.push(...held.splice(0));
        continue;
      }
      if (held.length === 1) continue;
      if (held[1] !== 0x04) {
        this.data.push(held.shift()!);
        // the byte after a lone 0x10 may itself start a request
        if (held[0] !== 0x10) this.data.push(...held.splice(0));
        continue;
      }
      if (held.length === 2) continue;
      const n = held[2]!;
      const kind = KIND_BY_N[n];
      if (kind) {
        held.splice(0);
        this.answer(link, kind);
      } else {
        this.data.push(...held.splice(0));
      }
    }
  }

  private answer(link: ByteTransport, kind: StatusKind): void {
    this.statusRequests++;
    if (this.paperLeft !== null && this.data.length >= this.paperLeft) this.state.paperOut = true;
    if (this.state.silent) return;
    const bytes = encodePrinterStatus(this.state);
    link.write(Uint8Array.of(bytes[kind])).catch(() => undefined);
  }
}

/** A simulated network printer. */
export interface PrinterSimServer {
  sim: PrinterSim;
  host: string;
  port: number;
  /** `tcp:host:port` for TicketPrinter.forTarget / the CLI. */
  target: string;
  close(): Promise<void>;
}

/** Serves a PrinterSim over TCP (port 0 = any free port; real printers use 9100). */
export async function startPrinterSimServer(
  options: { port?: number; host?: string; sim?: PrinterSim } = {},
): Promise<PrinterSimServer> {
  const sim = options.sim ?? new PrinterSim();
  const host = options.host ?? '127.0.0.1';
  const links = new Set<ByteTransport>();
  const server: Server = createServer((socket) => {
    const link = acceptedSocketTransport(socket);
    links.add(link);
    link.onClose(() => links.delete(link));
    sim.attach(link);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    sim,
    host,
    port,
    target: `tcp:${host}:${port}`,
    async close() {
      await Promise.all([...links].map((l) => l.close()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
