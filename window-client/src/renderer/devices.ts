/**
 * The window's devices: the Electron preload API (`window.windowApi`) when there is one, otherwise a browser fallback
 * with virtual devices. Its virtual receipt printer can run out of paper (a switch on the screen), so that the
 * intake's "printer out of paper at accept time" can be tried; what it prints goes to the demo hall's virtual printer
 * at this window when the hall has one (rendered there by the real templates and driver, its ESC/POS readable back),
 * and is shown on the screen either way. It reads no card by itself (the intake shows virtual cards) and starts no
 * evaluation, and says so in its answers.
 */
import type { WindowDocument as IntakeDocument } from '@onedoor/protocol';
import type {
  PrintOutcome,
  WindowDeviceApi,
  WindowDeviceName,
  WindowDeviceStatus,
  WindowDocument,
} from '../shared/window-api';

/** What the clerk is told when the virtual printer has no paper. */
export const VIRTUAL_PAPER_OUT = '打印机缺纸，请装纸 / the printer is out of paper';

/** Where the virtual printer's documents go once the window is known: the hall's virtual printer at that window. */
export type PaperSink = (doc: IntakeDocument) => Promise<PrintOutcome>;

/** The browser's virtual receipt printer: paper in or out, watched by the screen's switch. */
export interface VirtualPrinter {
  readonly paperOut: boolean;
  setPaperOut(out: boolean): void;
  /** Calls `cb` on every change; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
  /** Sends what is printed to `sink` as well as to the screen; returns the function that disconnects it. */
  connect(sink: PaperSink): () => void;
  print(doc: WindowDocument): Promise<PrintOutcome>;
}

export function createVirtualPrinter(): VirtualPrinter {
  let paperOut = false;
  let sink: PaperSink | null = null;
  const listeners = new Set<() => void>();
  return {
    get paperOut() {
      return paperOut;
    },
    setPaperOut(out) {
      paperOut = out;
      for (const cb of listeners) cb();
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    connect(next) {
      sink = next;
      return () => {
        if (sink === next) sink = null;
      };
    },
    async print(doc) {
      if (paperOut) return { printed: false, reason: VIRTUAL_PAPER_OUT };
      // A service receipt is no document the hall keeps: it is "printed" on the screen only.
      return sink && doc.kind !== 'service-receipt' ? sink(doc) : { printed: true };
    },
  };
}

const virtualPrinters = new WeakMap<WindowDeviceApi, VirtualPrinter>();

/** The virtual printer behind a browser fallback, or null (Electron's printer is a real one). */
export function virtualPrinterOf(devices: WindowDeviceApi): VirtualPrinter | null {
  return virtualPrinters.get(devices) ?? null;
}

export function browserDevices(printer: VirtualPrinter = createVirtualPrinter()): WindowDeviceApi {
  const status = (): WindowDeviceStatus => ({
    reader: 'absent',
    printer: printer.paperOut ? 'error' : 'ready',
    evaluator: 'absent',
    pad: 'absent',
    ...(printer.paperOut ? { problems: { printer: VIRTUAL_PAPER_OUT } } : {}),
  });
  const api: WindowDeviceApi = {
    runtime: 'browser',
    onCard: () => () => undefined,
    // The finished ticket's service receipt is not a document the virtual printer keeps: "printed" unless out of paper.
    printReceipt: () =>
      Promise.resolve(printer.paperOut ? { printed: false, reason: VIRTUAL_PAPER_OUT } : { printed: true }),
    printDocument: (doc) => printer.print(doc),
    startEvaluation: () => Promise.resolve({ status: 'unavailable', message: '浏览器模式未连接评价器' }),
    getDeviceStatus: () => Promise.resolve(status()),
    onDeviceStatus: (cb) => printer.subscribe(() => cb(status())),
  };
  virtualPrinters.set(api, printer);
  return api;
}

const DEVICE_LABELS: Record<WindowDeviceName, string> = {
  reader: '读卡器',
  printer: '打印机',
  evaluator: '评价器',
  pad: '呼叫器',
};

/** The devices not ready, as the clerk reads them: 「打印机：缺纸」. Empty when all are ready or simply not fitted. */
export function deviceProblems(status: WindowDeviceStatus): string[] {
  const out: string[] = [];
  for (const name of Object.keys(DEVICE_LABELS) as WindowDeviceName[]) {
    if (status[name] !== 'error') continue;
    out.push(`${DEVICE_LABELS[name]}：${status.problems?.[name] ?? '故障'}`);
  }
  return out;
}

export function windowDevices(): WindowDeviceApi {
  return (typeof window !== 'undefined' && window.windowApi) || browserDevices();
}

/** The hall server: from the preload in Electron (the page is a file:// there), else the page's own origin. */
export function hallOrigin(api: WindowDeviceApi = windowDevices()): string {
  return (api.serverUrl ?? window.location.origin).replace(/\/+$/, '');
}

/** 张三 → 张*, 张三丰 → 张*丰 ; 420102199001011234 → 4201**********1234 (DESIGN rule 8). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}
