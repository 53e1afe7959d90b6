/**
 * The window's devices: the Electron preload API when there is one, otherwise a browser fallback with virtual
 * devices — the virtual printer's output is what the screen shows, and it can run out of paper (a switch on the
 * screen) so that the intake's "printer out of paper at accept time" can be tried and tested; it reads no card by
 * itself (the intake shows virtual cards) and starts no evaluation, and says so in its answers.
 */
import type { PrinterReadiness, WindowDeviceApi } from '../shared/window-api';

/** What the clerk is told when the virtual printer has no paper. */
export const VIRTUAL_PAPER_OUT = '打印机缺纸，请装纸 / the printer is out of paper';

/** The browser's virtual receipt printer: paper in or out, watched by the screen's switch. */
export interface VirtualPrinter {
  readonly paperOut: boolean;
  setPaperOut(out: boolean): void;
  /** Calls `cb` on every change; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
}

export function createVirtualPrinter(): VirtualPrinter {
  let paperOut = false;
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
  };
}

const virtualPrinters = new WeakMap<WindowDeviceApi, VirtualPrinter>();

/** The virtual printer behind a browser fallback, or null (Electron's printer is a real one). */
export function virtualPrinterOf(devices: WindowDeviceApi): VirtualPrinter | null {
  return virtualPrinters.get(devices) ?? null;
}

export function browserDevices(printer: VirtualPrinter = createVirtualPrinter()): WindowDeviceApi {
  const readiness = (): PrinterReadiness =>
    printer.paperOut ? { ready: false, reason: VIRTUAL_PAPER_OUT } : { ready: true };
  const api: WindowDeviceApi = {
    runtime: 'browser',
    onCard: () => () => undefined,
    // "Printed" on the virtual printer: the screen shows the output (the intake's preview), unless it has no paper.
    printReceipt: () =>
      Promise.resolve(printer.paperOut ? { printed: false, reason: VIRTUAL_PAPER_OUT } : { printed: true }),
    printerStatus: () => Promise.resolve(readiness()),
    startEvaluation: () => Promise.resolve({ status: 'unavailable', message: '浏览器模式未连接评价器' }),
  };
  virtualPrinters.set(api, printer);
  return api;
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
