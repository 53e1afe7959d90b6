import { PrinterError, renderWindowDocument, TicketPrinter } from '@onedoor/hardware/printer';
import { PrinterSim } from '@onedoor/hardware/simulators';
import { createMemoryTransportPair } from '@onedoor/hardware/transport';
import type { WindowDocument } from '@onedoor/protocol';

/** One document as the virtual printer received it: the ESC/POS bytes a real one would have printed. */
export interface PrintedJob {
  at: string;
  kind: WindowDocument['kind'];
  bytes: Uint8Array;
}

export interface VirtualWindowPrinters {
  /** Whether the window exists in the demo hall (every window has a printer). */
  has(windowId: string): boolean;
  /** Prints on the window's virtual receipt printer; a printer out of paper refuses, as a real one does. */
  print(windowId: string, doc: WindowDocument): Promise<{ printed: true } | { printed: false; reason: string }>;
  /** Takes the paper out (false) or loads a new roll (true). */
  setPaper(windowId: string, loaded: boolean): void;
  /** The documents printed at the window, oldest first (the last 20). */
  jobs(windowId: string): PrintedJob[];
  stop(): Promise<void>;
}

const KEPT_JOBS = 20;

/**
 * The demo windows' receipt printers without hardware: the real printer driver, with its status checks before and
 * after printing, talks to a printer simulator over an in-memory line. What the clerk screen prints in a browser
 * goes through the same templates and the same status rules as on an Electron window with a real printer.
 */
export function startVirtualWindowPrinters(options: {
  /** Every window of the hall has a printer, windows added later included. */
  windowExists: (windowId: string) => boolean;
  timeZone: string;
  now: () => number;
}): VirtualWindowPrinters {
  const printers = new Map<string, { sim: PrinterSim; printer: TicketPrinter; jobs: PrintedJob[] }>();
  const printerOf = (windowId: string) => {
    if (!options.windowExists(windowId)) throw new RangeError(`no virtual printer at window ${windowId}`);
    let entry = printers.get(windowId);
    if (!entry) {
      const [host, device] = createMemoryTransportPair();
      const sim = new PrinterSim();
      sim.attach(device);
      entry = { sim, printer: new TicketPrinter({ transport: () => Promise.resolve(host) }), jobs: [] };
      printers.set(windowId, entry);
    }
    return entry;
  };
  return {
    has: (windowId) => options.windowExists(windowId),
    async print(windowId, doc) {
      const entry = printerOf(windowId);
      const { bytes } = renderWindowDocument(doc, { timeZone: options.timeZone, paper: '80mm' });
      entry.sim.clearReceived();
      try {
        await entry.printer.print(bytes);
      } catch (err) {
        if (!(err instanceof PrinterError)) throw err;
        return { printed: false, reason: `${err.messageZh} / ${err.messageEn}` };
      }
      entry.jobs.push({ at: new Date(options.now()).toISOString(), kind: doc.kind, bytes: entry.sim.received });
      if (entry.jobs.length > KEPT_JOBS) entry.jobs.shift();
      return { printed: true };
    },
    setPaper(windowId, loaded) {
      const { sim } = printerOf(windowId);
      if (loaded) sim.restore();
      else sim.paperOut();
    },
    jobs: (windowId) => [...printerOf(windowId).jobs],
    async stop() {
      await Promise.all([...printers.values()].map((p) => p.printer.close()));
    },
  };
}
